package org.node4j.lab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The wall-clock times of a workload's timed iterations, in milliseconds: minimum, median and
 * maximum (docs/WORKLOADS.md asks for all three, since one busy neighbour on a 2-core machine ruins
 * a timing and only the spread shows it).
 *
 * @param minMs the fastest iteration
 * @param medianMs the median iteration (the mean of the middle two for an even count)
 * @param maxMs the slowest iteration
 * @param iterations the number of timed iterations
 * @param warmups the untimed iterations that ran first
 * @param warmupMs the time of each warm-up iteration, in order (empty when not recorded)
 * @param iterationMs the time of each timed iteration, in order (empty when not recorded): with
 *     {@code warmupMs}, it shows how fast a fresh process gets fast (a warm-up cliff)
 * @param iterationCpuMs the measuring thread's CPU time in each timed iteration, in order (empty
 *     when not recorded): with one engine thread it is the whole computation's, and unlike the wall
 *     time it does not grow when other processes take the cores
 * @param firstOverSteady the warm-up cliff: the mean time of timed iterations 1 to 3 over the
 *     median of the last half of the timed iterations ({@code null} with fewer than 6 recorded); 1
 *     when the protocol's warm-ups reach steady state
 * @param cpuFirstOverSteady the same ratio of {@code iterationCpuMs} ({@code null} when not
 *     recorded)
 * @param firstEndsEpochMs the wall-clock times (milliseconds since the epoch, microsecond
 *     resolution) at which the first {@value #LAUNCH_MARKS} iterations, warm-ups first, ended
 *     (empty when not recorded): with the time a process was started, how long a user of a fresh
 *     process waits for its first iterations ({@code scripts/bench-side-by-side.py} compares it
 *     with the peer's)
 */
public record Timing(
    double minMs,
    double medianMs,
    double maxMs,
    int iterations,
    int warmups,
    List<Double> warmupMs,
    List<Double> iterationMs,
    List<Double> iterationCpuMs,
    Double firstOverSteady,
    Double cpuFirstOverSteady,
    List<Double> firstEndsEpochMs) {

  /** How many iterations' end times {@link #firstEndsEpochMs} keeps. */
  public static final int LAUNCH_MARKS = 5;

  /** The timed iterations whose mean is compared with the steady state ({@link #cliff}). */
  static final int FIRST = 3;

  /** Copies the lists, so that the record is immutable. */
  public Timing {
    warmupMs = List.copyOf(warmupMs);
    iterationMs = List.copyOf(iterationMs);
    iterationCpuMs = List.copyOf(iterationCpuMs);
    firstEndsEpochMs = List.copyOf(firstEndsEpochMs);
  }

  /**
   * Runs {@code warmups} untimed then {@code iterations} timed calls of {@code body} (its argument
   * is the 0-based call number over both phases) and returns their times. With {@code
   * -Dnode4j.bench.trace=true} each call also prints a line to place it in a JIT log ({@link
   * IterationTrace}).
   *
   * @throws IllegalArgumentException if {@code iterations < 1} or {@code warmups < 0}
   */
  public static Timing measure(int warmups, int iterations, IntConsumer body) {
    if (iterations < 1 || warmups < 0) {
      throw new IllegalArgumentException(
          "need iterations >= 1 and warmups >= 0, got " + iterations + " and " + warmups);
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    boolean cpu = mx.isCurrentThreadCpuTimeSupported();
    double[] ends = new double[Math.min(LAUNCH_MARKS, warmups + iterations)];
    double[] warm = new double[warmups];
    for (int w = 0; w < warmups; w++) {
      IterationTrace trace = IterationTrace.begin(w, false);
      long start = System.nanoTime();
      body.accept(w);
      warm[w] = (System.nanoTime() - start) / 1e6;
      mark(ends, w);
      trace.end();
    }
    double[] ms = new double[iterations];
    double[] cpuMs = new double[cpu ? iterations : 0];
    for (int i = 0; i < iterations; i++) {
      IterationTrace trace = IterationTrace.begin(warmups + i, true);
      long cpuStart = cpu ? mx.getCurrentThreadCpuTime() : 0;
      long start = System.nanoTime();
      body.accept(warmups + i);
      ms[i] = (System.nanoTime() - start) / 1e6;
      if (cpu) {
        cpuMs[i] = (mx.getCurrentThreadCpuTime() - cpuStart) / 1e6;
      }
      mark(ends, warmups + i);
      trace.end();
    }
    return summary(ms, warmups, list(warm), list(ms), list(cpuMs), list(ends));
  }

  /** Records the wall-clock time at which iteration {@code k} ended, if it is one of the first. */
  private static void mark(double[] ends, int k) {
    if (k < ends.length) {
      Instant now = Instant.now();
      ends[k] = now.getEpochSecond() * 1e3 + now.getNano() / 1e6;
    }
  }

  /** Summarises the given per-iteration times (the warm-up times not recorded). */
  public static Timing of(double[] ms, int warmups) {
    return summary(ms, warmups, List.of(), list(ms), List.of(), List.of());
  }

  /** Summarises the given per-iteration times, keeping both lists. */
  public static Timing of(double[] warmupMs, double[] ms) {
    return summary(ms, warmupMs.length, list(warmupMs), list(ms), List.of(), List.of());
  }

  private static Timing summary(
      double[] ms,
      int warmups,
      List<Double> warm,
      List<Double> timed,
      List<Double> cpu,
      List<Double> ends) {
    double[] s = ms.clone();
    Arrays.sort(s);
    int n = s.length;
    return new Timing(
        s[0], median(s), s[n - 1], n, warmups, warm, timed, cpu, cliff(timed), cliff(cpu), ends);
  }

  /**
   * The mean of the first {@link #FIRST} values over the median of the last half, or {@code null}
   * with fewer than {@code 2 * FIRST} values (the two would overlap).
   */
  static Double cliff(List<Double> times) {
    int n = times.size();
    if (n < 2 * FIRST) {
      return null;
    }
    double first = 0;
    for (int i = 0; i < FIRST; i++) {
      first += times.get(i);
    }
    double[] last = times.subList(n / 2, n).stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(last);
    double steady = median(last);
    return steady > 0 ? Math.round(first / FIRST / steady * 1000) / 1000.0 : null;
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  }

  private static List<Double> list(double[] ms) {
    return Arrays.stream(ms).map(v -> Math.round(v * 1000) / 1000.0).boxed().toList();
  }
}

package org.node4j.lab.bench;

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
 */
public record Timing(
    double minMs,
    double medianMs,
    double maxMs,
    int iterations,
    int warmups,
    List<Double> warmupMs,
    List<Double> iterationMs) {

  /** Copies the lists, so that the record is immutable. */
  public Timing {
    warmupMs = List.copyOf(warmupMs);
    iterationMs = List.copyOf(iterationMs);
  }

  /**
   * Runs {@code warmups} untimed then {@code iterations} timed calls of {@code body} (its argument
   * is the 0-based call number over both phases) and returns their times.
   *
   * @throws IllegalArgumentException if {@code iterations < 1} or {@code warmups < 0}
   */
  public static Timing measure(int warmups, int iterations, IntConsumer body) {
    if (iterations < 1 || warmups < 0) {
      throw new IllegalArgumentException(
          "need iterations >= 1 and warmups >= 0, got " + iterations + " and " + warmups);
    }
    double[] warm = new double[warmups];
    for (int w = 0; w < warmups; w++) {
      long start = System.nanoTime();
      body.accept(w);
      warm[w] = (System.nanoTime() - start) / 1e6;
    }
    double[] ms = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      body.accept(warmups + i);
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    return of(warm, ms);
  }

  /** Summarises the given per-iteration times (the warm-up times not recorded). */
  public static Timing of(double[] ms, int warmups) {
    return summary(ms, warmups, List.of(), list(ms));
  }

  /** Summarises the given per-iteration times, keeping both lists. */
  public static Timing of(double[] warmupMs, double[] ms) {
    return summary(ms, warmupMs.length, list(warmupMs), list(ms));
  }

  private static Timing summary(double[] ms, int warmups, List<Double> warm, List<Double> timed) {
    double[] s = ms.clone();
    Arrays.sort(s);
    int n = s.length;
    double median = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    return new Timing(s[0], median, s[n - 1], n, warmups, warm, timed);
  }

  private static List<Double> list(double[] ms) {
    return Arrays.stream(ms).map(v -> Math.round(v * 1000) / 1000.0).boxed().toList();
  }
}

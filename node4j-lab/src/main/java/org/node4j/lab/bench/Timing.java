package org.node4j.lab.bench;

import java.util.Arrays;
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
 */
public record Timing(double minMs, double medianMs, double maxMs, int iterations, int warmups) {

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
    for (int w = 0; w < warmups; w++) {
      body.accept(w);
    }
    double[] ms = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      body.accept(warmups + i);
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    return of(ms, warmups);
  }

  /** Summarises the given per-iteration times. */
  public static Timing of(double[] ms, int warmups) {
    double[] s = ms.clone();
    Arrays.sort(s);
    int n = s.length;
    double median = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    return new Timing(s[0], median, s[n - 1], n, warmups);
  }
}

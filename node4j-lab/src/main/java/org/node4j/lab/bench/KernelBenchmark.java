package org.node4j.lab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.node4j.nn.kernel.Gemm;
import org.node4j.nn.kernel.MatF32;
import org.node4j.nn.kernel.MatF64;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.tensor.DType;

/**
 * A quick, dependency-free measurement of the GEMM kernels for {@code node4j bench kernels}:
 * warm-up runs, then timed runs whose minimum, median and maximum are reported, with GFLOP/s from
 * the median. Each timed run repeats the product enough times to last a few milliseconds, so timer
 * resolution does not matter for small shapes.
 *
 * <p>This is for humans and the CLI, not for tests (tests never assert on speed), and it is rougher
 * than the JMH benchmarks in {@code node4j-bench}, which are the reference figures. It lives with
 * the benchmark workloads, not in the library: users of {@code node4j-nn} never need it.
 */
public final class KernelBenchmark {
  /** Floating-point work per timed run, about 5 ms at 40 GFLOP/s. */
  private static final double FLOPS_PER_RUN = 2e8;

  private KernelBenchmark() {}

  /**
   * How long to measure.
   *
   * @param warmupRuns untimed runs that let the JIT compile the kernels (at least 0)
   * @param timedRuns timed runs (at least 1)
   */
  public record Settings(int warmupRuns, int timedRuns) {
    /** Validates the counts. */
    public Settings {
      if (warmupRuns < 0 || timedRuns < 1) {
        throw new IllegalArgumentException(
            "need warmupRuns >= 0 and timedRuns >= 1, got " + warmupRuns + " and " + timedRuns);
      }
    }

    /** A few seconds per shape: 20 warm-up and 15 timed runs. */
    public static Settings standard() {
      return new Settings(20, 15);
    }
  }

  /**
   * One measurement.
   *
   * @param label what was measured, e.g. {@code "gemm f32 NN 256x64x32"}
   * @param implementation {@link Gemm#implementationName()} at the time of the measurement
   * @param threads the number of threads used
   * @param flops floating-point operations of one product (2 m n k) or of one probe run
   * @param minMs fastest time of one product, in milliseconds
   * @param medianMs median time of one product, in milliseconds
   * @param maxMs slowest time of one product, in milliseconds
   */
  public record Result(
      String label,
      String implementation,
      int threads,
      double flops,
      double minMs,
      double medianMs,
      double maxMs) {
    /** Returns GFLOP/s at the median time. */
    public double medianGflops() {
      return flops / (medianMs * 1e6);
    }

    @Override
    public String toString() {
      return String.format(
          "%-34s %-11s threads=%d  %8.1f GFLOP/s  min/median/max %.4f/%.4f/%.4f ms",
          label, implementation, threads, medianGflops(), minMs, medianMs, maxMs);
    }
  }

  /**
   * Measures {@code C = op(A) op(B)} with op(A) m x k and op(B) k x n, with random operands. Large
   * products run on {@link Parallel#threads()} threads, small ones on one (the result says which).
   */
  public static Result gemm(
      DType dtype, boolean transA, boolean transB, int m, int k, int n, Settings settings) {
    if (m < 1 || k < 1 || n < 1) {
      throw new IllegalArgumentException(
          "benchmark shape must be positive, got " + m + "x" + k + "x" + n);
    }
    double flops = 2.0 * m * n * k;
    int reps = (int) Math.max(1, Math.ceil(FLOPS_PER_RUN / flops));
    Runnable product = product(dtype, transA, transB, m, k, n);
    String label =
        String.format(
            "gemm %s %s%s %dx%dx%d",
            dtype == DType.FLOAT32 ? "f32" : "f64",
            transA ? "T" : "N",
            transB ? "T" : "N",
            m,
            k,
            n);
    double[] ms = time(product, reps, settings);
    int threads = Gemm.isParallel(m, n, k) ? Parallel.threads() : 1;
    return result(label, threads, flops, ms);
  }

  /**
   * Measures the register-only FMA peak on {@code threads} threads: {@link VectorFmaProbe} when the
   * active kernel is the Vector API one, otherwise the same loop in scalar float32 fused
   * multiply-adds.
   */
  public static Result fmaPeak(int threads, Settings settings) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    boolean vector = Gemm.implementationName().startsWith("vector");
    long iterations = 2_000_000;
    long flopsPerThread =
        iterations * (vector ? VectorFmaProbe.flopsPerIteration() : SCALAR_FLOPS_PER_ITERATION);
    Runnable probe =
        () ->
            onThreads(
                threads,
                () -> SINK.add(vector ? VectorFmaProbe.run(iterations) : scalarFma(iterations)));
    double[] ms = time(probe, 1, settings);
    return result("fma peak f32", threads, (double) flopsPerThread * threads, ms);
  }

  /** Floating-point operations per iteration of {@link #scalarFma}: 8 FMAs, 2 flops each. */
  private static final long SCALAR_FLOPS_PER_ITERATION = 8 * 2;

  /** Collects the probes' results so that the JIT cannot remove their loops. */
  private static final java.util.concurrent.atomic.DoubleAdder SINK =
      new java.util.concurrent.atomic.DoubleAdder();

  /**
   * Eight independent chains of scalar float32 fused multiply-adds, bounded as in the vector probe.
   */
  private static float scalarFma(long iterations) {
    float a0 = 0.10f;
    float a1 = 0.11f;
    float a2 = 0.12f;
    float a3 = 0.13f;
    float a4 = 0.14f;
    float a5 = 0.15f;
    float a6 = 0.16f;
    float a7 = 0.17f;
    for (long it = 0; it < iterations; it++) {
      a0 = Math.fma(a0, 0.999f, 0.001f);
      a1 = Math.fma(a1, 0.999f, 0.001f);
      a2 = Math.fma(a2, 0.999f, 0.001f);
      a3 = Math.fma(a3, 0.999f, 0.001f);
      a4 = Math.fma(a4, 0.999f, 0.001f);
      a5 = Math.fma(a5, 0.999f, 0.001f);
      a6 = Math.fma(a6, 0.999f, 0.001f);
      a7 = Math.fma(a7, 0.999f, 0.001f);
    }
    return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
  }

  /** The reference set: the three float32 shapes, the FMA peak on 1 and all threads. */
  public static List<Result> standardSuite(Settings settings) {
    List<Result> out = new ArrayList<>();
    out.add(fmaPeak(1, settings));
    out.add(fmaPeak(Parallel.threads(), settings));
    out.add(gemm(DType.FLOAT32, false, false, 256, 64, 32, settings));
    out.add(gemm(DType.FLOAT32, false, false, 256, 96, 32, settings));
    out.add(gemm(DType.FLOAT32, false, false, 32768, 1152, 128, settings));
    return out;
  }

  /** Prints the standard suite to standard output. */
  public static void main(String[] args) {
    System.out.println("implementation: " + Gemm.implementationName());
    standardSuite(Settings.standard()).forEach(System.out::println);
  }

  private static Runnable product(
      DType dtype, boolean transA, boolean transB, int m, int k, int n) {
    SplittableRandom rnd = new SplittableRandom(42);
    int lda = transA ? m : k;
    int ldb = transB ? k : n;
    if (dtype == DType.FLOAT32) {
      float[] a = randomFloats(rnd, m * k);
      float[] b = randomFloats(rnd, k * n);
      float[] c = new float[m * n];
      MatF32 av = new MatF32(a, 0, lda, transA ? k : m, lda);
      MatF32 bv = new MatF32(b, 0, ldb, transB ? n : k, ldb);
      MatF32 cv = MatF32.dense(c, 0, m, n);
      return () -> Gemm.gemm(transA, transB, av, bv, cv, false);
    }
    double[] a = rnd.doubles(m * k, -1, 1).toArray();
    double[] b = rnd.doubles(k * n, -1, 1).toArray();
    double[] c = new double[m * n];
    MatF64 av = new MatF64(a, 0, lda, transA ? k : m, lda);
    MatF64 bv = new MatF64(b, 0, ldb, transB ? n : k, ldb);
    MatF64 cv = MatF64.dense(c, 0, m, n);
    return () -> Gemm.gemm(transA, transB, av, bv, cv, false);
  }

  private static float[] randomFloats(SplittableRandom rnd, int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) rnd.nextDouble(-1, 1);
    }
    return x;
  }

  /** Returns the per-repetition times of the timed runs, in milliseconds. */
  private static double[] time(Runnable body, int reps, Settings settings) {
    for (int w = 0; w < settings.warmupRuns(); w++) {
      for (int r = 0; r < reps; r++) {
        body.run();
      }
    }
    double[] ms = new double[settings.timedRuns()];
    for (int t = 0; t < ms.length; t++) {
      long start = System.nanoTime();
      for (int r = 0; r < reps; r++) {
        body.run();
      }
      ms[t] = (System.nanoTime() - start) / 1e6 / reps;
    }
    return ms;
  }

  private static Result result(String label, int threads, double flops, double[] ms) {
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    double median = sorted[sorted.length / 2];
    return new Result(
        label,
        Gemm.implementationName(),
        threads,
        flops,
        sorted[0],
        median,
        sorted[sorted.length - 1]);
  }

  private static void onThreads(int threads, Runnable task) {
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      workers[t] = new Thread(task, "node4j-fma-probe-" + t);
      workers[t].start();
    }
    for (Thread w : workers) {
      try {
        w.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while probing the FMA peak", e);
      }
    }
  }
}

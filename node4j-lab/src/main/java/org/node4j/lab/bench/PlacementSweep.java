package org.node4j.lab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.node4j.nn.kernel.Gemm;
import org.node4j.nn.kernel.MatF32;
import org.node4j.nn.kernel.Parallel;

/**
 * An experiment, not a benchmark of record: does the float32 GEMM's speed depend on where its
 * operands lie in memory? W5's products (C[256 x 64] = A[256 x 64] B[64 x 64] and its backward
 * shapes) are run with A, B and C placed inside one array at controlled element offsets, so that
 * their positions relative to each other (and, by a common shift, relative to 64-byte lines) are
 * fixed while the array's own address is not. Placements are alternated round-robin many times on
 * one thread and timed in per-thread CPU time; each placement's median is printed with the ratio of
 * the slowest to the fastest median.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp node4j-lab/target/node4j.jar
 * org.node4j.lab.bench.PlacementSweep [rounds]}.
 */
public final class PlacementSweep {
  private static final int M = 256;
  private static final int N = 64;
  private static final int K = 64;

  /** Distance between the operands' regions: 64 KiB, so offset 0 puts them 4096 bytes apart. */
  private static final int REGION = 16 * 1024;

  /** Products per timed sample (~1 ms at 100 GFLOP/s). */
  private static final int REPS = 50;

  /** Iterations of the register-only FMA probe timed once per round (about 10 ms). */
  private static final long FMA_ITERATIONS = 1_000_000;

  /** Keeps the probe's result alive. */
  private static float sink;

  private PlacementSweep() {}

  /** One product shape: how W5 uses the kernel. */
  private enum Shape {
    /** Forward and dX of backward as stored: C = A B, B row-major [64 x 64]. */
    NN(false, false),
    /** Forward as the Linear layer calls it: C = A W^T (the driver transposes W first). */
    NT(false, true),
    /** Weight gradient dW = dY^T X: C[64 x 64] = A^T B, A = dY [256 x 64], B = X [256 x 64]. */
    TN(true, false);

    final boolean transA;
    final boolean transB;

    Shape(boolean transA, boolean transB) {
      this.transA = transA;
      this.transB = transB;
    }
  }

  /** Where A, B and C start, in floats past the start of their regions. */
  private record Placement(Shape shape, int a, int b, int c) {
    @Override
    public String toString() {
      return String.format("%s A+%-4d B+%-4d C+%-4d", shape, a, b, c);
    }
  }

  /** Runs the sweep; the optional argument is the number of rounds (default 40). */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    Parallel.setThreads(1);
    System.out.println("implementation: " + Gemm.implementationName());
    float[] slab = new float[4 * REGION];
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < slab.length; i++) {
      slab[i] = (float) rnd.nextDouble(-1, 1);
    }
    List<Placement> placements = placements();
    double[][] ms = new double[placements.size()][rounds];
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    for (int w = 0; w < 3; w++) {
      for (Placement p : placements) {
        run(slab, p);
      }
    }
    double[] fmaGflops = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long f0 = bean.getCurrentThreadCpuTime();
      sink += VectorFmaProbe.run(FMA_ITERATIONS);
      fmaGflops[r] =
          (double) FMA_ITERATIONS
              * VectorFmaProbe.flopsPerIteration()
              / (bean.getCurrentThreadCpuTime() - f0);
      for (int i = 0; i < placements.size(); i++) {
        long t0 = bean.getCurrentThreadCpuTime();
        run(slab, placements.get(i));
        ms[i][r] = (bean.getCurrentThreadCpuTime() - t0) / 1e6 / REPS;
      }
      if (Boolean.getBoolean("sweep.trace")) {
        double[] round = new double[placements.size()];
        for (int i = 0; i < round.length; i++) {
          round[i] = ms[i][r];
        }
        System.out.printf(
            "round %d median %.4f ms, FMA probe %.1f GFLOP/s%n", r, median(round), fmaGflops[r]);
      }
    }
    StringBuilder series = new StringBuilder("per-round median over placements (ms):");
    for (int r = 0; r < rounds; r++) {
      double[] round = new double[placements.size()];
      for (int i = 0; i < round.length; i++) {
        round[i] = ms[i][r];
      }
      series.append(String.format(" %.4f", median(round)));
    }
    System.out.println(series);
    StringBuilder fma = new StringBuilder("per-round FMA probe (GFLOP/s):");
    for (double g : fmaGflops) {
      fma.append(String.format(" %.1f", g));
    }
    System.out.println(fma + (sink == 0 ? "" : " "));
    for (Shape shape : Shape.values()) {
      double lo = Double.MAX_VALUE;
      double hi = 0;
      String fastest = "";
      String slowest = "";
      for (int i = 0; i < placements.size(); i++) {
        Placement p = placements.get(i);
        if (p.shape() != shape) {
          continue;
        }
        double med = median(ms[i]);
        System.out.printf("%s  median %.4f ms  (%.1f GFLOP/s)%n", p, med, 2e-6 * M * N * K / med);
        if (med < lo) {
          lo = med;
          fastest = p.toString();
        }
        if (med > hi) {
          hi = med;
          slowest = p.toString();
        }
      }
      System.out.printf(
          "%s: slowest/fastest = %.2f (slowest %s, fastest %s)%n%n",
          shape, hi / lo, slowest, fastest);
    }
  }

  /**
   * Each operand alone shifted by 0..15 floats (the others at 0), all three shifted together, and a
   * few relative shifts that move B or C off (or onto) 4096-byte distance from A.
   */
  private static List<Placement> placements() {
    List<Placement> out = new ArrayList<>();
    for (Shape s : Shape.values()) {
      for (int o = 0; o < 16; o++) {
        out.add(new Placement(s, o, 0, 0));
        if (o > 0) {
          out.add(new Placement(s, 0, o, 0));
          out.add(new Placement(s, 0, 0, o));
          out.add(new Placement(s, o, o, o));
        }
      }
      for (int far : new int[] {64, 256, 512, 1024 - 16, 1024 + 16}) {
        out.add(new Placement(s, 0, far, 0));
        out.add(new Placement(s, 0, 0, far));
        out.add(new Placement(s, 0, far, far + 8));
      }
    }
    return out;
  }

  private static void run(float[] slab, Placement p) {
    Shape s = p.shape();
    // NN, NT: op(A) 256 x 64 stored as is; TN: op(A) = dY^T, A stored 256 x 64, C 64 x 64.
    int m = s.transA ? N : M;
    int k = s.transA ? M : K;
    MatF32 a = s.transA ? MatF32.dense(slab, p.a(), k, m) : MatF32.dense(slab, p.a(), m, k);
    MatF32 b =
        s.transB
            ? MatF32.dense(slab, REGION + p.b(), N, k)
            : MatF32.dense(slab, REGION + p.b(), k, N);
    MatF32 c = MatF32.dense(slab, 2 * REGION + p.c(), m, N);
    for (int r = 0; r < REPS; r++) {
      Gemm.gemm(s.transA, s.transB, a, b, c, false);
    }
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}

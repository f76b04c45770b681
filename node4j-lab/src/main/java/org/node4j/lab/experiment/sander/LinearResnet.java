package org.node4j.lab.experiment.sander;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Part 4, the linear ResNet of Sander et al.'s Fig. 2 (NeurIPS 2022): X = prod_{n=1..N} (I + A_n /
 * N) with 2 x 2 matrices multiplied left to right in layer order, A_n(0) = 0, trained by full-batch
 * gradient descent on mean((X - B)^2) towards B = I + G (G standard Gaussian) with the depth-scaled
 * rate c N (the authors' script: rate 100 at N = 100), stopped when the loss falls below the
 * tolerance. The paper's claim: the trained A_n are smooth in n, and max_n ||A_{n+1} - A_n||_F =
 * O(1/N) uniformly in the iterations, so N max_n ||A_{n+1} - A_n||_F stays bounded as N grows.
 */
final class LinearResnet {
  /** The plotted entry of A_n: row 0, column 1. */
  static final int ENTRY = 1;

  /** The iterations whose A_n are kept (those reached), and the last one. */
  static final int[] SNAPSHOT_ITERATIONS = {1, 3, 10, 30, 100, 300, 1000, 3000, 10000, 30000};

  private LinearResnet() {}

  /**
   * The entry of A_n at one iteration.
   *
   * @param values the entry for n = 1..N
   */
  record Snapshot(int iteration, double[] values) {}

  /**
   * The outcome.
   *
   * @param target B, row-major
   * @param smoothness N max_n ||A_{n+1} - A_n||_F at the end
   * @param smoothnessMaxOverIterations the same, maximised over all iterations
   */
  record Result(
      int iterations,
      double finalLoss,
      boolean converged,
      double[] target,
      double smoothness,
      double smoothnessMaxOverIterations,
      List<Snapshot> snapshots) {}

  /** The training state that a checkpoint holds. */
  record State(int iteration, double[] a, double smoothnessMax, List<Snapshot> snapshots) {}

  /** Trains the cell in {@code runDir}, resuming from its checkpoint. */
  static Result run(Cells.Linear cell, Path runDir, int stopAfter) throws IOException {
    int n = cell.depth();
    double[] b = target(cell.seed());
    State s =
        CellState.load(runDir, State.class)
            .orElse(new State(0, new double[4 * n], 0, new ArrayList<>()));
    double[] a = s.a();
    List<Snapshot> snaps = new ArrayList<>(s.snapshots());
    double smoothMax = s.smoothnessMax();
    int it = s.iteration();
    double[][] prefix = new double[n + 1][];
    double[][] suffix = new double[n + 1][];
    double loss = loss(a, b, n, prefix, suffix);
    int done = 0;
    while (loss >= cell.tolerance() && it < cell.maxIterations()) {
      step(a, b, n, cell.rateScale(), prefix, suffix);
      it++;
      smoothMax = Math.max(smoothMax, smoothness(a, n));
      if (isSnapshot(it)) {
        snaps.add(new Snapshot(it, entry(a, n)));
      }
      loss = loss(a, b, n, prefix, suffix);
      if (++done >= stopAfter) {
        CellState.save(runDir, new State(it, a, smoothMax, snaps));
        throw new CellState.Interrupted(it);
      }
      if (it % cell.checkpointEvery() == 0) {
        CellState.save(runDir, new State(it, a, smoothMax, snaps));
      }
    }
    if (snaps.isEmpty() || snaps.get(snaps.size() - 1).iteration() != it) {
      snaps.add(new Snapshot(it, entry(a, n)));
    }
    return new Result(
        it, loss, loss < cell.tolerance(), b, smoothness(a, n), smoothMax, List.copyOf(snaps));
  }

  /** B = I + G with G standard Gaussian, redrawn until det B > 0 (reachable from the identity). */
  static double[] target(int seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    while (true) {
      double[] b = {
        1 + rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian(), 1 + rng.nextGaussian()
      };
      if (b[0] * b[3] - b[1] * b[2] > 0) {
        return b;
      }
    }
  }

  private static boolean isSnapshot(int it) {
    for (int s : SNAPSHOT_ITERATIONS) {
      if (s == it) {
        return true;
      }
    }
    return false;
  }

  private static double[] entry(double[] a, int n) {
    double[] e = new double[n];
    for (int k = 0; k < n; k++) {
      e[k] = a[4 * k + ENTRY];
    }
    return e;
  }

  /** N max_n ||A_{n+1} - A_n||_F. */
  static double smoothness(double[] a, int n) {
    double max = 0;
    for (int k = 0; k + 1 < n; k++) {
      double s = 0;
      for (int i = 0; i < 4; i++) {
        double dlt = a[4 * (k + 1) + i] - a[4 * k + i];
        s += dlt * dlt;
      }
      max = Math.max(max, Math.sqrt(s));
    }
    return n * max;
  }

  /** Fills prefix[k] = P_1..P_k and suffix[k] = P_{k+1}..P_N; returns mean((X - B)^2). */
  private static double loss(double[] a, double[] b, int n, double[][] prefix, double[][] suffix) {
    prefix[0] = new double[] {1, 0, 0, 1};
    for (int k = 0; k < n; k++) {
      prefix[k + 1] = mul(prefix[k], factor(a, k, n));
    }
    suffix[n] = new double[] {1, 0, 0, 1};
    for (int k = n - 1; k >= 0; k--) {
      suffix[k] = mul(factor(a, k, n), suffix[k + 1]);
    }
    double l = 0;
    for (int i = 0; i < 4; i++) {
      double r = prefix[n][i] - b[i];
      l += r * r;
    }
    return l / 4;
  }

  /**
   * One gradient step with rate c N: dL/dA_k = (1/N) L_k^T G R_k^T with L_k = P_1..P_{k-1}, R_k =
   * P_{k+1}..P_N and G = dL/dX = (X - B) / 2; uses the products of the last {@link #loss} call.
   */
  private static void step(
      double[] a, double[] b, int n, double c, double[][] prefix, double[][] suffix) {
    double[] g = new double[4];
    for (int i = 0; i < 4; i++) {
      g[i] = (prefix[n][i] - b[i]) / 2;
    }
    for (int k = 0; k < n; k++) {
      double[] grad = mul(mul(transpose(prefix[k]), g), transpose(suffix[k + 1]));
      for (int i = 0; i < 4; i++) {
        a[4 * k + i] -= c * grad[i];
      }
    }
  }

  private static double[] factor(double[] a, int k, int n) {
    return new double[] {
      1 + a[4 * k] / n, a[4 * k + 1] / n, a[4 * k + 2] / n, 1 + a[4 * k + 3] / n
    };
  }

  private static double[] mul(double[] p, double[] q) {
    return new double[] {
      p[0] * q[0] + p[1] * q[2],
      p[0] * q[1] + p[1] * q[3],
      p[2] * q[0] + p[3] * q[2],
      p[2] * q[1] + p[3] * q[3]
    };
  }

  private static double[] transpose(double[] p) {
    return new double[] {p[0], p[2], p[1], p[3]};
  }
}

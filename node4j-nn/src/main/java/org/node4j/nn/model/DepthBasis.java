package org.node4j.nn.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.node4j.nn.field.ParameterSets;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;

/**
 * Basis functions of depth for {@link DepthInit}'s smooth initialisations, and the combination
 * theta_k = sum_r c[k][r] X_r with independent base draws X_r.
 */
final class DepthBasis {
  /** Pivoted Cholesky stops when every remaining kernel variance is below this. */
  static final double CHOLESKY_TOLERANCE = 1e-12;

  private DepthBasis() {}

  /**
   * Coefficients of X_0 (constant) and X_f sin(2 pi f s), Y_f cos(2 pi f s) scaled by amplitude / f
   * for f = 1..F, at s = k / N, normalised so that sum_r c[k][r]^2 = 1 at every s.
   */
  static double[][] fourier(int n, int frequencies, double amplitude) {
    double sumInvSq = 0;
    for (int f = 1; f <= frequencies; f++) {
      sumInvSq += 1.0 / ((double) f * f);
    }
    double norm = Math.sqrt(1.0 + amplitude * amplitude * sumInvSq);
    double[][] c = new double[n][1 + 2 * frequencies];
    for (int k = 0; k < n; k++) {
      double s = (double) k / n;
      c[k][0] = 1.0 / norm;
      for (int f = 1; f <= frequencies; f++) {
        c[k][2 * f - 1] = amplitude / f * Math.sin(2 * Math.PI * f * s) / norm;
        c[k][2 * f] = amplitude / f * Math.cos(2 * Math.PI * f * s) / norm;
      }
    }
    return c;
  }

  /**
   * A factor L (N x r) with L L^T = K to {@link #CHOLESKY_TOLERANCE}, where K[a][b] = exp(-(s_a -
   * s_b)^2 / (2 l^2)) at s = k / N: pivoted Cholesky (Harbrecht, Peters and Schneider 2012), whose
   * rank r stays small for smooth kernels, so sampling costs O(N r) per entry instead of O(N^2).
   */
  static double[][] squaredExponential(int n, double lengthScale) {
    double[] d = new double[n];
    Arrays.fill(d, 1.0);
    boolean[] used = new boolean[n];
    List<double[]> cols = new ArrayList<>();
    while (cols.size() < n) {
      int piv = -1;
      for (int i = 0; i < n; i++) {
        if (!used[i] && (piv < 0 || d[i] > d[piv])) {
          piv = i;
        }
      }
      if (d[piv] < CHOLESKY_TOLERANCE) {
        break;
      }
      double[] col = new double[n];
      double diag = Math.sqrt(d[piv]);
      col[piv] = diag;
      for (int p = 0; p < n; p++) {
        if (used[p] || p == piv) {
          continue;
        }
        double v = kernel(p, piv, n, lengthScale);
        for (double[] q : cols) {
          v -= q[p] * q[piv];
        }
        col[p] = v / diag;
        d[p] -= col[p] * col[p];
      }
      used[piv] = true;
      d[piv] = 0;
      cols.add(col);
    }
    double[][] c = new double[n][cols.size()];
    for (int r = 0; r < cols.size(); r++) {
      for (int k = 0; k < n; k++) {
        c[k][r] = cols.get(r)[k];
      }
    }
    return c;
  }

  private static double kernel(int a, int b, int n, double l) {
    double ds = (double) (a - b) / n;
    return Math.exp(-ds * ds / (2 * l * l));
  }

  /** Writes theta_k = sum_r c[k][r] X_r, drawing the X_r of each parameter position from base. */
  static void combine(ParameterSets sets, double[][] c, ParameterInit base, RandomGenerator rng) {
    int rank = c[0].length;
    for (int j = 0; j < sets.perSet(); j++) {
      Parameter template = sets.get(0, j);
      Tensor[] draws = new Tensor[rank];
      for (int r = 0; r < rank; r++) {
        draws[r] = template.value().zerosLike();
        base.of(j, template).fill(draws[r], rng);
      }
      for (int k = 0; k < sets.depth(); k++) {
        Tensor out = sets.get(k, j).value();
        for (int i = 0; i < out.size(); i++) {
          double v = 0;
          for (int r = 0; r < rank; r++) {
            v += c[k][r] * draws[r].get(i);
          }
          out.set(i, v);
        }
      }
    }
  }
}

package org.node4j.lab.train;

import java.util.Arrays;
import org.node4j.nn.tensor.Tensor;

/**
 * The initial step of Ott et al.'s released step adaptation ({@code find_initial_step_size}; Ott et
 * al. 2021, released code): Hairer, Norsett and Wanner's starting-step procedure (Solving ODEs I,
 * II.4) with plain Euclidean norms over the last tensor axis, averaged over all other axes, and no
 * tolerance scaling.
 *
 * <pre>
 *   d0 = mean ||y0||, f0 = f(y0), d1 = mean ||f0||
 *   h0 = 1e-6 if d0 &lt; 1e-5 or d1 &lt; 1e-5, else 0.01 d0 / d1
 *   d2 = mean ||f(y0 + h0 f0) - f0|| / h0
 *   h1 = max(1e-6, 1e-3 h0) if max(d1, d2) &lt; 1e-15, else (0.01 / max(d1, d2))^(1/(p+1))
 *   h  = min(100 h0, h1)
 * </pre>
 *
 * Runs once per training run, so it allocates its few temporaries.
 */
public final class ReleasedInitialStep {
  private ReleasedInitialStep() {}

  /** An autonomous vector field evaluated on a whole batch. */
  @FunctionalInterface
  public interface Field {
    /**
     * Writes f(z) into {@code dz}.
     *
     * @param z the state, shape of the batch
     * @param dz the output, same shape, overwritten
     */
    void evaluate(Tensor z, Tensor dz);
  }

  /**
   * Estimates the initial step.
   *
   * @param y0 the batch state, shape [B, ..., L]; its first {@code count} rows are used
   * @param count the number of meaningful rows, 1 to B
   * @param order the order p of the training solver, at least 1
   * @param f the vector field
   * @return the initial step size
   */
  public static double estimate(Tensor y0, int count, int order, Field f) {
    if (count < 1 || count > y0.dim(0) || order < 1) {
      throw new IllegalArgumentException(
          "need 1 <= count <= "
              + y0.dim(0)
              + " and order >= 1, got count "
              + count
              + ", order "
              + order
              + " for batch "
              + Arrays.toString(y0.shape()));
    }
    Tensor f0 = y0.zerosLike();
    f.evaluate(y0, f0);
    double d0 = meanNorm(y0, count);
    double d1 = meanNorm(f0, count);
    double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
    Tensor y1 = y0.copy();
    for (int i = 0; i < y1.size(); i++) {
      y1.set(i, y0.get(i) + h0 * f0.get(i));
    }
    Tensor f1 = y0.zerosLike();
    f.evaluate(y1, f1);
    for (int i = 0; i < f1.size(); i++) {
      f1.set(i, f1.get(i) - f0.get(i));
    }
    double d2 = meanNorm(f1, count) / h0;
    double dMax = Math.max(d1, d2);
    double h1 = dMax < 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / dMax, 1.0 / (order + 1));
    return Math.min(100 * h0, h1);
  }

  /** The mean Euclidean norm over the last axis of the first {@code count} rows. */
  static double meanNorm(Tensor t, int count) {
    int last = t.dim(t.rank() - 1);
    int rowSize = t.size() / t.dim(0);
    int vectors = count * rowSize / last;
    double sum = 0;
    for (int v = 0; v < vectors; v++) {
      double sq = 0;
      for (int j = 0; j < last; j++) {
        double e = t.get(v * last + j);
        sq += e * e;
      }
      sum += Math.sqrt(sq);
    }
    return sum / vectors;
  }
}

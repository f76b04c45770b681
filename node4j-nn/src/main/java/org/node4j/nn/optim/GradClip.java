package org.node4j.nn.optim;

import java.util.List;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;

/**
 * Gradient clipping as {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}, applied
 * between the backward pass and the optimiser step. Sums are accumulated in float64.
 */
public final class GradClip {
  /** PyTorch's guard against division by a zero norm. */
  private static final double EPS = 1e-6;

  private GradClip() {}

  /** Clips by the global L2 norm; see {@link #clipNorm(List, double, double)}. */
  public static double clipNorm(List<Parameter> params, double maxNorm) {
    return clipNorm(params, maxNorm, 2.0);
  }

  /**
   * Scales all gradients by {@code min(1, maxNorm / (total + 1e-6))}, where {@code total} is the
   * p-norm of all gradients taken together as one vector.
   *
   * <p>Unlike PyTorch, which then scales the gradients by NaN or 0, a non-finite total leaves the
   * gradients untouched; the returned value lets the caller skip the step.
   *
   * @param params the parameters whose gradients are clipped (gradients modified)
   * @param maxNorm the largest allowed norm, {@code >= 0}
   * @param normType p, {@code > 0}, or {@link Double#POSITIVE_INFINITY} for the max norm
   * @return the total norm before clipping
   */
  public static double clipNorm(List<Parameter> params, double maxNorm, double normType) {
    ParamGroup.requireRate("max norm", maxNorm);
    if (!(normType > 0)) {
      throw new IllegalArgumentException("norm type must be > 0 or infinity, got " + normType);
    }
    double total = totalNorm(params, normType);
    double coef = maxNorm / (total + EPS);
    if (Double.isFinite(total) && coef < 1) {
      for (Parameter p : params) {
        Tensor g = p.grad();
        for (int i = 0, n = g.size(); i < n; i++) {
          g.set(i, g.get(i) * coef);
        }
      }
    }
    return total;
  }

  /**
   * Clamps every gradient element into {@code [-clipValue, clipValue]}.
   *
   * @param params the parameters whose gradients are clipped (gradients modified)
   * @param clipValue the bound, {@code >= 0}
   */
  public static void clipValue(List<Parameter> params, double clipValue) {
    ParamGroup.requireRate("clip value", clipValue);
    for (Parameter p : params) {
      Tensor g = p.grad();
      for (int i = 0, n = g.size(); i < n; i++) {
        double v = g.get(i);
        if (v > clipValue) {
          g.set(i, clipValue);
        } else if (v < -clipValue) {
          g.set(i, -clipValue);
        }
      }
    }
  }

  /** Returns the p-norm of all gradients taken together. */
  public static double totalNorm(List<Parameter> params, double normType) {
    boolean max = normType == Double.POSITIVE_INFINITY;
    double acc = 0;
    for (Parameter p : params) {
      Tensor g = p.grad();
      for (int i = 0, n = g.size(); i < n; i++) {
        double a = Math.abs(g.get(i));
        acc = max ? Math.max(acc, a) : acc + (normType == 2.0 ? a * a : Math.pow(a, normType));
      }
    }
    return max ? acc : normType == 2.0 ? Math.sqrt(acc) : Math.pow(acc, 1.0 / normType);
  }
}

package org.node4j.nn.loss;

import org.node4j.nn.ops.Shapes;
import org.node4j.nn.tensor.Tensor;

/**
 * Mean squared error over all elements, PyTorch's {@code F.mse_loss(pred, target)} with the default
 * mean reduction. The workloads' {@code mean(z(1)^2)} is this loss with a zero target.
 */
public final class MeanSquaredError {
  private MeanSquaredError() {}

  /**
   * Returns {@code mean((pred - target)^2)} and, when {@code grad} is not null, writes {@code 2
   * (pred - target) / size} into it. Accumulates in double; allocates nothing.
   *
   * @throws IllegalArgumentException naming both shapes when {@code target} or {@code grad} does
   *     not match {@code pred}, or when {@code pred} is empty
   */
  public static double mean(Tensor pred, Tensor target, Tensor grad) {
    Shapes.requireSame("MSE target", pred, target);
    if (grad != null) {
      Shapes.requireSame("MSE gradient", pred, grad);
    }
    int n = pred.size();
    if (n == 0) {
      throw new IllegalArgumentException("MSE of an empty tensor " + Shapes.describe(pred));
    }
    double s = 0.0;
    for (int i = 0; i < n; i++) {
      double d = pred.get(i) - target.get(i);
      s += d * d;
      if (grad != null) {
        grad.set(i, 2.0 * d / n);
      }
    }
    return s / n;
  }
}

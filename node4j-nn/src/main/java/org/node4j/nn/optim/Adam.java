package org.node4j.nn.optim;

import java.util.List;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;

/**
 * Adam (Kingma and Ba 2015) and AdamW (Loshchilov and Hutter 2019), step for step as {@code
 * torch.optim.Adam} and {@code torch.optim.AdamW} (single-tensor path):
 *
 * <pre>
 * p = p (1 - lr λ)                       AdamW only
 * g = g + λ p                            Adam only (λ = the group's weight decay)
 * m = β1 m + (1 - β1) g
 * v = β2 v + (1 - β2) g²
 * v̂ = max(v̂, v)                          AMSGrad only; used in place of v below
 * step_size = lr / (1 - β1^t)
 * denom = sqrt(v) / sqrt(1 - β2^t) + eps
 * p = p - step_size m / denom
 * </pre>
 *
 * <p>The arithmetic is float64; moments and parameters are stored in the parameter's dtype, as
 * PyTorch keeps its state in the parameter's dtype.
 */
public final class Adam extends AbstractOptimizer {
  private final AdamOptions options;

  /**
   * Creates the optimiser and its moment buffers.
   *
   * @param options betas, eps, AMSGrad, and whether weight decay is decoupled (AdamW)
   * @param groups the parameter groups with their learning rates and weight decays
   */
  public Adam(AdamOptions options, List<ParamGroup> groups) {
    super(
        groups,
        options.amsgrad()
            ? List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq")
            : List.of("exp_avg", "exp_avg_sq"));
    this.options = options;
  }

  /** Returns the options. */
  public AdamOptions options() {
    return options;
  }

  @Override
  void update(ParamGroup group, Parameter p, Tensor[] slots, long step) {
    double lr = group.lr();
    double wd = group.weightDecay();
    double b1 = options.beta1();
    double b2 = options.beta2();
    double stepSize = lr / (1 - Math.pow(b1, step));
    double bc2Sqrt = Math.sqrt(1 - Math.pow(b2, step));
    double eps = options.eps();
    double shrink = options.decoupled() ? 1 - lr * wd : 1;
    double l2 = options.decoupled() ? 0 : wd;
    Tensor value = p.value();
    Tensor grad = p.grad();
    Tensor m = slots[0];
    Tensor v = slots[1];
    Tensor vMax = options.amsgrad() ? slots[2] : null;
    for (int i = 0, n = value.size(); i < n; i++) {
      double w = value.get(i) * shrink;
      double g = l2 != 0 ? grad.get(i) + l2 * w : grad.get(i);
      double mi = b1 * m.get(i) + (1 - b1) * g;
      double vi = b2 * v.get(i) + (1 - b2) * g * g;
      m.set(i, mi);
      v.set(i, vi);
      if (vMax != null) {
        vi = Math.max(vMax.get(i), vi);
        vMax.set(i, vi);
      }
      value.set(i, w - stepSize * (mi / (Math.sqrt(vi) / bc2Sqrt + eps)));
    }
  }
}

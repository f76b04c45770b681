package org.node4j.nn.optim;

import java.util.List;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov momentum and L2 weight decay, step
 * for step as {@code torch.optim.SGD}:
 *
 * <pre>
 * d = g + λ p                                  (λ = the group's weight decay)
 * b = d                       on the first step
 * b = μ b + (1 - τ) d         afterwards
 * d = d + μ b  (Nesterov)  or  d = b
 * p = p - lr d
 * </pre>
 *
 * <p>The arithmetic is float64; buffers and parameters are stored in the parameter's dtype.
 */
public final class Sgd extends AbstractOptimizer {
  private final SgdOptions options;

  /**
   * Creates the optimiser and its momentum buffers.
   *
   * @param options momentum, dampening, Nesterov
   * @param groups the parameter groups with their learning rates and weight decays
   */
  public Sgd(SgdOptions options, List<ParamGroup> groups) {
    super(groups, options.momentum() != 0 ? List.of("momentum_buffer") : List.of());
    this.options = options;
  }

  /** Returns the options. */
  public SgdOptions options() {
    return options;
  }

  @Override
  void update(ParamGroup group, Parameter p, Tensor[] slots, long step) {
    Tensor value = p.value();
    Tensor grad = p.grad();
    double lr = group.lr();
    double wd = group.weightDecay();
    double mu = options.momentum();
    double keep = 1 - options.dampening();
    boolean nesterov = options.nesterov();
    Tensor buf = mu != 0 ? slots[0] : null;
    for (int i = 0, n = value.size(); i < n; i++) {
      double w = value.get(i);
      double d = wd != 0 ? grad.get(i) + wd * w : grad.get(i);
      if (buf != null) {
        double b = step == 1 ? d : mu * buf.get(i) + keep * d;
        buf.set(i, b);
        d = nesterov ? d + mu * b : b;
      }
      value.set(i, w - lr * d);
    }
  }
}

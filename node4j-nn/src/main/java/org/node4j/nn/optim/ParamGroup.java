package org.node4j.nn.optim;

import java.util.List;
import org.node4j.nn.param.Parameter;

/**
 * A set of parameters that share a learning rate and a weight decay, as a PyTorch {@code
 * param_group}.
 *
 * <p>The seeds train residual and non-residual parameters in separate groups (Marion et al., ICLR
 * 2024). The learning rate is the one mutable field: schedules ({@link LrScheduler}) rewrite it
 * from {@link #initialLr()} every epoch, and an {@link OptimizerState} carries it across a
 * checkpoint.
 */
public final class ParamGroup {
  private final List<Parameter> params;
  private final double initialLr;
  private final double weightDecay;
  private double lr;

  private ParamGroup(List<Parameter> params, double lr, double weightDecay) {
    this.params = List.copyOf(params);
    this.initialLr = lr;
    this.lr = lr;
    this.weightDecay = weightDecay;
  }

  /**
   * Creates a group.
   *
   * @param params the parameters, at least one
   * @param lr the initial learning rate, finite and {@code >= 0}
   * @param weightDecay the decay coefficient, finite and {@code >= 0}; L2 for SGD and Adam,
   *     decoupled for AdamW
   */
  public static ParamGroup of(List<Parameter> params, double lr, double weightDecay) {
    if (params.isEmpty()) {
      throw new IllegalArgumentException("a parameter group needs at least one parameter");
    }
    requireRate("learning rate", lr);
    requireRate("weight decay", weightDecay);
    return new ParamGroup(params, lr, weightDecay);
  }

  /** Creates a group without weight decay. */
  public static ParamGroup of(List<Parameter> params, double lr) {
    return of(params, lr, 0.0);
  }

  /** Returns the parameters, in order. */
  public List<Parameter> params() {
    return params;
  }

  /** Returns the current learning rate. */
  public double lr() {
    return lr;
  }

  /** Sets the current learning rate, as a schedule or a resumed checkpoint does. */
  public void setLr(double lr) {
    requireRate("learning rate", lr);
    this.lr = lr;
  }

  /** Returns the learning rate the group was created with: a schedule's base rate. */
  public double initialLr() {
    return initialLr;
  }

  /** Returns the weight decay coefficient. */
  public double weightDecay() {
    return weightDecay;
  }

  static void requireRate(String what, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(what + " must be finite and >= 0, got " + value);
    }
  }
}

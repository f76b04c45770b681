package org.node4j.nn.param;

import java.util.Objects;
import org.node4j.nn.tensor.Tensor;

/**
 * A named trainable tensor and the gradient accumulated for it.
 *
 * <p>Layers read {@link #value()} and add into {@link #grad()} during their vector-Jacobian
 * products unless the caller passes another {@link ParameterSource} or {@link GradientSink}
 * (theta_k of a depth-indexed network, a gradient method's own accumulator); optimisers read the
 * gradient and update the value in place; {@link #zeroGrad()} clears it between iterations.
 */
public final class Parameter {
  private final String name;
  private final Tensor value;
  private final Tensor grad;

  /**
   * Creates a parameter with a zero gradient of the value's shape.
   *
   * @param name a unique, stable name such as {@code "field.conv1.weight"}
   * @param value the tensor, owned by this parameter from now on
   */
  public Parameter(String name, Tensor value) {
    this.name = Objects.requireNonNull(name, "name");
    this.value = Objects.requireNonNull(value, "value");
    this.grad = value.zerosLike();
  }

  /** Returns the name. */
  public String name() {
    return name;
  }

  /** Returns the value, updated in place by optimisers. */
  public Tensor value() {
    return value;
  }

  /** Returns the accumulated gradient. */
  public Tensor grad() {
    return grad;
  }

  /** Clears the accumulated gradient. */
  public void zeroGrad() {
    grad.fillZero();
  }

  @Override
  public String toString() {
    return name + " " + value;
  }
}

package org.node4j.nn.param;

import org.node4j.nn.tensor.Tensor;

/**
 * Where a layer reads the value of each of its parameters for one evaluation.
 *
 * <p>The default, {@link #OWN}, is the parameter's own tensor. A network evaluated with different
 * weights at different depths (a ResNet with untied weights, a depth-indexed ODE field; Sander et
 * al., NeurIPS 2022) passes a source that answers theta_k for the same {@link Parameter} keys, so
 * one compute network serves every depth without copying theta_k into it. A layer remembers the
 * source of its forward pass in the {@link org.node4j.nn.layer.Cache}, so the backward pass reads
 * the same values.
 *
 * <p>Contract: {@link #value} returns a tensor of the parameter's shape and dtype, and allocates
 * nothing (it is called on every evaluation).
 */
@FunctionalInterface
public interface ParameterSource {

  /** The parameters' own values. */
  ParameterSource OWN = Parameter::value;

  /**
   * Returns the value to use for {@code p}, a parameter of the layer asking.
   *
   * @throws IllegalArgumentException if this source does not know {@code p}
   */
  Tensor value(Parameter p);
}

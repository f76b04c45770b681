package org.node4j.nn.layer;

import java.util.Objects;
import org.node4j.nn.tensor.DType;

/**
 * The settings every layer with weights shares (bias, dtype, parameter-name prefix), for the
 * builders of {@link Linear}, {@link Conv1d} and {@link Conv2d}.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ParamLayerBuilder<B extends ParamLayerBuilder<B>> {
  boolean bias = true;
  DType dtype = DType.FLOAT32;
  String name;

  ParamLayerBuilder(String defaultName) {
    this.name = defaultName;
  }

  /** Returns this builder as its concrete type. */
  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** Whether the layer has a bias (default true). */
  public B bias(boolean hasBias) {
    this.bias = hasBias;
    return self();
  }

  /** The parameters' dtype (default float32). */
  public B dtype(DType type) {
    this.dtype = Objects.requireNonNull(type, "dtype");
    return self();
  }

  /** The name prefix of the parameters, e.g. {@code "conv1"} gives {@code "conv1.weight"}. */
  public B name(String prefix) {
    this.name = Objects.requireNonNull(prefix, "name");
    return self();
  }
}

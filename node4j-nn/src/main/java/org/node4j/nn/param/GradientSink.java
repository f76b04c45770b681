package org.node4j.nn.param;

import org.node4j.nn.tensor.Tensor;

/**
 * Where a layer's backward pass adds the gradient of each of its parameters: the one owner of
 * parameter gradients.
 *
 * <p>The default, {@link #OWN}, is the parameter's own {@link Parameter#grad()} buffer (PyTorch's
 * {@code .grad}), which optimisers read. A gradient method that accumulates into a buffer of its
 * own (the continuous adjoint's augmented state, Chen et al., NeurIPS 2018, Eq. 5; the theta part
 * of ANODEV2's coupled state) passes a sink that answers those buffers, so the layers add straight
 * into them and {@link Parameter#grad()} is not touched.
 *
 * <p>Contract: {@link #grad} returns a tensor of the parameter's shape and dtype, and allocates
 * nothing (it is called on every backward pass). Layers only ever <em>add</em> into it.
 */
@FunctionalInterface
public interface GradientSink {

  /** The parameters' own gradient buffers. */
  GradientSink OWN = Parameter::grad;

  /**
   * Returns the buffer into which the gradient of {@code p} is added.
   *
   * @throws IllegalArgumentException if this sink does not know {@code p}
   */
  Tensor grad(Parameter p);

  /**
   * Whether the caller throws these gradients away: a layer may then skip computing them (a linear
   * layer skips its weight-gradient product). {@link #grad} still answers a buffer.
   */
  default boolean discards() {
    return false;
  }

  /**
   * Returns a new sink for a backward pass whose parameter gradients nobody reads (the continuous
   * adjoint's stages that feed only later stages' inputs): {@link #discards()} is true, and {@link
   * #grad} answers a scratch buffer of the parameter's shape, made on the first request for that
   * parameter and reused, for a layer that computes its gradients anyway.
   */
  static GradientSink discarding() {
    java.util.Map<Parameter, Tensor> scratch = new java.util.IdentityHashMap<>();
    return new GradientSink() {
      @Override
      public synchronized Tensor grad(Parameter p) {
        return scratch.computeIfAbsent(p, q -> q.value().zerosLike());
      }

      @Override
      public boolean discards() {
        return true;
      }
    };
  }
}

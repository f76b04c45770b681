package org.node4j.nn.layer;

import java.util.Arrays;
import org.node4j.nn.ops.Shapes;
import org.node4j.nn.param.GradientSink;
import org.node4j.nn.param.ParameterSource;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Base class that does the bookkeeping every layer shares: it checks that a cache belongs to this
 * layer, that inputs, cotangents and outputs have the cache's shapes and dtype, that a backward
 * pass follows a forward pass, and it records the input reference and the parameter source (read by
 * the layers through {@link Cache#params()}).
 *
 * @param <C> the layer's cache type
 */
public abstract class AbstractLayer<C extends Cache> implements Layer {
  private final Class<C> cacheType;

  /**
   * Creates the base.
   *
   * @param cacheType the class of the caches {@link #createCache} makes, for safe casts
   */
  protected AbstractLayer(Class<C> cacheType) {
    this.cacheType = cacheType;
  }

  /** Creates the cache after the shape and dtype checks have passed. */
  protected abstract C createCache(int[] inputShape, int[] outputShape, DType dtype);

  /**
   * Computes the output into {@code cache.output()}, reading parameters from {@code
   * cache.params()}; shapes are already checked.
   */
  protected abstract void doForward(Tensor x, C cache);

  /**
   * Computes the VJP, reading parameters from {@code cache.params()} and adding their gradients
   * into {@code grads}; shapes are already checked and a forward pass has run.
   */
  protected abstract void doBackward(Tensor dy, C cache, Tensor dxOrNull, GradientSink grads);

  /**
   * Checks that this layer can work in {@code dtype}; layers with parameters accept only their
   * parameters' dtype.
   */
  protected void checkDtype(DType dtype) {}

  @Override
  public final Cache newCache(int[] inputShape, DType dtype) {
    checkDtype(dtype);
    int[] out = outputShape(inputShape);
    return createCache(inputShape.clone(), out, dtype);
  }

  @Override
  public final Tensor forward(Tensor x, Cache cache, ParameterSource params) {
    C c = own(cache);
    if (!Shapes.hasShape(x, c.inputShapeRef(), c.dtype())) {
      throw Shapes.mismatch("input of " + this, c.inputShapeRef(), c.dtype(), x);
    }
    c.setParams(java.util.Objects.requireNonNull(params, "params"));
    doForward(x, c);
    c.setInput(x);
    return c.output();
  }

  @Override
  public final void backward(Tensor dy, Cache cache, Tensor dx, GradientSink grads) {
    java.util.Objects.requireNonNull(grads, "grads");
    C c = own(cache);
    if (!c.filled()) {
      throw new IllegalStateException(
          "backward of " + this + " before any forward pass on this cache; call forward first");
    }
    if (!Shapes.hasShape(dy, c.outputShapeRef(), c.dtype())) {
      throw Shapes.mismatch("output cotangent of " + this, c.outputShapeRef(), c.dtype(), dy);
    }
    if (dx != null) {
      if (!Shapes.hasShape(dx, c.inputShapeRef(), c.dtype())) {
        throw Shapes.mismatch("input cotangent of " + this, c.inputShapeRef(), c.dtype(), dx);
      }
      if (dx == dy || dx == c.output() || dx == c.input()) {
        throw new IllegalArgumentException(
            "dx of " + this + " must be a separate buffer, not dy, the input or the output");
      }
    }
    doBackward(dy, c, dx, grads);
  }

  /** Checks that {@code dtype} equals the parameters' dtype {@code expected}. */
  protected final void requireDtype(DType expected, DType dtype) {
    if (expected != dtype) {
      throw new IllegalArgumentException(
          this + " has " + expected + " parameters but was asked for a " + dtype + " cache");
    }
  }

  /** Throws an {@link IllegalArgumentException} about an input shape this layer cannot take. */
  protected final IllegalArgumentException badInput(int[] inputShape, String expected) {
    return new IllegalArgumentException(
        this + " expects input " + expected + " but got " + Arrays.toString(inputShape));
  }

  private C own(Cache cache) {
    if (cache.owner() != this || !cacheType.isInstance(cache)) {
      throw new IllegalArgumentException(
          "cache was made by "
              + cache.owner()
              + ", not by "
              + this
              + "; use newCache() of "
              + this);
    }
    return cacheType.cast(cache);
  }
}

package org.node4j.nn.layer;

import java.util.List;
import org.node4j.nn.param.GradientSink;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Reshapes [N, d1, d2, ...] into [N, d1 * d2 * ...], keeping the row-major element order, as
 * PyTorch's {@code nn.Flatten()} does before a classifier head.
 *
 * <p>The output is a copy owned by the cache, so it stays valid when the caller reuses the input
 * buffer.
 */
public final class Flatten extends AbstractLayer<OutputCache> {

  /** Creates the layer. */
  public Flatten() {
    super(OutputCache.class);
  }

  /** Returns this layer: it keeps no scratch between calls, so threads can share it. */
  @Override
  public Layer replica() {
    return this;
  }

  @Override
  public int[] outputShape(int[] inputShape) {
    if (inputShape.length < 1) {
      throw badInput(inputShape, "[N, ...] with at least one dimension");
    }
    int rest = 1;
    for (int i = 1; i < inputShape.length; i++) {
      rest *= inputShape[i];
    }
    return new int[] {inputShape[0], rest};
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  @Override
  protected OutputCache createCache(int[] inputShape, int[] outputShape, DType dtype) {
    return new OutputCache(this, inputShape, outputShape, dtype);
  }

  @Override
  protected void doForward(Tensor x, OutputCache c) {
    copyFlat(x, c.y);
  }

  @Override
  protected void doBackward(Tensor dy, OutputCache c, Tensor dx, GradientSink grads) {
    if (dx != null) {
      copyFlat(dy, dx);
    }
  }

  @Override
  boolean sampleWise() {
    return true;
  }

  @Override
  boolean chunksFreely(OutputCache c) {
    return true;
  }

  @Override
  void bindForward(Tensor x, OutputCache c, int sampleGrain) {
    c.bound = x;
  }

  @Override
  void forwardSamples(OutputCache c, int s0, int s1) {
    copySamples(c.bound, c.y, s0, s1);
  }

  @Override
  void bindBackward(Tensor dy, OutputCache c, Tensor dx, int sampleGrain, int chunks) {
    c.bound = dy;
    c.boundDx = dx;
  }

  @Override
  void backwardSamples(OutputCache c, int s0, int s1) {
    if (c.boundDx != null) {
      copySamples(c.bound, c.boundDx, s0, s1);
    }
  }

  @Override
  void finishBackward(OutputCache c, GradientSink grads, int chunks) {
    c.bound = null;
    c.boundDx = null;
  }

  private static void copySamples(Tensor src, Tensor dst, int s0, int s1) {
    int per = src.size() / src.dim(0);
    dst.copyRange(src, s0 * per, s0 * per, (s1 - s0) * per);
  }

  private static void copyFlat(Tensor src, Tensor dst) {
    dst.copyRange(src, 0, 0, src.size());
  }

  @Override
  public String toString() {
    return "Flatten";
  }
}

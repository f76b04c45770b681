package org.node4j.nn.layer;

import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * The cache of a layer whose backward pass needs nothing but its output buffer (shape-only and
 * linear layers such as {@link Flatten} and {@link AvgPool2d}).
 */
final class OutputCache extends Cache {
  final Tensor y;

  /** The input (forward) or output cotangent (backward) of a running sample-chunked pass. */
  Tensor bound;

  /** The input cotangent of a running sample-chunked backward pass, or {@code null}. */
  Tensor boundDx;

  OutputCache(Layer owner, int[] in, int[] out, DType dtype) {
    super(owner, in, out, dtype);
    this.y = Tensor.zeros(dtype, out);
  }

  @Override
  public Tensor output() {
    return y;
  }

  @Override
  public long savedBytes() {
    return y.bytes();
  }
}

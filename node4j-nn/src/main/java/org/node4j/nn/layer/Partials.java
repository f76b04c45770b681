package org.node4j.nn.layer;

import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Per-chunk partial parameter gradients, owned by one layer and reused (grow-only).
 *
 * <p>Chunk {@code c} writes its contribution to a parameter block of {@code stride} elements at
 * offset {@code c * stride}; {@link #reduce} then adds the chunks in chunk order into the
 * gradients. Because the chunking never depends on the thread count, the sum is bit-identical for
 * any thread count.
 */
final class Partials {
  /** One grow-only flat buffer per dtype, indexed by {@link DType#ordinal()}. */
  private final Tensor[] buffers = new Tensor[DType.values().length];

  /**
   * Returns the flat buffer of {@code dtype}, grown to at least {@code n} elements (contents
   * unspecified); {@code n = 0} returns the current buffer.
   */
  Tensor buffer(DType dtype, int n) {
    Tensor t = buffers[dtype.ordinal()];
    if (t == null || t.size() < n) {
      t = Tensor.zeros(dtype, n);
      buffers[dtype.ordinal()] = t;
    }
    return t;
  }

  /** Returns a float buffer of at least {@code n} elements (contents unspecified). */
  float[] floats(int n) {
    return buffer(DType.FLOAT32, n).floats();
  }

  /** Returns a double buffer of at least {@code n} elements (contents unspecified). */
  double[] doubles(int n) {
    return buffer(DType.FLOAT64, n).doubles();
  }

  /**
   * Adds, in chunk order, the block {@code [offset, offset + grad.size())} of every chunk's partial
   * into {@code grad}.
   */
  void reduce(Tensor grad, int chunks, int stride, int offset) {
    RowLoops.BY_DTYPE.of(grad).addChunks(buffer(grad.dtype(), 0), chunks, stride, offset, grad);
  }
}

package org.node4j.nn.layer;

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
  private float[] f = new float[0];
  private double[] d = new double[0];

  /** Returns a float buffer of at least {@code n} elements (contents unspecified). */
  float[] floats(int n) {
    if (f.length < n) {
      f = new float[n];
    }
    return f;
  }

  /** Returns a double buffer of at least {@code n} elements (contents unspecified). */
  double[] doubles(int n) {
    if (d.length < n) {
      d = new double[n];
    }
    return d;
  }

  /**
   * Adds, in chunk order, the block {@code [offset, offset + grad.size())} of every chunk's partial
   * into {@code grad}.
   */
  void reduce(Tensor grad, int chunks, int stride, int offset) {
    int n = grad.size();
    if (grad.dtype() == org.node4j.nn.tensor.DType.FLOAT32) {
      float[] g = grad.floats();
      for (int c = 0; c < chunks; c++) {
        int base = c * stride + offset;
        for (int i = 0; i < n; i++) {
          g[i] += f[base + i];
        }
      }
    } else {
      double[] g = grad.doubles();
      for (int c = 0; c < chunks; c++) {
        int base = c * stride + offset;
        for (int i = 0; i < n; i++) {
          g[i] += d[base + i];
        }
      }
    }
  }
}

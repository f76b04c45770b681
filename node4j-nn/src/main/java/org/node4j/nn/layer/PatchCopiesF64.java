package org.node4j.nn.layer;

/**
 * The data movements of a convolution computed as a matrix product, in both layouts; the float32
 * twin is generated from this file at build time (see the node4j-nn POM).
 *
 * <p>The row layout ("im2row"; {@link Im2Row}) makes each output position of each image one row of
 * a patch matrix [nb * P, C*kh*kw], so a block of images is one product {@code rows = patches *
 * W^T} whose row count grows with the batch (Sphere2's signals have two positions). The copies go
 * through the precomputed taps of {@link Im2Row#taps}.
 *
 * <p>The column layout for large images (Chellapilla, Puri and Simard, "High performance
 * convolutional neural networks for document processing", 2006; Caffe's {@code im2col}) makes, for
 * one image, row (c, ki, kj) of the column matrix [C*kh*kw, P] input channel c shifted by (ki, kj)
 * over all P output positions. Then y[n] = W [O, C*kh*kw] times columns is already in the [O, P]
 * layout of the output, with no scatter, and each row is a contiguous, shifted copy of an input
 * row, so the copy streams instead of striding across channels.
 *
 * <p>{@link #rowsToImage} is the adjoint of {@link #imageToRows}, {@link #columnsToImage} the
 * adjoint of {@link #imageToColumns}.
 */
final class PatchCopiesF64 {
  private PatchCopiesF64() {}

  /**
   * Fills {@code rows[nb * P, C*kh*kw]}, from {@code rows[rowsOff]}, with the patches of images
   * {@code [n0, n0 + nb)} of {@code x}, through {@code taps}.
   */
  static void imageToRows(
      double[] x,
      int n0,
      int nb,
      int channels,
      Im2Row.Dims d,
      int[] taps,
      double[] rows,
      int rowsOff) {
    int plane = d.in();
    int positions = d.out();
    int t = taps.length / Math.max(1, positions);
    int r = rowsOff;
    for (int i = 0; i < nb; i++) {
      int xb = (n0 + i) * channels * plane;
      for (int p = 0; p < positions; p++) {
        int tb = p * t;
        for (int ch = 0, base = xb; ch < channels; ch++, base += plane) {
          for (int j = tb; j < tb + t; j++) {
            int o = taps[j];
            rows[r++] = o >= 0 ? x[base + o] : 0.0;
          }
        }
      }
    }
  }

  /**
   * Overwrites images {@code [n0, n0 + nb)} of {@code dx} with the adjoint of the patches in {@code
   * rows}, through {@code taps}.
   */
  static void rowsToImage(
      double[] rows, int n0, int nb, int channels, Im2Row.Dims d, int[] taps, double[] dx) {
    int plane = d.in();
    int positions = d.out();
    int t = taps.length / Math.max(1, positions);
    java.util.Arrays.fill(dx, n0 * channels * plane, (n0 + nb) * channels * plane, 0.0);
    int r = 0;
    for (int i = 0; i < nb; i++) {
      int xb = (n0 + i) * channels * plane;
      for (int p = 0; p < positions; p++) {
        int tb = p * t;
        for (int ch = 0, base = xb; ch < channels; ch++, base += plane) {
          for (int j = tb; j < tb + t; j++, r++) {
            int o = taps[j];
            if (o >= 0) {
              dx[base + o] += rows[r];
            }
          }
        }
      }
    }
  }

  /** Fills {@code cols[C*kh*kw, P]} with the shifted channels of image {@code n} of {@code x}. */
  static void imageToColumns(double[] x, int n, ConvGeometry g, Im2Row.Dims d, double[] cols) {
    int p = d.out();
    int xb = n * g.inChannels() * d.in();
    int r = 0;
    for (int ch = 0; ch < g.inChannels(); ch++) {
      for (int ki = 0; ki < g.kh(); ki++) {
        for (int kj = 0; kj < g.kw(); kj++, r++) {
          int base = r * p;
          for (int oh = 0; oh < d.ho(); oh++) {
            int ih = oh * g.sh() - g.ph() + ki;
            int dst = base + oh * d.wo();
            if (ih < 0 || ih >= d.h()) {
              java.util.Arrays.fill(cols, dst, dst + d.wo(), 0.0);
              continue;
            }
            int src = xb + (ch * d.h() + ih) * d.w();
            copyRow(x, src, g, d, kj, cols, dst);
          }
        }
      }
    }
  }

  private static void copyRow(
      double[] x, int src, ConvGeometry g, Im2Row.Dims d, int kj, double[] cols, int dst) {
    int off = kj - g.pw();
    if (g.sw() == 1) {
      // Output positions ow with 0 <= ow + off < w are a contiguous copy; the rest are padding.
      int lo = Math.max(0, -off);
      int hi = Math.min(d.wo(), d.w() - off);
      java.util.Arrays.fill(cols, dst, dst + Math.min(lo, d.wo()), 0.0);
      if (hi > lo) {
        System.arraycopy(x, src + lo + off, cols, dst + lo, hi - lo);
      }
      java.util.Arrays.fill(cols, dst + Math.max(hi, lo), dst + d.wo(), 0.0);
      return;
    }
    for (int ow = 0; ow < d.wo(); ow++) {
      int iw = ow * g.sw() + off;
      cols[dst + ow] = iw >= 0 && iw < d.w() ? x[src + iw] : 0.0;
    }
  }

  /**
   * Overwrites image {@code n} of {@code dx} with the adjoint of {@link #imageToColumns} applied to
   * {@code cols}.
   */
  static void columnsToImage(double[] cols, int n, ConvGeometry g, Im2Row.Dims d, double[] dx) {
    int p = d.out();
    int xb = n * g.inChannels() * d.in();
    java.util.Arrays.fill(dx, xb, xb + g.inChannels() * d.in(), 0.0);
    int r = 0;
    for (int ch = 0; ch < g.inChannels(); ch++) {
      for (int ki = 0; ki < g.kh(); ki++) {
        for (int kj = 0; kj < g.kw(); kj++, r++) {
          int off = kj - g.pw();
          for (int oh = 0; oh < d.ho(); oh++) {
            int ih = oh * g.sh() - g.ph() + ki;
            if (ih < 0 || ih >= d.h()) {
              continue;
            }
            int row = xb + (ch * d.h() + ih) * d.w();
            int src = r * p + oh * d.wo();
            for (int ow = 0; ow < d.wo(); ow++) {
              int iw = ow * g.sw() + off;
              if (iw >= 0 && iw < d.w()) {
                dx[row + iw] += cols[src + ow];
              }
            }
          }
        }
      }
    }
  }
}

package org.node4j.nn.layer;

/**
 * The column layout of a convolution for large images (Chellapilla, Puri and Simard, "High
 * performance convolutional neural networks for document processing", 2006; Caffe's {@code
 * im2col}): for one image, row (c, ki, kj) of the column matrix [C*kh*kw, P] holds the input
 * channel c shifted by (ki, kj) over all P output positions. Then y[n] = W [O, C*kh*kw] times
 * columns is already in the [O, P] layout of the output, with no scatter, and each row is a
 * contiguous, shifted copy of an input row, so the copy streams instead of striding across channels
 * as the row layout ({@link Im2Row}) does.
 *
 * <p>{@link #columnsToImage} is the adjoint of {@link #imageToColumns}.
 */
final class Im2Col {
  private Im2Col() {}

  /** Fills {@code cols[C*kh*kw, P]} with the shifted channels of image {@code n} of {@code x}. */
  static void imageToColumns(float[] x, int n, ConvGeometry g, Im2Row.Dims d, float[] cols) {
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
              java.util.Arrays.fill(cols, dst, dst + d.wo(), 0f);
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
      float[] x, int src, ConvGeometry g, Im2Row.Dims d, int kj, float[] cols, int dst) {
    int off = kj - g.pw();
    if (g.sw() == 1) {
      // Output positions ow with 0 <= ow + off < w are a contiguous copy; the rest are padding.
      int lo = Math.max(0, -off);
      int hi = Math.min(d.wo(), d.w() - off);
      java.util.Arrays.fill(cols, dst, dst + Math.min(lo, d.wo()), 0f);
      if (hi > lo) {
        System.arraycopy(x, src + lo + off, cols, dst + lo, hi - lo);
      }
      java.util.Arrays.fill(cols, dst + Math.max(hi, lo), dst + d.wo(), 0f);
      return;
    }
    for (int ow = 0; ow < d.wo(); ow++) {
      int iw = ow * g.sw() + off;
      cols[dst + ow] = iw >= 0 && iw < d.w() ? x[src + iw] : 0f;
    }
  }

  /**
   * Adds the adjoint of {@link #imageToColumns} for image {@code n} into {@code dx} (zeroed first).
   */
  static void columnsToImage(float[] cols, int n, ConvGeometry g, Im2Row.Dims d, float[] dx) {
    int p = d.out();
    int xb = n * g.inChannels() * d.in();
    java.util.Arrays.fill(dx, xb, xb + g.inChannels() * d.in(), 0f);
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

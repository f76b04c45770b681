package org.node4j.nn.layer;

/**
 * The data movements of a convolution computed as a matrix product ("im2row"): each output position
 * of each image becomes one row of a patch matrix of width C*kh*kw, so a block of images is one
 * product {@code rows = patches * W^T}. Convolution is then a GEMM whose row count grows with the
 * batch, which keeps the product efficient even when each image is tiny (Sphere2's signals have two
 * positions).
 *
 * <p>This class holds the geometry of the layout (the spatial sizes and the tap table); the copies
 * themselves are in {@link PatchCopiesF64} and its generated float32 twin.
 */
final class Im2Row {
  private Im2Row() {}

  /** Spatial sizes of one convolution call. */
  record Dims(int h, int w, int ho, int wo) {
    int in() {
      return h * w;
    }

    int out() {
      return ho * wo;
    }
  }

  /**
   * The input-plane offset of every tap of every output position, or -1 where the tap falls in the
   * padding: {@code taps[p * kh * kw + ki * kw + kj]}. Computed once per cache, it turns the patch
   * copies below into table lookups without per-element index arithmetic or bounds tests.
   */
  static int[] taps(ConvGeometry g, Dims d) {
    int t = g.kh() * g.kw();
    int[] taps = new int[d.out() * t];
    for (int oh = 0; oh < d.ho(); oh++) {
      for (int ow = 0; ow < d.wo(); ow++) {
        int base = (oh * d.wo() + ow) * t;
        for (int ki = 0; ki < g.kh(); ki++) {
          for (int kj = 0; kj < g.kw(); kj++) {
            int ih = oh * g.sh() - g.ph() + ki;
            int iw = ow * g.sw() - g.pw() + kj;
            boolean in = ih >= 0 && ih < d.h() && iw >= 0 && iw < d.w();
            taps[base + ki * g.kw() + kj] = in ? ih * d.w() + iw : -1;
          }
        }
      }
    }
    return taps;
  }
}

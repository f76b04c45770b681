package org.node4j.nn.layer;

/**
 * The data movements of a convolution computed as a matrix product ("im2row"): each output position
 * of each image becomes one row of a patch matrix of width C*kh*kw, so a block of images is one
 * product {@code rows = patches * W^T}. Convolution is then a GEMM whose row count grows with the
 * batch, which keeps the product efficient even when each image is tiny (Sphere2's signals have two
 * positions).
 *
 * <p>{@link #rowsToImage} is the adjoint of {@link #imageToRows}, {@link #gather} the adjoint of
 * {@link #scatter}.
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
   * Fills {@code rows[nb * P, C*kh*kw]} with the patches of images {@code [n0, n0 + nb)}: the
   * float64 path (float32 uses the precomputed taps below).
   */
  static void imageToRows(double[] x, int n0, int nb, ConvGeometry g, Dims d, double[] rows) {
    int c = g.inChannels();
    int k = g.patch();
    for (int i = 0; i < nb; i++) {
      int xb = (n0 + i) * c * d.in();
      for (int oh = 0; oh < d.ho(); oh++) {
        for (int ow = 0; ow < d.wo(); ow++) {
          int r = ((i * d.ho() + oh) * d.wo() + ow) * k;
          for (int ch = 0; ch < c; ch++) {
            for (int ki = 0; ki < g.kh(); ki++) {
              int ih = oh * g.sh() - g.ph() + ki;
              boolean rowIn = ih >= 0 && ih < d.h();
              int src = xb + (ch * d.h() + ih) * d.w();
              for (int kj = 0; kj < g.kw(); kj++) {
                int iw = ow * g.sw() - g.pw() + kj;
                rows[r++] = rowIn && iw >= 0 && iw < d.w() ? x[src + iw] : 0.0;
              }
            }
          }
        }
      }
    }
  }

  /**
   * Overwrites images {@code [n0, n0 + nb)} of {@code dx} with the adjoint of the patches: the
   * float64 path (float32 uses the precomputed taps below).
   */
  static void rowsToImage(double[] rows, int n0, int nb, ConvGeometry g, Dims d, double[] dx) {
    int c = g.inChannels();
    int k = g.patch();
    java.util.Arrays.fill(dx, n0 * c * d.in(), (n0 + nb) * c * d.in(), 0.0);
    for (int i = 0; i < nb; i++) {
      int xb = (n0 + i) * c * d.in();
      for (int oh = 0; oh < d.ho(); oh++) {
        for (int ow = 0; ow < d.wo(); ow++) {
          int r = ((i * d.ho() + oh) * d.wo() + ow) * k;
          for (int ch = 0; ch < c; ch++) {
            for (int ki = 0; ki < g.kh(); ki++) {
              int ih = oh * g.sh() - g.ph() + ki;
              boolean rowIn = ih >= 0 && ih < d.h();
              int dst = xb + (ch * d.h() + ih) * d.w();
              for (int kj = 0; kj < g.kw(); kj++, r++) {
                int iw = ow * g.sw() - g.pw() + kj;
                if (rowIn && iw >= 0 && iw < d.w()) {
                  dx[dst + iw] += rows[r];
                }
              }
            }
          }
        }
      }
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

  /**
   * {@link #imageToRows(float[], int, int, ConvGeometry, Dims, float[])} through {@code taps},
   * writing from {@code rows[rowsOff]}.
   */
  static void imageToRows(
      float[] x, int n0, int nb, int channels, Dims d, int[] taps, float[] rows, int rowsOff) {
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
            rows[r++] = o >= 0 ? x[base + o] : 0f;
          }
        }
      }
    }
  }

  /** {@link #rowsToImage(float[], int, int, ConvGeometry, Dims, float[])} through {@code taps}. */
  static void rowsToImage(
      float[] rows, int n0, int nb, int channels, Dims d, int[] taps, float[] dx) {
    int plane = d.in();
    int positions = d.out();
    int t = taps.length / Math.max(1, positions);
    java.util.Arrays.fill(dx, n0 * channels * plane, (n0 + nb) * channels * plane, 0f);
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
}

package org.node4j.nn.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked float64 block product with the Vector API (loaded only through {@link
 * VectorGemmKernel}).
 *
 * <p>The micro-kernel keeps an 8-row by 2-vector tile of C in 16 accumulator registers; each step
 * of the reduction loads two vectors of one row of B and broadcasts eight elements of op(A) (one
 * per row), then issues 16 fused multiply-adds: the layout of the BLIS/GotoBLAS micro-kernel (Van
 * Zee and van de Geijn, "BLIS: A Framework for Rapidly Instantiating BLAS Functionality", ACM TOMS
 * 2015) without packing of A, which the strided broadcasts make unnecessary at these sizes. The
 * reduction is cut into blocks of {@value #KC} so that the k x 2-vector panel of B stays in L1; C
 * is reloaded between blocks, which keeps every element's sum a single chain of fused multiply-adds
 * over p = 0 .. k-1. Edges use 1-row and 1-vector tiles, and a scalar {@link Math#fma} tail for the
 * last columns, so each element is computed the same way wherever it lies.
 */
final class VectorGemmF64 {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int MR = 8;
  private static final int KC = 128;
  private static final int MC = 256;

  /**
   * Row strides of B (in elements) above which column panels of B are copied to a contiguous buffer
   * first: with long rows every step of the reduction lands on a new page, and the TLB, not the FMA
   * units, sets the pace.
   */
  private static final int PACK_LDB = 256;

  private VectorGemmF64() {}

  /** Returns the number of lanes of the preferred species. */
  static int lanes() {
    return L;
  }

  /**
   * See {@link GemmKernel#block(boolean, int, int, int, double[], int, int, double[], int, int,
   * double[], int, int, boolean)}.
   */
  static void block(
      boolean transA,
      int m,
      int n,
      int k,
      double[] a,
      int aOff,
      int lda,
      double[] b,
      int bOff,
      int ldb,
      double[] c,
      int cOff,
      int ldc,
      boolean accumulate) {
    int ars = transA ? 1 : lda;
    int acs = transA ? lda : 1;
    double[] panel =
        ldb > PACK_LDB ? Workspace.local().doubles(Workspace.Slot.PANEL, KC * 2 * L) : null;
    for (int k0 = 0; k0 < k; k0 += KC) {
      int kc = Math.min(KC, k - k0);
      boolean load = accumulate || k0 > 0;
      int ak = aOff + k0 * acs;
      int bk = bOff + k0 * ldb;
      for (int i0 = 0; i0 < m; i0 += MC) {
        int mb = Math.min(MC, m - i0);
        int ai = ak + i0 * ars;
        int ci = cOff + i0 * ldc;
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
          if (panel == null) {
            columnTile2(mb, kc, a, ai, ars, acs, b, bk + j, ldb, c, ci + j, ldc, load);
          } else {
            pack(kc, b, bk + j, ldb, panel);
            columnTile2(mb, kc, a, ai, ars, acs, panel, 0, 2 * L, c, ci + j, ldc, load);
          }
        }
        for (; j + L <= n; j += L) {
          columnTile1(mb, kc, a, ai, ars, acs, b, bk + j, ldb, c, ci + j, ldc, load);
        }
        for (; j < n; j++) {
          for (int i = 0; i < mb; i++) {
            scalar(kc, a, ai + i * ars, acs, b, bk + j, ldb, c, ci + i * ldc + j, load);
          }
        }
      }
    }
  }

  /** Rows of C in one column tile of two vectors: the kc x 2L panel of B stays in L1. */
  private static void columnTile2(
      int m,
      int kc,
      double[] a,
      int ak,
      int ars,
      int acs,
      double[] b,
      int bj,
      int ldb,
      double[] c,
      int cj,
      int ldc,
      boolean load) {
    int i = 0;
    for (; i + MR <= m; i += MR) {
      tile8x2(kc, a, ak + i * ars, ars, acs, b, bj, ldb, c, cj + i * ldc, ldc, load);
    }
    for (; i < m; i++) {
      tile1x2(kc, a, ak + i * ars, acs, b, bj, ldb, c, cj + i * ldc, load);
    }
  }

  /** Rows of C in one column tile of one vector. */
  private static void columnTile1(
      int m,
      int kc,
      double[] a,
      int ak,
      int ars,
      int acs,
      double[] b,
      int bj,
      int ldb,
      double[] c,
      int cj,
      int ldc,
      boolean load) {
    int i = 0;
    for (; i + MR <= m; i += MR) {
      tile8x1(kc, a, ak + i * ars, ars, acs, b, bj, ldb, c, cj + i * ldc, ldc, load);
    }
    for (; i < m; i++) {
      tile1x1(kc, a, ak + i * ars, acs, b, bj, ldb, c, cj + i * ldc, load);
    }
  }

  /** Copies kc rows of two vectors of B into {@code panel}, contiguously. */
  private static void pack(int kc, double[] b, int bi, int ldb, double[] panel) {
    for (int p = 0, q = 0; p < kc; p++, q += 2 * L, bi += ldb) {
      DoubleVector.fromArray(S, b, bi).intoArray(panel, q);
      DoubleVector.fromArray(S, b, bi + L).intoArray(panel, q + L);
    }
  }

  private static DoubleVector init(double[] c, int idx, boolean load) {
    return load ? DoubleVector.fromArray(S, c, idx) : DoubleVector.zero(S);
  }

  private static void tile8x2(
      int kc,
      double[] a,
      int ai,
      int ars,
      int acs,
      double[] b,
      int bi,
      int ldb,
      double[] c,
      int ci,
      int ldc,
      boolean load) {
    DoubleVector c00 = init(c, ci, load);
    DoubleVector c01 = init(c, ci + L, load);
    DoubleVector c10 = init(c, ci + ldc, load);
    DoubleVector c11 = init(c, ci + ldc + L, load);
    DoubleVector c20 = init(c, ci + 2 * ldc, load);
    DoubleVector c21 = init(c, ci + 2 * ldc + L, load);
    DoubleVector c30 = init(c, ci + 3 * ldc, load);
    DoubleVector c31 = init(c, ci + 3 * ldc + L, load);
    DoubleVector c40 = init(c, ci + 4 * ldc, load);
    DoubleVector c41 = init(c, ci + 4 * ldc + L, load);
    DoubleVector c50 = init(c, ci + 5 * ldc, load);
    DoubleVector c51 = init(c, ci + 5 * ldc + L, load);
    DoubleVector c60 = init(c, ci + 6 * ldc, load);
    DoubleVector c61 = init(c, ci + 6 * ldc + L, load);
    DoubleVector c70 = init(c, ci + 7 * ldc, load);
    DoubleVector c71 = init(c, ci + 7 * ldc + L, load);
    for (int p = 0; p < kc; p++) {
      DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
      DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
      DoubleVector x = DoubleVector.broadcast(S, a[ai]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = DoubleVector.broadcast(S, a[ai + ars]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = DoubleVector.broadcast(S, a[ai + 2 * ars]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = DoubleVector.broadcast(S, a[ai + 3 * ars]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = DoubleVector.broadcast(S, a[ai + 4 * ars]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = DoubleVector.broadcast(S, a[ai + 5 * ars]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
      x = DoubleVector.broadcast(S, a[ai + 6 * ars]);
      c60 = x.fma(b0, c60);
      c61 = x.fma(b1, c61);
      x = DoubleVector.broadcast(S, a[ai + 7 * ars]);
      c70 = x.fma(b0, c70);
      c71 = x.fma(b1, c71);
      ai += acs;
      bi += ldb;
    }
    c00.intoArray(c, ci);
    c01.intoArray(c, ci + L);
    c10.intoArray(c, ci + ldc);
    c11.intoArray(c, ci + ldc + L);
    c20.intoArray(c, ci + 2 * ldc);
    c21.intoArray(c, ci + 2 * ldc + L);
    c30.intoArray(c, ci + 3 * ldc);
    c31.intoArray(c, ci + 3 * ldc + L);
    c40.intoArray(c, ci + 4 * ldc);
    c41.intoArray(c, ci + 4 * ldc + L);
    c50.intoArray(c, ci + 5 * ldc);
    c51.intoArray(c, ci + 5 * ldc + L);
    c60.intoArray(c, ci + 6 * ldc);
    c61.intoArray(c, ci + 6 * ldc + L);
    c70.intoArray(c, ci + 7 * ldc);
    c71.intoArray(c, ci + 7 * ldc + L);
  }

  private static void tile8x1(
      int kc,
      double[] a,
      int ai,
      int ars,
      int acs,
      double[] b,
      int bi,
      int ldb,
      double[] c,
      int ci,
      int ldc,
      boolean load) {
    DoubleVector c0 = init(c, ci, load);
    DoubleVector c1 = init(c, ci + ldc, load);
    DoubleVector c2 = init(c, ci + 2 * ldc, load);
    DoubleVector c3 = init(c, ci + 3 * ldc, load);
    DoubleVector c4 = init(c, ci + 4 * ldc, load);
    DoubleVector c5 = init(c, ci + 5 * ldc, load);
    DoubleVector c6 = init(c, ci + 6 * ldc, load);
    DoubleVector c7 = init(c, ci + 7 * ldc, load);
    for (int p = 0; p < kc; p++) {
      DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
      c0 = DoubleVector.broadcast(S, a[ai]).fma(b0, c0);
      c1 = DoubleVector.broadcast(S, a[ai + ars]).fma(b0, c1);
      c2 = DoubleVector.broadcast(S, a[ai + 2 * ars]).fma(b0, c2);
      c3 = DoubleVector.broadcast(S, a[ai + 3 * ars]).fma(b0, c3);
      c4 = DoubleVector.broadcast(S, a[ai + 4 * ars]).fma(b0, c4);
      c5 = DoubleVector.broadcast(S, a[ai + 5 * ars]).fma(b0, c5);
      c6 = DoubleVector.broadcast(S, a[ai + 6 * ars]).fma(b0, c6);
      c7 = DoubleVector.broadcast(S, a[ai + 7 * ars]).fma(b0, c7);
      ai += acs;
      bi += ldb;
    }
    c0.intoArray(c, ci);
    c1.intoArray(c, ci + ldc);
    c2.intoArray(c, ci + 2 * ldc);
    c3.intoArray(c, ci + 3 * ldc);
    c4.intoArray(c, ci + 4 * ldc);
    c5.intoArray(c, ci + 5 * ldc);
    c6.intoArray(c, ci + 6 * ldc);
    c7.intoArray(c, ci + 7 * ldc);
  }

  private static void tile1x2(
      int kc,
      double[] a,
      int ai,
      int acs,
      double[] b,
      int bi,
      int ldb,
      double[] c,
      int ci,
      boolean load) {
    DoubleVector c0 = init(c, ci, load);
    DoubleVector c1 = init(c, ci + L, load);
    for (int p = 0; p < kc; p++) {
      DoubleVector x = DoubleVector.broadcast(S, a[ai]);
      c0 = x.fma(DoubleVector.fromArray(S, b, bi), c0);
      c1 = x.fma(DoubleVector.fromArray(S, b, bi + L), c1);
      ai += acs;
      bi += ldb;
    }
    c0.intoArray(c, ci);
    c1.intoArray(c, ci + L);
  }

  private static void tile1x1(
      int kc,
      double[] a,
      int ai,
      int acs,
      double[] b,
      int bi,
      int ldb,
      double[] c,
      int ci,
      boolean load) {
    DoubleVector c0 = init(c, ci, load);
    for (int p = 0; p < kc; p++) {
      c0 = DoubleVector.broadcast(S, a[ai]).fma(DoubleVector.fromArray(S, b, bi), c0);
      ai += acs;
      bi += ldb;
    }
    c0.intoArray(c, ci);
  }

  private static void scalar(
      int kc,
      double[] a,
      int ai,
      int acs,
      double[] b,
      int bi,
      int ldb,
      double[] c,
      int ci,
      boolean load) {
    double s = load ? c[ci] : 0.0;
    for (int p = 0; p < kc; p++) {
      s = Math.fma(a[ai], b[bi], s);
      ai += acs;
      bi += ldb;
    }
    c[ci] = s;
  }
}

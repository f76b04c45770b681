package org.node4j.nn.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked float64 block product with the Vector API (loaded only through {@link
 * VectorGemmKernel}).
 *
 * <p>The micro-kernel keeps a 12-row by 2-vector tile of C in 24 accumulator registers (AVX-512; an
 * 8-row by 1-vector tile on narrower machines); each step of the reduction loads two vectors of one
 * row of B and broadcasts twelve elements of op(A), one per row, then issues 24 fused
 * multiply-adds: the register layout of the BLIS micro-kernel (Van Zee and van de Geijn, "BLIS: A
 * Framework for Rapidly Instantiating BLAS Functionality", ACM TOMS 41(3), 2015). Loops around it
 * follow GotoBLAS (Goto and van de Geijn, "Anatomy of High-Performance Matrix Multiplication", ACM
 * TOMS 34(3), 2008): the reduction is cut into blocks of {@value #KC} and the rows into blocks of
 * {@value #MC}, so that the KC x 2-vector panel of B stays in L1 while the row tiles of an MC x KC
 * block of A (in L2) stream past it. A is read in place (strided broadcasts), and B too unless its
 * rows are so long that each step would touch a new page; then each panel is first copied to a
 * contiguous per-thread buffer.
 *
 * <p>C is reloaded between reduction blocks, so every element's sum is one chain of fused
 * multiply-adds over p = 0 .. k-1 in order. Edges use 1-row and 1-vector tiles, and a scalar {@link
 * Math#fma} tail for the last columns, so each element is computed the same way wherever it lies
 * and however C was split into chunks.
 *
 * <p>The float32 twin is generated from this file at build time (see the node4j-nn POM); the
 * species is a static final constant of each generated class, so every call site stays monomorphic.
 */
final class VectorGemmF64 implements BlockKernelF64 {
  /** The one instance, handed out by {@link VectorGemmKernel}. */
  static final VectorGemmF64 INSTANCE = new VectorGemmF64();

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int MR = 8;
  private static final int MR_WIDE = 12;

  /**
   * Whether the 12 x 2-vector tile is used: it needs 24 accumulators plus 3 working registers,
   * which only AVX-512's 32 vector registers hold; with 16 registers (AVX2) the 8 x 1-vector tile
   * is used alone so that nothing spills.
   */
  private static final boolean WIDE = S.vectorBitSize() >= 512;

  /** Reduction block: 1 KiB of each row of the B panel (128 doubles, 256 floats). */
  private static final int KC = 1024 / Double.BYTES;

  private static final int MC = 240;

  /**
   * Row strides of B (in elements) above which column panels of B are copied to a contiguous buffer
   * first: with long rows every step of the reduction lands on a new page, and the TLB, not the FMA
   * units, sets the pace.
   */
  private static final int PACK_LDB = 256;

  private VectorGemmF64() {}

  @Override
  public void block(
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

  // float64 only {
  @Override
  public void dotRows(
      int m,
      int n,
      int k,
      double[] a,
      int aOff,
      int lda,
      double[] bt,
      int btOff,
      int ldbt,
      double[] c,
      int cOff,
      int ldc,
      boolean accumulate) {
    VectorDotF64.dotRows(m, n, k, a, aOff, lda, bt, btOff, ldbt, c, cOff, ldc, accumulate);
  }

  // } float64 only
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
    for (; i + MR_WIDE <= m; i += MR_WIDE) {
      tile12x2(kc, a, ak + i * ars, ars, acs, b, bj, ldb, c, cj + i * ldc, ldc, load);
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

  private static void tile12x2(
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
    DoubleVector c0_0 = init(c, ci, load);
    DoubleVector c0_1 = init(c, ci + L, load);
    DoubleVector c1_0 = init(c, ci + ldc, load);
    DoubleVector c1_1 = init(c, ci + ldc + L, load);
    DoubleVector c2_0 = init(c, ci + 2 * ldc, load);
    DoubleVector c2_1 = init(c, ci + 2 * ldc + L, load);
    DoubleVector c3_0 = init(c, ci + 3 * ldc, load);
    DoubleVector c3_1 = init(c, ci + 3 * ldc + L, load);
    DoubleVector c4_0 = init(c, ci + 4 * ldc, load);
    DoubleVector c4_1 = init(c, ci + 4 * ldc + L, load);
    DoubleVector c5_0 = init(c, ci + 5 * ldc, load);
    DoubleVector c5_1 = init(c, ci + 5 * ldc + L, load);
    DoubleVector c6_0 = init(c, ci + 6 * ldc, load);
    DoubleVector c6_1 = init(c, ci + 6 * ldc + L, load);
    DoubleVector c7_0 = init(c, ci + 7 * ldc, load);
    DoubleVector c7_1 = init(c, ci + 7 * ldc + L, load);
    DoubleVector c8_0 = init(c, ci + 8 * ldc, load);
    DoubleVector c8_1 = init(c, ci + 8 * ldc + L, load);
    DoubleVector c9_0 = init(c, ci + 9 * ldc, load);
    DoubleVector c9_1 = init(c, ci + 9 * ldc + L, load);
    DoubleVector c10_0 = init(c, ci + 10 * ldc, load);
    DoubleVector c10_1 = init(c, ci + 10 * ldc + L, load);
    DoubleVector c11_0 = init(c, ci + 11 * ldc, load);
    DoubleVector c11_1 = init(c, ci + 11 * ldc + L, load);
    for (int p = 0; p < kc; p++) {
      DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
      DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
      DoubleVector x = DoubleVector.broadcast(S, a[ai]);
      c0_0 = x.fma(b0, c0_0);
      c0_1 = x.fma(b1, c0_1);
      x = DoubleVector.broadcast(S, a[ai + ars]);
      c1_0 = x.fma(b0, c1_0);
      c1_1 = x.fma(b1, c1_1);
      x = DoubleVector.broadcast(S, a[ai + 2 * ars]);
      c2_0 = x.fma(b0, c2_0);
      c2_1 = x.fma(b1, c2_1);
      x = DoubleVector.broadcast(S, a[ai + 3 * ars]);
      c3_0 = x.fma(b0, c3_0);
      c3_1 = x.fma(b1, c3_1);
      x = DoubleVector.broadcast(S, a[ai + 4 * ars]);
      c4_0 = x.fma(b0, c4_0);
      c4_1 = x.fma(b1, c4_1);
      x = DoubleVector.broadcast(S, a[ai + 5 * ars]);
      c5_0 = x.fma(b0, c5_0);
      c5_1 = x.fma(b1, c5_1);
      x = DoubleVector.broadcast(S, a[ai + 6 * ars]);
      c6_0 = x.fma(b0, c6_0);
      c6_1 = x.fma(b1, c6_1);
      x = DoubleVector.broadcast(S, a[ai + 7 * ars]);
      c7_0 = x.fma(b0, c7_0);
      c7_1 = x.fma(b1, c7_1);
      x = DoubleVector.broadcast(S, a[ai + 8 * ars]);
      c8_0 = x.fma(b0, c8_0);
      c8_1 = x.fma(b1, c8_1);
      x = DoubleVector.broadcast(S, a[ai + 9 * ars]);
      c9_0 = x.fma(b0, c9_0);
      c9_1 = x.fma(b1, c9_1);
      x = DoubleVector.broadcast(S, a[ai + 10 * ars]);
      c10_0 = x.fma(b0, c10_0);
      c10_1 = x.fma(b1, c10_1);
      x = DoubleVector.broadcast(S, a[ai + 11 * ars]);
      c11_0 = x.fma(b0, c11_0);
      c11_1 = x.fma(b1, c11_1);
      ai += acs;
      bi += ldb;
    }
    c0_0.intoArray(c, ci);
    c0_1.intoArray(c, ci + L);
    c1_0.intoArray(c, ci + ldc);
    c1_1.intoArray(c, ci + ldc + L);
    c2_0.intoArray(c, ci + 2 * ldc);
    c2_1.intoArray(c, ci + 2 * ldc + L);
    c3_0.intoArray(c, ci + 3 * ldc);
    c3_1.intoArray(c, ci + 3 * ldc + L);
    c4_0.intoArray(c, ci + 4 * ldc);
    c4_1.intoArray(c, ci + 4 * ldc + L);
    c5_0.intoArray(c, ci + 5 * ldc);
    c5_1.intoArray(c, ci + 5 * ldc + L);
    c6_0.intoArray(c, ci + 6 * ldc);
    c6_1.intoArray(c, ci + 6 * ldc + L);
    c7_0.intoArray(c, ci + 7 * ldc);
    c7_1.intoArray(c, ci + 7 * ldc + L);
    c8_0.intoArray(c, ci + 8 * ldc);
    c8_1.intoArray(c, ci + 8 * ldc + L);
    c9_0.intoArray(c, ci + 9 * ldc);
    c9_1.intoArray(c, ci + 9 * ldc + L);
    c10_0.intoArray(c, ci + 10 * ldc);
    c10_1.intoArray(c, ci + 10 * ldc + L);
    c11_0.intoArray(c, ci + 11 * ldc);
    c11_1.intoArray(c, ci + 11 * ldc + L);
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

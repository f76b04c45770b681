package org.node4j.nn.kernel;

/**
 * The portable float64 block kernel: plain Java, with a 4 x 4 tile of C in scalar registers (a
 * quarter of the loads of a naive loop; the JIT does not auto-vectorise reductions of this shape).
 *
 * <p>Used when {@code jdk.incubator.vector} is not enabled, or when forced with {@code
 * -Dnode4j.kernel=scalar}. Each element of C is accumulated over p in increasing order, with a
 * separate multiply and add (no fused multiply-add), so results differ from the vector kernel by
 * rounding only. The float32 twin is generated from this file at build time (see the node4j-nn
 * POM).
 */
final class ScalarBlockF64 implements BlockKernelF64 {
  static final ScalarBlockF64 INSTANCE = new ScalarBlockF64();

  private ScalarBlockF64() {}

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
    int i = 0;
    for (; i + 4 <= m; i += 4) {
      int j = 0;
      for (; j + 4 <= n; j += 4) {
        tile4x4(
            k,
            a,
            aOff + i * ars,
            ars,
            acs,
            b,
            bOff + j,
            ldb,
            c,
            cOff + i * ldc + j,
            ldc,
            accumulate);
      }
      for (int r = 0; r < 4; r++) {
        for (int jj = j; jj < n; jj++) {
          dot(
              k,
              a,
              aOff + (i + r) * ars,
              acs,
              b,
              bOff + jj,
              ldb,
              c,
              cOff + (i + r) * ldc + jj,
              accumulate);
        }
      }
    }
    for (; i < m; i++) {
      for (int j = 0; j < n; j++) {
        dot(k, a, aOff + i * ars, acs, b, bOff + j, ldb, c, cOff + i * ldc + j, accumulate);
      }
    }
  }

  /** The packed form is B itself, row-major with row stride n. */
  @Override
  public int packedLength(int k, int n) {
    return k * n;
  }

  @Override
  public void pack(int k, int n, double[] b, int bOff, int ldb, double[] dst) {
    for (int p = 0; p < k; p++) {
      System.arraycopy(b, bOff + p * ldb, dst, p * n, n);
    }
  }

  @Override
  public void blockPacked(
      int m,
      int n,
      int k,
      double[] a,
      int aOff,
      int lda,
      double[] bp,
      double[] c,
      int cOff,
      int ldc,
      boolean accumulate) {
    block(false, m, n, k, a, aOff, lda, bp, 0, n, c, cOff, ldc, accumulate);
  }

  /** A 4 x 4 tile of C in 16 scalar accumulators: 8 loads per 16 multiply-adds. */
  private static void tile4x4(
      int k,
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
    double c00 = load ? c[ci] : 0.0;
    double c01 = load ? c[ci + 1] : 0.0;
    double c02 = load ? c[ci + 2] : 0.0;
    double c03 = load ? c[ci + 3] : 0.0;
    double c10 = load ? c[ci + ldc] : 0.0;
    double c11 = load ? c[ci + ldc + 1] : 0.0;
    double c12 = load ? c[ci + ldc + 2] : 0.0;
    double c13 = load ? c[ci + ldc + 3] : 0.0;
    double c20 = load ? c[ci + 2 * ldc] : 0.0;
    double c21 = load ? c[ci + 2 * ldc + 1] : 0.0;
    double c22 = load ? c[ci + 2 * ldc + 2] : 0.0;
    double c23 = load ? c[ci + 2 * ldc + 3] : 0.0;
    double c30 = load ? c[ci + 3 * ldc] : 0.0;
    double c31 = load ? c[ci + 3 * ldc + 1] : 0.0;
    double c32 = load ? c[ci + 3 * ldc + 2] : 0.0;
    double c33 = load ? c[ci + 3 * ldc + 3] : 0.0;
    for (int p = 0; p < k; p++) {
      double b0 = b[bi];
      double b1 = b[bi + 1];
      double b2 = b[bi + 2];
      double b3 = b[bi + 3];
      double a0 = a[ai];
      double a1 = a[ai + ars];
      double a2 = a[ai + 2 * ars];
      double a3 = a[ai + 3 * ars];
      c00 += a0 * b0;
      c01 += a0 * b1;
      c02 += a0 * b2;
      c03 += a0 * b3;
      c10 += a1 * b0;
      c11 += a1 * b1;
      c12 += a1 * b2;
      c13 += a1 * b3;
      c20 += a2 * b0;
      c21 += a2 * b1;
      c22 += a2 * b2;
      c23 += a2 * b3;
      c30 += a3 * b0;
      c31 += a3 * b1;
      c32 += a3 * b2;
      c33 += a3 * b3;
      ai += acs;
      bi += ldb;
    }
    c[ci] = c00;
    c[ci + 1] = c01;
    c[ci + 2] = c02;
    c[ci + 3] = c03;
    c[ci + ldc] = c10;
    c[ci + ldc + 1] = c11;
    c[ci + ldc + 2] = c12;
    c[ci + ldc + 3] = c13;
    c[ci + 2 * ldc] = c20;
    c[ci + 2 * ldc + 1] = c21;
    c[ci + 2 * ldc + 2] = c22;
    c[ci + 2 * ldc + 3] = c23;
    c[ci + 3 * ldc] = c30;
    c[ci + 3 * ldc + 1] = c31;
    c[ci + 3 * ldc + 2] = c32;
    c[ci + 3 * ldc + 3] = c33;
  }

  /** One element of C: the same summation order as a tile, for the edges. */
  private static void dot(
      int k,
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
    for (int p = 0; p < k; p++) {
      s += a[ai] * b[bi];
      ai += acs;
      bi += ldb;
    }
    c[ci] = s;
  }

  // float64 only {
  /** Each element one in-order chain of fused multiply-adds over k, as in {@link #block}. */
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
    for (int i = 0; i < m; i++) {
      int ai = aOff + i * lda;
      int ci = cOff + i * ldc;
      for (int j = 0; j < n; j++) {
        int bj = btOff + j * ldbt;
        double s = accumulate ? c[ci + j] : 0.0;
        for (int p = 0; p < k; p++) {
          s = Math.fma(a[ai + p], bt[bj + p], s);
        }
        c[ci + j] = s;
      }
    }
  }
  // } float64 only
}

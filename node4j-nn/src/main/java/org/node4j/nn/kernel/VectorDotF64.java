package org.node4j.nn.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * float64 products with a narrow C as row-by-row vector dot products (loaded only through {@link
 * VectorGemmKernel}): {@code C = A Bt^T} where both A and Bt are read along their contiguous rows.
 *
 * <p>Each dot product keeps two vector accumulators (even and odd vector steps over k, so that two
 * fused multiply-add chains overlap), adds them, stores the lanes and sums them in lane order, then
 * finishes the k mod L tail with scalar fused multiply-adds. Every step is an IEEE operation with
 * one rounding, so the result is the same in the interpreter and in compiled code; the lane sum is
 * spelled out instead of {@code reduceLanes}, whose order is not specified.
 */
final class VectorDotF64 {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorDotF64() {}

  /** See {@link GemmKernel#dotRows}. */
  static void dotRows(
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
    double[] lanes = Workspace.local().doubles(Workspace.Slot.LANES, 2 * L);
    for (int i = 0; i < m; i++) {
      int ai = aOff + i * lda;
      int ci = cOff + i * ldc;
      int j = 0;
      for (; j + 2 <= n; j += 2) {
        dot2(k, a, ai, bt, btOff + j * ldbt, btOff + (j + 1) * ldbt, lanes);
        double s0 = sum(lanes, 0, k, a, ai, bt, btOff + j * ldbt);
        double s1 = sum(lanes, L, k, a, ai, bt, btOff + (j + 1) * ldbt);
        c[ci + j] = accumulate ? c[ci + j] + s0 : s0;
        c[ci + j + 1] = accumulate ? c[ci + j + 1] + s1 : s1;
      }
      for (; j < n; j++) {
        double s = dot(k, a, ai, bt, btOff + j * ldbt, lanes);
        c[ci + j] = accumulate ? c[ci + j] + s : s;
      }
    }
  }

  /**
   * The vector part of {@link #dot} for one row of A against two rows of B at once (each A vector
   * loaded once, four independent chains), storing the two lane vectors to {@code lanes[0, 2L)}.
   */
  private static void dot2(int k, double[] a, int ai, double[] b, int b0, int b1, double[] lanes) {
    DoubleVector s0 = DoubleVector.zero(S);
    DoubleVector s1 = DoubleVector.zero(S);
    DoubleVector t0 = DoubleVector.zero(S);
    DoubleVector t1 = DoubleVector.zero(S);
    int p = 0;
    for (; p + 2 * L <= k; p += 2 * L) {
      DoubleVector x0 = DoubleVector.fromArray(S, a, ai + p);
      DoubleVector x1 = DoubleVector.fromArray(S, a, ai + p + L);
      s0 = x0.fma(DoubleVector.fromArray(S, b, b0 + p), s0);
      t0 = x0.fma(DoubleVector.fromArray(S, b, b1 + p), t0);
      s1 = x1.fma(DoubleVector.fromArray(S, b, b0 + p + L), s1);
      t1 = x1.fma(DoubleVector.fromArray(S, b, b1 + p + L), t1);
    }
    if (p + L <= k) {
      DoubleVector x0 = DoubleVector.fromArray(S, a, ai + p);
      s0 = x0.fma(DoubleVector.fromArray(S, b, b0 + p), s0);
      t0 = x0.fma(DoubleVector.fromArray(S, b, b1 + p), t0);
    }
    s0.add(s1).intoArray(lanes, 0);
    t0.add(t1).intoArray(lanes, L);
  }

  /**
   * The scalar end of {@link #dot}: the lanes at {@code lanes[from, from + L)} summed in lane
   * order, then the k mod L tail of the dot product of {@code a[ai ..]} and {@code b[bi ..]}.
   */
  private static double sum(
      double[] lanes, int from, int k, double[] a, int ai, double[] b, int bi) {
    double s = 0.0;
    for (int q = 0; q < L; q++) {
      s += lanes[from + q];
    }
    for (int p = k - k % L; p < k; p++) {
      s = Math.fma(a[ai + p], b[bi + p], s);
    }
    return s;
  }

  /** The dot product of {@code a[ai .. ai+k)} and {@code b[bi .. bi+k)}. */
  static double dot(int k, double[] a, int ai, double[] b, int bi, double[] lanes) {
    DoubleVector s0 = DoubleVector.zero(S);
    DoubleVector s1 = DoubleVector.zero(S);
    int p = 0;
    for (; p + 2 * L <= k; p += 2 * L) {
      s0 = DoubleVector.fromArray(S, a, ai + p).fma(DoubleVector.fromArray(S, b, bi + p), s0);
      s1 =
          DoubleVector.fromArray(S, a, ai + p + L)
              .fma(DoubleVector.fromArray(S, b, bi + p + L), s1);
    }
    if (p + L <= k) {
      s0 = DoubleVector.fromArray(S, a, ai + p).fma(DoubleVector.fromArray(S, b, bi + p), s0);
      p += L;
    }
    s0.add(s1).intoArray(lanes, 0);
    double s = 0.0;
    for (int q = 0; q < L; q++) {
      s += lanes[q];
    }
    for (; p < k; p++) {
      s = Math.fma(a[ai + p], b[bi + p], s);
    }
    return s;
  }
}

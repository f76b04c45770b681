package org.node4j.nn.kernel;

/**
 * Test oracle: the textbook triple loop in float64 on the float64 images of the operands, plus the
 * absolute size of each product ({@code sum |a||b|}), which bounds the rounding error of any
 * summation order.
 */
final class GemmReference {
  private GemmReference() {}

  /** Stored operands and the shape of op(A) op(B), with padded strides and offsets. */
  record Problem(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      double[] a,
      int aOff,
      int lda,
      double[] b,
      int bOff,
      int ldb,
      double[] c0,
      int cOff,
      int ldc) {

    double opA(int i, int p) {
      return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    double opB(int p, int j) {
      return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
    }

    /** Returns the exact-ish product (plus C0 when accumulating) at (i, j), in float64. */
    double expected(int i, int j, boolean accumulate) {
      double s = accumulate ? c0[cOff + i * ldc + j] : 0;
      for (int p = 0; p < k; p++) {
        s += opA(i, p) * opB(p, j);
      }
      return s;
    }

    /** Returns {@code |C0| + sum_p |a_ip b_pj|}, the scale of the rounding error at (i, j). */
    double magnitude(int i, int j, boolean accumulate) {
      double s = accumulate ? Math.abs(c0[cOff + i * ldc + j]) : 0;
      for (int p = 0; p < k; p++) {
        s += Math.abs(opA(i, p) * opB(p, j));
      }
      return s;
    }

    static float[] toFloats(double[] x) {
      float[] f = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        f[i] = (float) x[i];
      }
      return f;
    }
  }

  /** Builds a problem with random values in [-1, 1), random padding of strides and offsets. */
  static Problem random(
      java.util.Random rnd, boolean transA, boolean transB, int m, int n, int k, boolean padded) {
    return random(rnd, transA, transB, m, n, k, padded ? 4 : 0);
  }

  /**
   * Builds a problem whose row strides exceed the stored rows by less than {@code maxPad} (0:
   * dense) and whose offsets are below 5 when padded.
   */
  static Problem random(
      java.util.Random rnd, boolean transA, boolean transB, int m, int n, int k, int maxPad) {
    boolean padded = maxPad > 0;
    int aRows = transA ? k : m;
    int aCols = transA ? m : k;
    int bRows = transB ? n : k;
    int bCols = transB ? k : n;
    int lda = aCols + (padded ? rnd.nextInt(maxPad) : 0);
    int ldb = bCols + (padded ? rnd.nextInt(maxPad) : 0);
    int ldc = n + (padded ? rnd.nextInt(maxPad) : 0);
    int aOff = padded ? rnd.nextInt(5) : 0;
    int bOff = padded ? rnd.nextInt(5) : 0;
    int cOff = padded ? rnd.nextInt(5) : 0;
    double[] a = fill(rnd, aOff + aRows * lda);
    double[] b = fill(rnd, bOff + bRows * ldb);
    double[] c = fill(rnd, cOff + m * ldc);
    // Values float32 can hold exactly, so float32 and float64 see the same operands.
    return new Problem(
        transA, transB, m, n, k, round(a), aOff, lda, round(b), bOff, ldb, round(c), cOff, ldc);
  }

  private static double[] fill(java.util.Random rnd, int size) {
    double[] x = new double[Math.max(size, 1)];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextDouble() * 2 - 1;
    }
    return x;
  }

  private static double[] round(double[] x) {
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) x[i];
    }
    return x;
  }
}

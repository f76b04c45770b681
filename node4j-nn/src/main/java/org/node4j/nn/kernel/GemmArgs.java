package org.node4j.nn.kernel;

/**
 * Argument checks for {@link Gemm}: dimensions, strides and offsets against the array lengths, with
 * messages that name the offending values. Checking the extreme indices once up front keeps the
 * kernels free of per-element surprises and turns a wrong stride into a clear error instead of a
 * silently wrong product.
 */
final class GemmArgs {
  private GemmArgs() {}

  static void check(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      int aLen,
      int aOff,
      int lda,
      int bLen,
      int bOff,
      int ldb,
      int cLen,
      int cOff,
      int ldc) {
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException(
          "GEMM dimensions must be non-negative, got m=" + m + ", n=" + n + ", k=" + k);
    }
    operand("A", transA, m, k, aLen, aOff, lda);
    operand("B", transB, k, n, bLen, bOff, ldb);
    operand("C", false, m, n, cLen, cOff, ldc);
  }

  /** Checks an operand whose op() is rows x cols, stored transposed when {@code trans}. */
  private static void operand(
      String name, boolean trans, int rows, int cols, int len, int off, int ld) {
    int storedRows = trans ? cols : rows;
    int storedCols = trans ? rows : cols;
    if (off < 0) {
      throw new IllegalArgumentException(
          shape(name, trans, storedRows, storedCols) + ") has negative offset " + off);
    }
    if (ld < Math.max(1, storedCols)) {
      throw new IllegalArgumentException(
          shape(name, trans, storedRows, storedCols)
              + ") needs a row stride of at least "
              + Math.max(1, storedCols)
              + ", got "
              + ld);
    }
    if (storedRows == 0 || storedCols == 0) {
      return;
    }
    long last = off + (long) (storedRows - 1) * ld + storedCols - 1;
    if (last >= len) {
      throw new IllegalArgumentException(
          shape(name, trans, storedRows, storedCols)
              + ", offset "
              + off
              + ", stride "
              + ld
              + ") reaches index "
              + last
              + " but the array has length "
              + len);
    }
  }

  /** The operand's description, built only for error messages (the hot path allocates nothing). */
  private static String shape(String name, boolean trans, int storedRows, int storedCols) {
    return name + (trans ? " (stored transposed, " : " (") + storedRows + "x" + storedCols;
  }
}

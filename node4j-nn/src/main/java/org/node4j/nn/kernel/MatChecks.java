package org.node4j.nn.kernel;

import org.node4j.nn.tensor.DType;

/**
 * The checks of the matrix views ({@link MatF64} and its float32 twin) and of the shapes of a
 * product, on plain integers so that a view never escapes into them (the JIT can then
 * scalar-replace views), with messages that name the offending values. Checking the extreme indices
 * once up front keeps the kernels free of per-element surprises and turns a wrong stride into a
 * clear error instead of a silently wrong product.
 */
final class MatChecks {
  private MatChecks() {}

  /** Checks a view of {@code rows x cols} elements at {@code offset} with row stride {@code ld}. */
  static void check(int length, int offset, int ld, int rows, int cols) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException(
          "a matrix view needs non-negative sizes, got " + rows + "x" + cols);
    }
    if (offset < 0) {
      throw new IllegalArgumentException(
          "matrix view " + rows + "x" + cols + " has negative offset " + offset);
    }
    if (ld < Math.max(1, cols)) {
      throw new IllegalArgumentException(
          "matrix view "
              + rows
              + "x"
              + cols
              + " needs a row stride of at least "
              + Math.max(1, cols)
              + ", got "
              + ld);
    }
    if (rows == 0 || cols == 0) {
      return;
    }
    long last = offset + (long) (rows - 1) * ld + cols - 1;
    if (last >= length) {
      throw new IllegalArgumentException(
          "matrix view "
              + rows
              + "x"
              + cols
              + " (offset "
              + offset
              + ", stride "
              + ld
              + ") reaches index "
              + last
              + " but the array has length "
              + length);
    }
  }

  /**
   * Checks that op(A) op(B) fits C, where op transposes a stored {@code rows x cols} operand when
   * its flag is set.
   */
  static void product(
      boolean transA,
      int aRows,
      int aCols,
      boolean transB,
      int bRows,
      int bCols,
      int cRows,
      int cCols) {
    int m = transA ? aCols : aRows;
    int ka = transA ? aRows : aCols;
    int kb = transB ? bCols : bRows;
    int n = transB ? bRows : bCols;
    if (ka != kb || cRows != m || cCols != n) {
      throw new IllegalArgumentException(
          "cannot multiply: op(A) is "
              + m
              + "x"
              + ka
              + (transA ? " (A transposed)" : "")
              + ", op(B) is "
              + kb
              + "x"
              + n
              + (transB ? " (B transposed)" : "")
              + ", C is "
              + cRows
              + "x"
              + cCols
              + "; need op(A) m x k, op(B) k x n and C m x n");
    }
  }

  /** Checks that the three operands of a tensor product share one dtype. */
  static void dtypes(DType a, DType b, DType c) {
    if (a != c || b != c) {
      throw new IllegalArgumentException(
          "cannot multiply "
              + a
              + " by "
              + b
              + " into "
              + c
              + "; all three operands need one dtype");
    }
  }
}

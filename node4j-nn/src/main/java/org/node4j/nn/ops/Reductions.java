package org.node4j.nn.ops;

import org.node4j.nn.tensor.Tensor;

/**
 * Reductions over whole tensors and over the rows of a matrix.
 *
 * <p>Sums accumulate in double precision in index order whatever the dtype, so that a float32
 * reduction of a large tensor keeps float32 accuracy and every result is deterministic. Nothing is
 * allocated.
 */
public final class Reductions {
  private Reductions() {}

  /** Returns the sum of all elements. */
  public static double sum(Tensor x) {
    return ElementLoops.BY_DTYPE.of(x).sum(x);
  }

  /** Returns the Euclidean inner product of two tensors of the same shape and dtype. */
  public static double dot(Tensor x, Tensor y) {
    Shapes.requireSame("dot second operand", x, y);
    return ElementLoops.BY_DTYPE.of(x).dot(x, y);
  }

  /** Returns the sum of squares of all elements. */
  public static double sumSquares(Tensor x) {
    return dot(x, x);
  }

  /**
   * Returns the largest element; NaN if any element is NaN.
   *
   * @throws IllegalArgumentException if {@code x} is empty
   */
  public static double max(Tensor x) {
    requireNonEmpty(x);
    double m = x.get(0);
    for (int i = 0, n = x.size(); i < n; i++) {
      double v = x.get(i);
      if (Double.isNaN(v)) {
        return v;
      }
      m = Math.max(m, v);
    }
    return m;
  }

  /** Returns the largest absolute value (0 for an empty tensor); NaN if any element is NaN. */
  public static double maxAbs(Tensor x) {
    double m = 0.0;
    for (int i = 0, n = x.size(); i < n; i++) {
      double v = Math.abs(x.get(i));
      if (Double.isNaN(v)) {
        return v;
      }
      m = Math.max(m, v);
    }
    return m;
  }

  /** Returns {@code true} when no element is NaN or infinite. */
  public static boolean allFinite(Tensor x) {
    return ElementLoops.BY_DTYPE.of(x).allFinite(x);
  }

  /**
   * Writes into {@code out[r]} the column index of the largest element of row {@code r} of the
   * matrix {@code x} of shape [rows, cols]; ties go to the first index, as in PyTorch.
   *
   * @throws IllegalArgumentException if {@code x} is not a non-empty matrix or {@code out} is too
   *     short
   */
  public static void argmaxRows(Tensor x, int[] out) {
    if (x.rank() != 2 || x.dim(1) == 0) {
      throw new IllegalArgumentException(
          "argmaxRows needs a [rows, cols] matrix with cols > 0, got " + Shapes.describe(x));
    }
    int rows = x.dim(0);
    int cols = x.dim(1);
    if (out.length < rows) {
      throw new IllegalArgumentException(
          "argmaxRows output has length " + out.length + " but the matrix has " + rows + " rows");
    }
    for (int r = 0; r < rows; r++) {
      int best = 0;
      double bestValue = x.get(r * cols);
      for (int c = 1; c < cols; c++) {
        double v = x.get(r * cols + c);
        if (v > bestValue) {
          best = c;
          bestValue = v;
        }
      }
      out[r] = best;
    }
  }

  private static void requireNonEmpty(Tensor x) {
    if (x.size() == 0) {
      throw new IllegalArgumentException("reduction of an empty tensor " + Shapes.describe(x));
    }
  }
}

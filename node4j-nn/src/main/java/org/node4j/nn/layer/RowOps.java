package org.node4j.nn.layer;

import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Small row-wise loops on row-major matrices shared by the layers (bias add, bias gradient). The
 * tensor overloads dispatch on the dtype once, so that a layer need not.
 */
final class RowOps {
  private RowOps() {}

  /**
   * Adds the vector {@code v} to rows {@code [r0, r1)} of {@code m}, read as a matrix with {@code
   * v.size()} columns.
   */
  static void addRowVector(Tensor m, int r0, int r1, Tensor v) {
    if (m.dtype() == DType.FLOAT32) {
      addRowVector(m.floats(), r0, r1, v.floats());
    } else {
      addRowVector(m.doubles(), r0, r1, v.doubles());
    }
  }

  /**
   * Writes the column sums of rows {@code [r0, r1)} of {@code m} (with {@code cols} columns) into
   * elements {@code [off, off + cols)} of {@code out}.
   */
  static void columnSums(Tensor m, int r0, int r1, int cols, Tensor out, int off) {
    if (m.dtype() == DType.FLOAT32) {
      columnSums(m.floats(), r0, r1, cols, out.floats(), off);
    } else {
      columnSums(m.doubles(), r0, r1, cols, out.doubles(), off);
    }
  }

  /**
   * Adds {@code v} to rows {@code [r0, r1)} of the matrix {@code m} with {@code v.length} columns.
   */
  static void addRowVector(float[] m, int r0, int r1, float[] v) {
    int cols = v.length;
    for (int r = r0; r < r1; r++) {
      int base = r * cols;
      for (int j = 0; j < cols; j++) {
        m[base + j] += v[j];
      }
    }
  }

  /**
   * Adds {@code v} to rows {@code [r0, r1)} of the matrix {@code m} with {@code v.length} columns.
   */
  static void addRowVector(double[] m, int r0, int r1, double[] v) {
    int cols = v.length;
    for (int r = r0; r < r1; r++) {
      int base = r * cols;
      for (int j = 0; j < cols; j++) {
        m[base + j] += v[j];
      }
    }
  }

  /**
   * Writes the column sums of rows {@code [r0, r1)} of {@code m} into {@code out[off..off+cols)}.
   */
  static void columnSums(float[] m, int r0, int r1, int cols, float[] out, int off) {
    java.util.Arrays.fill(out, off, off + cols, 0f);
    addColumnSums(m, r0, r1, cols, out, off);
  }

  /**
   * Writes the column sums of rows {@code [r0, r1)} of {@code m} into {@code out[off..off+cols)}.
   */
  static void columnSums(double[] m, int r0, int r1, int cols, double[] out, int off) {
    java.util.Arrays.fill(out, off, off + cols, 0.0);
    addColumnSums(m, r0, r1, cols, out, off);
  }

  /** Adds the column sums of rows {@code [r0, r1)} of {@code m} into {@code out[off..off+cols)}. */
  static void addColumnSums(float[] m, int r0, int r1, int cols, float[] out, int off) {
    for (int r = r0; r < r1; r++) {
      int base = r * cols;
      for (int j = 0; j < cols; j++) {
        out[off + j] += m[base + j];
      }
    }
  }

  /** Adds the column sums of rows {@code [r0, r1)} of {@code m} into {@code out[off..off+cols)}. */
  static void addColumnSums(double[] m, int r0, int r1, int cols, double[] out, int off) {
    for (int r = r0; r < r1; r++) {
      int base = r * cols;
      for (int j = 0; j < cols; j++) {
        out[off + j] += m[base + j];
      }
    }
  }

  /** Adds {@code v} to {@code m[off, off + n)}. */
  static void addScalar(float[] m, int off, int n, float v) {
    for (int i = off; i < off + n; i++) {
      m[i] += v;
    }
  }

  /** Returns the sum of {@code m[off, off + n)}, in order. */
  static float sum(float[] m, int off, int n) {
    float s = 0f;
    for (int i = off; i < off + n; i++) {
      s += m[i];
    }
    return s;
  }
}

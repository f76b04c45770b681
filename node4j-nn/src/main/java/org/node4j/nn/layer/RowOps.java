package org.node4j.nn.layer;

import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Row-wise operations on tensors shared by the layers (bias add, bias gradient): each dispatches on
 * the dtype once, to {@link RowLoopsF64} or its float32 twin, so that a layer need not.
 */
final class RowOps {
  private RowOps() {}

  /**
   * Adds the vector {@code v} to rows {@code [r0, r1)} of {@code m}, read as a matrix with {@code
   * v.size()} columns.
   */
  static void addRowVector(Tensor m, int r0, int r1, Tensor v) {
    if (m.dtype() == DType.FLOAT32) {
      RowLoopsF32.addRowVector(m.floats(), r0, r1, v.floats());
    } else {
      RowLoopsF64.addRowVector(m.doubles(), r0, r1, v.doubles());
    }
  }

  /**
   * Writes the column sums of rows {@code [r0, r1)} of {@code m} (with {@code cols} columns) into
   * elements {@code [off, off + cols)} of {@code out}.
   */
  static void columnSums(Tensor m, int r0, int r1, int cols, Tensor out, int off) {
    if (m.dtype() == DType.FLOAT32) {
      RowLoopsF32.columnSums(m.floats(), r0, r1, cols, out.floats(), off);
    } else {
      RowLoopsF64.columnSums(m.doubles(), r0, r1, cols, out.doubles(), off);
    }
  }
}

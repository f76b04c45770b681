package org.node4j.nn.layer;

import org.node4j.nn.tensor.Tensor;

/**
 * Row-wise operations on tensors shared by the layers (bias add, bias gradient, the reduction of
 * per-chunk partial gradients): each runs the {@link RowLoops} of its tensors' dtype, so that a
 * layer need not look at the dtype.
 */
final class RowOps {
  private RowOps() {}

  /**
   * Adds the vector {@code v} to rows {@code [r0, r1)} of {@code m}, read as a matrix with {@code
   * v.size()} columns.
   */
  static void addRowVector(Tensor m, int r0, int r1, Tensor v) {
    RowLoops.BY_DTYPE.of(m).addRowVector(m, r0, r1, v);
  }

  /**
   * Writes the column sums of rows {@code [r0, r1)} of {@code m} (with {@code cols} columns) into
   * elements {@code [off, off + cols)} of {@code out}.
   */
  static void columnSums(Tensor m, int r0, int r1, int cols, Tensor out, int off) {
    RowLoops.BY_DTYPE.of(m).columnSums(m, r0, r1, cols, out, off);
  }
}

package org.node4j.nn.layer;

import org.node4j.nn.tensor.ByDType;
import org.node4j.nn.tensor.Tensor;

/**
 * The row loops of the layers on tensors of one dtype ({@link RowLoopsF64} and its generated
 * float32 twin); {@link RowOps} picks one per call through {@link #BY_DTYPE}. Shapes and dtypes are
 * the caller's to check.
 */
interface RowLoops {
  /** The float32 and float64 loops. */
  ByDType<RowLoops> BY_DTYPE = new ByDType<>(RowLoopsF32.INSTANCE, RowLoopsF64.INSTANCE);

  /** Adds {@code v} to rows {@code [r0, r1)} of {@code m}, read as a matrix of v.size() columns. */
  void addRowVector(Tensor m, int r0, int r1, Tensor v);

  /** Writes the column sums of rows {@code [r0, r1)} of {@code m} into {@code out[off..+cols)}. */
  void columnSums(Tensor m, int r0, int r1, int cols, Tensor out, int off);

  /**
   * Adds, chunk by chunk in chunk order, the block {@code [c * stride + offset, + sum.size())} of
   * {@code partials} into {@code sum}, for {@code c = 0 .. chunks - 1}.
   */
  void addChunks(Tensor partials, int chunks, int stride, int offset, Tensor sum);
}

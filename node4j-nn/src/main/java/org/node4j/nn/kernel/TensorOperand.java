package org.node4j.nn.kernel;

import org.node4j.nn.tensor.Tensor;

/**
 * What a tensor product reads of an operand: the tensor, the flat index of element (0, 0), the row
 * stride, rows and columns. Both the value view {@link Mat} and the re-pointable {@link MatView}
 * are one, so {@link Gemm} dispatches on the dtype, and each driver unpacks, in one place.
 */
interface TensorOperand {
  /** Returns the viewed tensor. */
  Tensor tensor();

  /** Returns the flat index of element (0, 0). */
  int offset();

  /** Returns the row stride. */
  int ld();

  /** Returns the number of rows. */
  int rows();

  /** Returns the number of columns. */
  int cols();
}

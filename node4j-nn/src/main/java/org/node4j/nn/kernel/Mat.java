package org.node4j.nn.kernel;

import org.node4j.nn.tensor.Tensor;

/**
 * A row-major matrix inside a tensor's storage, of either float type: {@code rows x cols} elements
 * starting at {@code offset}, consecutive rows {@code ld} elements apart. The tensor-level operand
 * of {@link Gemm}: layers describe their products once, and the product dispatches on the dtype
 * once, instead of every layer writing a float32 and a float64 branch. Validated once when built.
 *
 * @param tensor the tensor whose storage is viewed (any shape; only its flat storage counts)
 * @param offset the index of element (0, 0) in the flat storage
 * @param ld the row stride, at least {@code cols} (and at least 1)
 * @param rows the number of rows
 * @param cols the number of columns
 */
public record Mat(Tensor tensor, int offset, int ld, int rows, int cols) implements TensorOperand {

  /**
   * Validates the view.
   *
   * @throws IllegalArgumentException if a size or the offset is negative, the stride is shorter
   *     than a row, or the last element lies outside the tensor
   */
  public Mat {
    MatChecks.check(tensor.size(), offset, ld, rows, cols);
  }

  /** A view of a dense block: rows {@code cols} elements apart (ld = cols). */
  public static Mat dense(Tensor tensor, int offset, int rows, int cols) {
    return new Mat(tensor, offset, Math.max(1, cols), rows, cols);
  }
}

package org.node4j.nn.kernel;

import org.node4j.nn.tensor.Tensor;

/**
 * A re-pointable matrix view of a tensor: the same operand as {@link Mat} (the tensor, the offset
 * of element (0, 0), the row stride, rows and columns), but owned by a layer that multiplies per
 * chunk and re-pointed before each product instead of made anew, so that a product's operands
 * allocate nothing in every compiler tier (a {@link Mat} record is free only once the JIT has
 * inlined {@link Gemm#gemm} and scalar-replaced it). The tensor-level sibling of {@link
 * MatViewF64}; {@link Gemm#gemm(boolean, boolean, MatView, MatView, MatView, boolean)} dispatches
 * on its dtype.
 *
 * <p>A view belongs to one thread at a time (a layer keeps one set per chunk). Each re-pointing is
 * validated as a {@link Mat} is when built, so a product checks only that the shapes agree.
 */
public final class MatView implements TensorOperand {
  private Tensor tensor;
  private int offset;
  private int ld = 1;
  private int rows;
  private int cols;

  /** A view of nothing, to be pointed with {@link #set} or {@link #dense} before use. */
  public MatView() {}

  /**
   * Points the view at {@code rows x cols} elements of {@code tensor} from {@code offset}, rows
   * {@code ld} apart.
   *
   * @return this view
   * @throws IllegalArgumentException if a size or the offset is negative, the stride is shorter
   *     than a row, or the last element lies outside the tensor (the view is then unchanged)
   */
  public MatView set(Tensor tensor, int offset, int ld, int rows, int cols) {
    MatChecks.check(tensor.size(), offset, ld, rows, cols);
    this.tensor = tensor;
    this.offset = offset;
    this.ld = ld;
    this.rows = rows;
    this.cols = cols;
    return this;
  }

  /** Points the view at a dense block: rows {@code cols} elements apart (ld = cols). */
  public MatView dense(Tensor tensor, int offset, int rows, int cols) {
    return set(tensor, offset, Math.max(1, cols), rows, cols);
  }

  /** Returns the viewed tensor, or null before the first {@link #set}. */
  public Tensor tensor() {
    return tensor;
  }

  /** Returns the flat index of element (0, 0). */
  public int offset() {
    return offset;
  }

  /** Returns the row stride. */
  public int ld() {
    return ld;
  }

  /** Returns the number of rows. */
  public int rows() {
    return rows;
  }

  /** Returns the number of columns. */
  public int cols() {
    return cols;
  }

  @Override
  public String toString() {
    return "MatView[" + rows + "x" + cols + ", offset " + offset + ", ld " + ld + "]";
  }
}

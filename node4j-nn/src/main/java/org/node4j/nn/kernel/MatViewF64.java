package org.node4j.nn.kernel;

/**
 * A re-pointable float64 matrix view: the same operand as {@link MatF64} (an array, the offset of
 * element (0, 0), the row stride, rows and columns), but owned by the code that multiplies in a
 * loop and re-pointed before each product instead of made anew, as EJML's reshapeable matrices are
 * reused. A product's operands then allocate nothing by construction, in the interpreter and in
 * every compiler tier alike; a {@link MatF64} record is free only once the JIT has inlined {@link
 * Gemm#gemm} into its caller and scalar-replaced the record.
 *
 * <p>A view belongs to one thread at a time (a layer keeps one set per chunk workspace). Each
 * re-pointing is validated as a {@link MatF64} is when built, so a product checks only that the
 * shapes agree. The float32 twin is generated from this file at build time (see the node4j-nn POM).
 */
public final class MatViewF64 implements OperandF64 {
  private double[] data = new double[0];
  private int offset;
  private int ld = 1;
  private int rows;
  private int cols;

  /** A view of nothing (0 x 0), to be pointed with {@link #set} or {@link #dense}. */
  public MatViewF64() {}

  /**
   * Points the view at {@code rows x cols} elements of {@code data} from {@code offset}, rows
   * {@code ld} apart.
   *
   * @return this view
   * @throws IllegalArgumentException if a size or the offset is negative, the stride is shorter
   *     than a row, or the last element lies outside the array (the view is then unchanged)
   */
  public MatViewF64 set(double[] data, int offset, int ld, int rows, int cols) {
    MatChecks.check(data.length, offset, ld, rows, cols);
    this.data = data;
    this.offset = offset;
    this.ld = ld;
    this.rows = rows;
    this.cols = cols;
    return this;
  }

  /** Points the view at a dense block: rows {@code cols} elements apart (ld = cols). */
  public MatViewF64 dense(double[] data, int offset, int rows, int cols) {
    return set(data, offset, Math.max(1, cols), rows, cols);
  }

  /** Returns the backing array. */
  public double[] data() {
    return data;
  }

  /** Returns the index of element (0, 0). */
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
    return "MatViewF64[" + rows + "x" + cols + ", offset " + offset + ", ld " + ld + "]";
  }
}

package org.node4j.nn.kernel;

/**
 * A row-major float64 matrix inside an array, as {@link Gemm} takes its operands: {@code rows x
 * cols} elements starting at {@code offset}, consecutive rows {@code ld} (the leading dimension)
 * elements apart. A view copies nothing; it is validated once when built, so a product checks only
 * that the shapes agree.
 *
 * <p>Views are short-lived values made at the call site: once {@link Gemm#gemm} is inlined, the JIT
 * scalar-replaces them, so a compiled hot path allocates nothing; code that multiplies in a loop
 * and must not depend on that owns a {@link MatViewF64} instead. The float32 twin is generated from
 * this file at build time (see the node4j-nn POM).
 *
 * @param data the backing array
 * @param offset the index of element (0, 0)
 * @param ld the row stride, at least {@code cols} (and at least 1)
 * @param rows the number of rows
 * @param cols the number of columns
 */
public record MatF64(double[] data, int offset, int ld, int rows, int cols) implements OperandF64 {

  /**
   * Validates the view.
   *
   * @throws IllegalArgumentException if a size or the offset is negative, the stride is shorter
   *     than a row, or the last element lies outside the array
   */
  public MatF64 {
    MatChecks.check(data.length, offset, ld, rows, cols);
  }

  /** A view of a dense block: rows {@code cols} elements apart (ld = cols). */
  public static MatF64 dense(double[] data, int offset, int rows, int cols) {
    return new MatF64(data, offset, Math.max(1, cols), rows, cols);
  }
}

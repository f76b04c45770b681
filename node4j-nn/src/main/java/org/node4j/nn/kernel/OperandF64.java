package org.node4j.nn.kernel;

/**
 * What a float64 product reads of an operand: the array, the offset of element (0, 0), the row
 * stride, rows and columns. Both the value view {@link MatF64} and the re-pointable {@link
 * MatViewF64} are one, so {@link GemmDriverF64} unpacks either in one place. The float32 twin is
 * generated from this file at build time (see the node4j-nn POM).
 */
interface OperandF64 {
  /** Returns the backing array. */
  double[] data();

  /** Returns the index of element (0, 0). */
  int offset();

  /** Returns the row stride. */
  int ld();

  /** Returns the number of rows. */
  int rows();

  /** Returns the number of columns. */
  int cols();
}

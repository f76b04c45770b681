package org.node4j.nn.ops;

import org.node4j.nn.tensor.Tensor;

/**
 * Elementwise tensor arithmetic that writes into caller-owned outputs and allocates nothing.
 *
 * <p>All tensors of one call must have the same shape and dtype (there is no broadcasting); a
 * mismatch throws an {@link IllegalArgumentException} naming both shapes. Outputs may alias inputs:
 * every element is read before it is written. Scalars are rounded to the tensors' dtype once per
 * call, as in PyTorch, so a float32 call does float32 arithmetic. Each operation checks its
 * operands and then runs the loop of their dtype ({@link ElementLoopsF64} or its generated float32
 * twin).
 */
public final class Elementwise {
  private Elementwise() {}

  /** Sets every element of {@code x} to {@code value}. */
  public static void fill(Tensor x, double value) {
    x.fill(0, x.size(), value);
  }

  /** Copies {@code src} into {@code dst}; shapes and dtypes must match. */
  public static void copy(Tensor src, Tensor dst) {
    Shapes.requireSame("copy destination", src, dst);
    dst.copyFrom(src);
  }

  /** Computes {@code y += a * x}. */
  public static void axpy(double a, Tensor x, Tensor y) {
    Shapes.requireSame("axpy y", x, y);
    ElementLoops.BY_DTYPE.of(x).axpy(a, x, y);
  }

  /** Computes {@code x *= a}. */
  public static void scale(double a, Tensor x) {
    ElementLoops.BY_DTYPE.of(x).scale(a, x);
  }

  /** Computes {@code out = a + b}. */
  public static void add(Tensor a, Tensor b, Tensor out) {
    check(a, b, out);
    ElementLoops.BY_DTYPE.of(a).add(a, b, out);
  }

  /** Computes {@code out = a - b}. */
  public static void sub(Tensor a, Tensor b, Tensor out) {
    check(a, b, out);
    ElementLoops.BY_DTYPE.of(a).sub(a, b, out);
  }

  /** Computes the elementwise (Hadamard) product {@code out = a * b}. */
  public static void mul(Tensor a, Tensor b, Tensor out) {
    check(a, b, out);
    ElementLoops.BY_DTYPE.of(a).mul(a, b, out);
  }

  private static void check(Tensor a, Tensor b, Tensor out) {
    Shapes.requireSame("second operand", a, b);
    Shapes.requireSame("output", a, out);
  }
}

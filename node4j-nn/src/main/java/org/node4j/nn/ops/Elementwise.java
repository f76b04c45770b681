package org.node4j.nn.ops;

import java.util.Arrays;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Elementwise tensor arithmetic that writes into caller-owned outputs and allocates nothing.
 *
 * <p>All tensors of one call must have the same shape and dtype (there is no broadcasting); a
 * mismatch throws an {@link IllegalArgumentException} naming both shapes. Outputs may alias inputs:
 * every element is read before it is written. Scalars are rounded to the tensors' dtype once per
 * call, as in PyTorch, so a float32 call does float32 arithmetic.
 */
public final class Elementwise {
  private Elementwise() {}

  /** Sets every element of {@code x} to {@code value}. */
  public static void fill(Tensor x, double value) {
    if (x.dtype() == DType.FLOAT32) {
      Arrays.fill(x.floats(), (float) value);
    } else {
      Arrays.fill(x.doubles(), value);
    }
  }

  /** Copies {@code src} into {@code dst}; shapes and dtypes must match. */
  public static void copy(Tensor src, Tensor dst) {
    Shapes.requireSame("copy destination", src, dst);
    dst.copyFrom(src);
  }

  /** Computes {@code y += a * x}. */
  public static void axpy(double a, Tensor x, Tensor y) {
    Shapes.requireSame("axpy y", x, y);
    int n = x.size();
    if (isFloat(x)) {
      float af = (float) a;
      float[] xs = x.floats();
      float[] ys = y.floats();
      for (int i = 0; i < n; i++) {
        ys[i] += af * xs[i];
      }
    } else {
      double[] xs = x.doubles();
      double[] ys = y.doubles();
      for (int i = 0; i < n; i++) {
        ys[i] += a * xs[i];
      }
    }
  }

  /** Computes {@code x *= a}. */
  public static void scale(double a, Tensor x) {
    int n = x.size();
    if (isFloat(x)) {
      float af = (float) a;
      float[] xs = x.floats();
      for (int i = 0; i < n; i++) {
        xs[i] *= af;
      }
    } else {
      double[] xs = x.doubles();
      for (int i = 0; i < n; i++) {
        xs[i] *= a;
      }
    }
  }

  /** Computes {@code out = a + b}. */
  public static void add(Tensor a, Tensor b, Tensor out) {
    check(a, b, out);
    int n = a.size();
    if (isFloat(a)) {
      float[] as = a.floats();
      float[] bs = b.floats();
      float[] os = out.floats();
      for (int i = 0; i < n; i++) {
        os[i] = as[i] + bs[i];
      }
    } else {
      double[] as = a.doubles();
      double[] bs = b.doubles();
      double[] os = out.doubles();
      for (int i = 0; i < n; i++) {
        os[i] = as[i] + bs[i];
      }
    }
  }

  /** Computes {@code out = a - b}. */
  public static void sub(Tensor a, Tensor b, Tensor out) {
    check(a, b, out);
    int n = a.size();
    if (isFloat(a)) {
      float[] as = a.floats();
      float[] bs = b.floats();
      float[] os = out.floats();
      for (int i = 0; i < n; i++) {
        os[i] = as[i] - bs[i];
      }
    } else {
      double[] as = a.doubles();
      double[] bs = b.doubles();
      double[] os = out.doubles();
      for (int i = 0; i < n; i++) {
        os[i] = as[i] - bs[i];
      }
    }
  }

  /** Computes the elementwise (Hadamard) product {@code out = a * b}. */
  public static void mul(Tensor a, Tensor b, Tensor out) {
    check(a, b, out);
    int n = a.size();
    if (isFloat(a)) {
      float[] as = a.floats();
      float[] bs = b.floats();
      float[] os = out.floats();
      for (int i = 0; i < n; i++) {
        os[i] = as[i] * bs[i];
      }
    } else {
      double[] as = a.doubles();
      double[] bs = b.doubles();
      double[] os = out.doubles();
      for (int i = 0; i < n; i++) {
        os[i] = as[i] * bs[i];
      }
    }
  }

  static boolean isFloat(Tensor t) {
    return t.dtype() == DType.FLOAT32;
  }

  private static void check(Tensor a, Tensor b, Tensor out) {
    Shapes.requireSame("second operand", a, b);
    Shapes.requireSame("output", a, out);
  }
}

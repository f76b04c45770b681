package org.node4j.nn.ops;

import org.node4j.nn.tensor.Tensor;

/**
 * The loops of {@link Elementwise} and {@link Reductions} for one dtype, on tensors whose shapes
 * and dtypes the caller has checked: {@link ElementLoopsF64} and its generated float32 twin. The
 * facades pick one per call through {@link #BY_DTYPE}.
 */
interface ElementLoops {
  /** The float32 and float64 loops. */
  org.node4j.nn.tensor.ByDType<ElementLoops> BY_DTYPE =
      new org.node4j.nn.tensor.ByDType<>(ElementLoopsF32.INSTANCE, ElementLoopsF64.INSTANCE);

  /** {@code y += a * x}, with {@code a} rounded to the dtype once. */
  void axpy(double a, Tensor x, Tensor y);

  /** {@code x *= a}, with {@code a} rounded to the dtype once. */
  void scale(double a, Tensor x);

  /** {@code out = a + b}. */
  void add(Tensor a, Tensor b, Tensor out);

  /** {@code out = a - b}. */
  void sub(Tensor a, Tensor b, Tensor out);

  /** {@code out = a * b}, elementwise. */
  void mul(Tensor a, Tensor b, Tensor out);

  /** The sum of all elements, accumulated in double in index order. */
  double sum(Tensor x);

  /** The inner product, each product and the sum in double, in index order. */
  double dot(Tensor x, Tensor y);

  /** Whether no element is NaN or infinite. */
  boolean allFinite(Tensor x);
}

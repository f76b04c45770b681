package org.node4j.nn.tensor;

import java.util.Objects;

/**
 * One implementation per element type, chosen by a tensor's dtype: the single place where the
 * tensor operations of node4j-nn dispatch on float32 against float64.
 *
 * <p>The implementations are usually a float64 template and the float32 twin generated from it (see
 * the node4j-nn POM), behind one interface that takes tensors. An operation picks its
 * implementation once per call with {@link #of(Tensor)} and then runs a loop that knows its array
 * type; the JIT inlines the pick, and a call site that sees one dtype (or two) inlines the chosen
 * implementation, so the dispatch costs what the {@code if (dtype == FLOAT32)} it replaces did.
 *
 * @param float32 the implementation for {@link DType#FLOAT32} tensors
 * @param float64 the implementation for {@link DType#FLOAT64} tensors
 * @param <T> the interface both implement
 */
public record ByDType<T>(T float32, T float64) {
  /** Checks that both implementations are given. */
  public ByDType {
    Objects.requireNonNull(float32, "float32 implementation");
    Objects.requireNonNull(float64, "float64 implementation");
  }

  /** Returns the implementation for {@code dtype}. */
  public T of(DType dtype) {
    return dtype == DType.FLOAT32 ? float32 : float64;
  }

  /** Returns the implementation for {@code t}'s dtype. */
  public T of(Tensor t) {
    return of(t.dtype());
  }
}

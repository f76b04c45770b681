package org.node4j.ode;

/**
 * The arithmetic a solver needs on a state of type {@code S}, so that one solver integrates any
 * state: {@code double[]}, tuples of states (the adjoint's (z, a, g)), or tensors.
 *
 * <p>This is the strategy that replaces Hipparchus's parallel {@code Field} class tree and plays
 * the role of diffrax's PyTree operations. Every method writes into a caller-owned output and
 * allocates nothing, except {@link #zerosLike} and {@link #copy}, which a solver calls only while
 * it builds its workspace. Whole Runge-Kutta stages are combined in one call ({@link
 * #linearCombination}) so that a tensor back-end can fuse the work into one pass over memory.
 *
 * <p>Outputs may alias inputs only where a method says so.
 *
 * @param <S> the state type
 */
public interface StateOps<S> {

  /** Returns a new state of the same shape as {@code like}, filled with zeros. */
  S zerosLike(S like);

  /** Returns a new state equal to {@code x}. */
  default S copy(S x) {
    S y = zerosLike(x);
    copyInto(x, y);
    return y;
  }

  /** Copies {@code src} into {@code dst}; both must have the same shape. */
  void copyInto(S src, S dst);

  /** Sets every element of {@code x} to zero. */
  void fillZero(S x);

  /**
   * Computes {@code out = y + h * sum_i coeffs[i] * ks[i]} over {@code i < count}, skipping zero
   * coefficients. {@code out} may be the same object as {@code y} but not as any {@code ks[i]} with
   * a non-zero coefficient.
   */
  void linearCombination(S out, S y, double h, double[] coeffs, S[] ks, int count);

  /** Computes {@code y += a * x}. */
  void axpy(double a, S x, S y);

  /**
   * Computes {@code out = 0 + a * x}: the bits of {@link #fillZero fillZero(out)} followed by
   * {@link #axpy axpy(a, x, out)} (a zero product stored as +0, as that sum gives), in one pass
   * over memory where an implementation overrides it. {@code out} must not be {@code x}.
   */
  default void scaledCopy(double a, S x, S out) {
    fillZero(out);
    axpy(a, x, out);
  }

  /** Computes {@code x *= a}. */
  void scale(double a, S x);

  /** Returns the Euclidean inner product of {@code x} and {@code y}. */
  double dot(S x, S y);

  /** Returns the number of scalar elements of {@code x} that {@link #sumSquaresScaled} counts. */
  long errorSize(S x);

  /**
   * Returns {@code sum_i (err_i / (atol + rtol * max(|y0_i|, |y1_i|)))^2} over the elements that
   * enter error control; the RMS error norm is {@code sqrt(sum / errorSize)}. A tuple state adds up
   * only the parts selected for error control (the adjoint's seminorm).
   */
  double sumSquaresScaled(S err, S y0, S y1, double rtol, double atol);

  /** Returns {@code true} when every element of {@code x} is finite. */
  boolean allFinite(S x);

  /** Returns a short human-readable description of the shape of {@code x}, for error messages. */
  String describe(S x);

  /**
   * Checks that {@code x} has the shape of {@code like}.
   *
   * @throws IllegalArgumentException naming both shapes when they differ
   */
  void checkSameShape(S like, S x);

  /**
   * Returns whether {@code x} has the shape of {@code like}, as {@link #checkSameShape} decides;
   * reusable buffers ({@link org.node4j.ode.integrate.SolveBuffers}) ask it once per solve. The
   * library's implementations answer directly; this default, for others, runs the check.
   */
  default boolean sameShape(S like, S x) {
    try {
      checkSameShape(like, x);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Returns a new array of {@code n} empty slots whose runtime component type can hold {@code
   * like}, so that a solver can build its stage arrays ({@code S[]}) once per solve. The default
   * uses reflection on {@code like.getClass()}; a back-end whose states are of several classes
   * overrides it.
   */
  @SuppressWarnings("unchecked")
  default S[] newArray(S like, int n) {
    return (S[]) java.lang.reflect.Array.newInstance(like.getClass(), n);
  }

  /** Returns the RMS norm of {@code err} scaled by {@code atol + rtol * max(|y0|, |y1|)}. */
  default double rmsNorm(S err, S y0, S y1, double rtol, double atol) {
    long n = errorSize(err);
    return n == 0 ? 0.0 : Math.sqrt(sumSquaresScaled(err, y0, y1, rtol, atol) / n);
  }

  /**
   * Returns the number of bytes the elements of {@code x} occupy, so that gradient methods can
   * report honestly what they keep for the backward pass. The default assumes 8 bytes (one double)
   * per error-controlled element; back-ends with other element types or masked parts override it.
   */
  default long bytes(S x) {
    return 8 * errorSize(x);
  }
}

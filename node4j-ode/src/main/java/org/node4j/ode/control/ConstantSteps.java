package org.node4j.ode.control;

/**
 * Constant steps: either a number of equal steps, or a step size h whose last step is shortened
 * when h does not divide the span (the fixed grid of torchdiffeq, {@code fixed_grid.py}, that Ott
 * et al. 2021 train on).
 *
 * <p>Unlike torchdiffeq, a last step that rounding would make (nearly) zero-length is never taken:
 * when the span is within {@value #MERGE_FRACTION} h of a multiple of h, the last step absorbs the
 * remainder instead, so 1/h rounding never costs an extra evaluation.
 *
 * @param count the number of steps, or 0 when {@code size} is given
 * @param size the step size, or NaN when {@code count} is given
 */
public record ConstantSteps(int count, double size) implements StepSizeController {

  /** Relative length under which a final step is merged into the previous one. */
  public static final double MERGE_FRACTION = 1e-9;

  /** Validates the pair; use {@link #count(int)} or {@link #size(double)}. */
  public ConstantSteps {
    boolean byCount = count > 0 && Double.isNaN(size);
    boolean bySize = count == 0 && size > 0 && Double.isFinite(size);
    if (!byCount && !bySize) {
      throw new IllegalArgumentException(
          "ConstantSteps needs either count >= 1 or a finite size > 0; got count = "
              + count
              + ", size = "
              + size);
    }
  }

  /** Takes {@code n} equal steps over the span. */
  public static ConstantSteps count(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("number of steps must be >= 1, got " + n);
    }
    return new ConstantSteps(n, Double.NaN);
  }

  /** Takes steps of size {@code h}, the last one shortened to end exactly at t1. */
  public static ConstantSteps size(double h) {
    if (!(h > 0) || !Double.isFinite(h)) {
      throw new IllegalArgumentException("step size must be finite and > 0, got " + h);
    }
    return new ConstantSteps(0, h);
  }

  /**
   * Returns the number of steps over [t0, t1].
   *
   * @throws IllegalArgumentException if t1 == t0 (a step count over an empty span is meaningless)
   */
  public long steps(double t0, double t1) {
    double span = Math.abs(t1 - t0);
    if (span == 0) {
      throw new IllegalArgumentException(
          "constant steps need t1 != t0; got t0 = t1 = " + t0 + "; give a non-empty span");
    }
    if (count > 0) {
      return count;
    }
    long n = (long) Math.ceil(span / size);
    if (n > 1 && span - (n - 1) * size <= MERGE_FRACTION * size) {
      n--;
    }
    return Math.max(n, 1);
  }

  /** Returns the time after step {@code i} of {@code n} (t0 for i = 0, exactly t1 for i = n). */
  public double time(long i, long n, double t0, double t1) {
    if (i >= n) {
      return t1;
    }
    if (count > 0) {
      return t0 + (t1 - t0) * ((double) i / n);
    }
    return t0 + Math.signum(t1 - t0) * i * size;
  }
}

package org.node4j.ode.control;

/**
 * An adaptive PID step-size controller with the error norm of torchdiffeq and diffrax.
 *
 * <p>A step is accepted iff r = RMS(err / (atol + rtol * max(|y0|, |y1|))) <= 1. With k = q + 1 (q
 * the embedded order) and the diffrax coefficients beta1 = pcoeff + icoeff + dcoeff, beta2 =
 * -(pcoeff + 2 dcoeff), beta3 = dcoeff, the next step after an accepted step is
 *
 * <pre>
 *   h_next = h * clamp(safety * r_n^(-beta1/k) * r_(n-1)^(-beta2/k) * r_(n-2)^(-beta3/k),
 *                      r_n &lt; 1 ? 1 : factorMin, factorMax)
 * </pre>
 *
 * (no shrinking after an accepted step, as in torchdiffeq; r = 0 gives factorMax). A rejected step
 * retries with the integral factor safety * r^(-1/k) clamped to [factorMin, 1]; a non-finite r (the
 * state blew up) retries with factorMin. The defaults are torchdiffeq's: safety 0.9, factor in
 * [0.2, 10]. Sources: Hairer, Norsett and Wanner, Solving ODEs I, II.4 (I control and the initial
 * step); Hairer and Wanner, Solving ODEs II, IV.2 and Gustafsson (1991) (PI control); Soderlind,
 * "Digital filters in adaptive time-stepping", ACM TOMS 29(1), 2003 (PID control); diffrax {@code
 * PIDController}.
 *
 * @param rtol relative tolerance, >= 0
 * @param atol absolute tolerance, >= 0 (rtol + atol > 0)
 * @param pcoeff proportional coefficient
 * @param icoeff integral coefficient
 * @param dcoeff derivative coefficient
 * @param safety safety factor in (0, 1]
 * @param factorMin smallest step factor, in (0, 1]
 * @param factorMax largest step factor, >= 1
 * @param dtMin smallest allowed |h| (0 for none); a smaller proposal fails the solve
 * @param dtMax largest allowed |h| (infinity for none)
 * @param initialStep the first |h|, or NaN for Hairer's selection
 */
public record AdaptiveController(
    double rtol,
    double atol,
    double pcoeff,
    double icoeff,
    double dcoeff,
    double safety,
    double factorMin,
    double factorMax,
    double dtMin,
    double dtMax,
    double initialStep)
    implements StepSizeController {

  /** Validates every field, naming the offending value. */
  public AdaptiveController {
    require(rtol >= 0 && Double.isFinite(rtol), "rtol must be finite and >= 0", rtol);
    require(atol >= 0 && Double.isFinite(atol), "atol must be finite and >= 0", atol);
    require(rtol + atol > 0, "rtol + atol must be > 0", rtol + atol);
    require(Double.isFinite(pcoeff + icoeff + dcoeff), "PID coefficients must be finite", pcoeff);
    require(icoeff > 0, "icoeff must be > 0 (without it the controller cannot converge)", icoeff);
    require(safety > 0 && safety <= 1, "safety must be in (0, 1]", safety);
    require(factorMin > 0 && factorMin <= 1, "factorMin must be in (0, 1]", factorMin);
    require(
        factorMax >= 1 && Double.isFinite(factorMax), "factorMax must be finite, >= 1", factorMax);
    require(dtMin >= 0 && Double.isFinite(dtMin), "dtMin must be finite and >= 0", dtMin);
    require(dtMax > dtMin, "dtMax must be > dtMin", dtMax);
    require(
        Double.isNaN(initialStep) || initialStep > 0,
        "initialStep must be > 0 or NaN",
        initialStep);
  }

  private static void require(boolean ok, String what, double value) {
    if (!ok) {
      throw new IllegalArgumentException(what + ", got " + value);
    }
  }

  /** An integral (I) controller, the classic elementary controller (pcoeff 0, icoeff 1). */
  public static AdaptiveController integral(double rtol, double atol) {
    return builder(rtol, atol).build();
  }

  /** Gustafsson's PI controller, diffrax's pcoeff 0.4, icoeff 0.3. */
  public static AdaptiveController pi(double rtol, double atol) {
    return builder(rtol, atol).coefficients(0.4, 0.3, 0).build();
  }

  /**
   * Soderlind's H312PID filter (beta = (1/18, 1/9, 1/18) on the last three errors), written in
   * diffrax's coefficients: pcoeff -2/9, icoeff 2/9, dcoeff 1/18.
   */
  public static AdaptiveController pid(double rtol, double atol) {
    return builder(rtol, atol).coefficients(-2.0 / 9, 2.0 / 9, 1.0 / 18).build();
  }

  /** Starts a builder with torchdiffeq's defaults and an I controller. */
  public static Builder builder(double rtol, double atol) {
    return new Builder(rtol, atol);
  }

  /** Returns a new per-solve error history for this controller. */
  public History newHistory() {
    return new History();
  }

  /** Returns the step factor after an accepted step with error ratio {@code r} (0 <= r <= 1). */
  public double factorAfterAccept(double r, int errorOrder, History history) {
    double k = errorOrder + 1;
    double factor;
    if (r == 0) {
      factor = factorMax;
    } else {
      double beta1 = pcoeff + icoeff + dcoeff;
      double beta2 = -(pcoeff + 2 * dcoeff);
      factor =
          safety
              * Math.pow(r, -beta1 / k)
              * Math.pow(history.previous, -beta2 / k)
              * Math.pow(history.beforePrevious, -dcoeff / k);
    }
    history.beforePrevious = history.previous;
    history.previous = Math.max(r, 1e-10);
    double lower = r < 1 ? 1.0 : factorMin;
    return Math.min(factorMax, Math.max(lower, factor));
  }

  /** Returns the step factor after a rejected step with error ratio {@code r} (> 1 or NaN). */
  public double factorAfterReject(double r, int errorOrder) {
    if (!Double.isFinite(r)) {
      return factorMin;
    }
    double factor = safety * Math.pow(r, -1.0 / (errorOrder + 1));
    return Math.min(1.0, Math.max(factorMin, factor));
  }

  /** The error ratios of the last two accepted steps, kept per solve (1 before any step). */
  public static final class History {
    private double previous = 1.0;
    private double beforePrevious = 1.0;

    private History() {}
  }

  /** Builds an {@link AdaptiveController}; every setter is optional except the tolerances. */
  public static final class Builder {
    private final double rtol;
    private final double atol;
    private double pcoeff = 0;
    private double icoeff = 1;
    private double dcoeff = 0;
    private double safety = 0.9;
    private double factorMin = 0.2;
    private double factorMax = 10;
    private double dtMin = 0;
    private double dtMax = Double.POSITIVE_INFINITY;
    private double initialStep = Double.NaN;

    private Builder(double rtol, double atol) {
      this.rtol = rtol;
      this.atol = atol;
    }

    /** Sets the diffrax PID coefficients (default 0, 1, 0: an I controller). */
    public Builder coefficients(double p, double i, double d) {
      this.pcoeff = p;
      this.icoeff = i;
      this.dcoeff = d;
      return this;
    }

    /** Sets the safety factor (default 0.9). */
    public Builder safety(double value) {
      this.safety = value;
      return this;
    }

    /** Sets the step-factor bounds (default [0.2, 10]). */
    public Builder factorBounds(double min, double max) {
      this.factorMin = min;
      this.factorMax = max;
      return this;
    }

    /** Sets the allowed step-size range (default [0, infinity)). */
    public Builder stepBounds(double min, double max) {
      this.dtMin = min;
      this.dtMax = max;
      return this;
    }

    /** Sets the first step size instead of Hairer's selection. */
    public Builder initialStep(double h) {
      this.initialStep = h;
      return this;
    }

    /** Validates and builds. */
    public AdaptiveController build() {
      return new AdaptiveController(
          rtol,
          atol,
          pcoeff,
          icoeff,
          dcoeff,
          safety,
          factorMin,
          factorMax,
          dtMin,
          dtMax,
          initialStep);
    }
  }
}

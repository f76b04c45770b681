package org.node4j.ode.testing;

/**
 * The tolerances of the gradient and integration tests of every module, in one place (as EJML's
 * {@code UtilEjml.TEST_F64}), derived from the float64 precision and the finite-difference step
 * where they can be.
 */
public final class Tolerances {

  private Tolerances() {}

  /** The float64 machine epsilon. */
  public static final double EPS = Math.ulp(1.0);

  /**
   * Largest relative error of an exact gradient against central differences: the differences' own
   * error, h^2 (truncation) + eps / h (round-off) for h = {@link FiniteDifferences#STEP}, about
   * 1.2e-10, times a safety factor of 1000 for the size of third derivatives and the loss.
   */
  public static final double GRADIENT_VS_FD =
      1000 * (FiniteDifferences.STEP * FiniteDifferences.STEP + EPS / FiniteDifferences.STEP);

  /**
   * Largest relative difference of two exact gradient methods: both compute the same float64
   * expression in different orders, so they agree to round-off accumulated over the steps (1e6 eps,
   * about 2e-10).
   */
  public static final double EXACT_VS_EXACT = 1e6 * EPS;

  /**
   * Half-width of the band an empirical order of convergence must fall in around its theoretical
   * value (diffrax's {@code test_ode_order} allows 0.9; node4j's style guide asks for 0.3 on
   * states, which gradients, with their extra interpolation and reconstruction, get 0.5).
   */
  public static final double ORDER_BAND = 0.5;

  /** Largest allowed global error / tolerance on a smooth problem. */
  public static final double ERROR_TOL_RATIO_MAX = 100;

  /** Largest allowed spread (max / min) of global error / tolerance over six decades. */
  public static final double ERROR_TOL_BAND = 10;
}

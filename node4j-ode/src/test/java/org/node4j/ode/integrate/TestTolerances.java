package org.node4j.ode.integrate;

/** The tolerances of the integration tests, in one place (as EJML's UtilEjml.TEST_F64). */
final class TestTolerances {

  private TestTolerances() {}

  /** Largest allowed global error / tolerance on a smooth problem. */
  static final double ERROR_TOL_RATIO_MAX = 100;

  /** Largest allowed spread (max / min) of global error / tolerance over six decades. */
  static final double ERROR_TOL_BAND = 10;
}

package org.node4j.ode.integrate;

/** The test systems of the integration tests (Hipparchus's TestProblems, reduced to three). */
final class Problems {

  private Problems() {}

  /** Lotka-Volterra x' = 1.5 x - x y, y' = x y - 3 y from (1, 1) on [0, 10]. */
  static Problem lotkaVolterra() {
    return new Problem(
        (t, z, dz) -> {
          dz[0] = 1.5 * z[0] - z[0] * z[1];
          dz[1] = z[0] * z[1] - 3.0 * z[1];
        },
        new double[] {1, 1},
        0,
        10);
  }

  /** The harmonic oscillator x' = v, v' = -x from (1, 0) on [0, 2 pi]: exact (cos t, -sin t). */
  static Problem harmonic() {
    return new Problem(
        (t, z, dz) -> {
          dz[0] = z[1];
          dz[1] = -z[0];
        },
        new double[] {1, 0},
        0,
        2 * Math.PI);
  }

  /** Exponential decay y' = -y from 1 on [0, 1]: exact e^(-t). */
  static Problem exponential() {
    return new Problem((t, z, dz) -> dz[0] = -z[0], new double[] {1}, 0, 1);
  }
}

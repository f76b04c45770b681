package org.node4j.lab.systems;

import java.util.List;

/** The registry of built-in {@link Problem}s, by name. */
public final class Problems {

  private Problems() {}

  /**
   * Lotka-Volterra predator-prey: x' = alpha x - beta x y, y' = delta x y - gamma y with alpha 1.5,
   * beta 1, gamma 3, delta 1, z0 = (1, 1), span [0, 10] (the classic SciPy/DifferentialEquations.jl
   * test system).
   */
  public static Problem lotkaVolterra() {
    return new Problem(
        "lotka-volterra",
        "x' = 1.5 x - x y, y' = x y - 3 y",
        (t, z, dz) -> {
          dz[0] = 1.5 * z[0] - z[0] * z[1];
          dz[1] = z[0] * z[1] - 3.0 * z[1];
        },
        new double[] {1, 1},
        0,
        10);
  }

  /** The harmonic oscillator x'' = -x as x' = v, v' = -x, z0 = (1, 0): exact (cos t, -sin t). */
  public static Problem harmonic() {
    return new Problem(
        "harmonic",
        "x' = v, v' = -x",
        (t, z, dz) -> {
          dz[0] = z[1];
          dz[1] = -z[0];
        },
        new double[] {1, 0},
        0,
        2 * Math.PI);
  }

  /**
   * The Van der Pol oscillator x' = v, v' = mu (1 - x^2) v - x, z0 = (2, 0), span [0, 20]; stiff
   * for large mu.
   */
  public static Problem vanDerPol(double mu) {
    if (!(mu >= 0) || !Double.isFinite(mu)) {
      throw new IllegalArgumentException("van-der-pol needs a finite mu >= 0, got " + mu);
    }
    return new Problem(
        "van-der-pol",
        "x' = v, v' = " + mu + " (1 - x^2) v - x",
        (t, z, dz) -> {
          dz[0] = z[1];
          dz[1] = mu * (1 - z[0] * z[0]) * z[1] - z[0];
        },
        new double[] {2, 0},
        0,
        20);
  }

  /** Exponential decay y' = -y, y0 = 1, span [0, 1]: exact e^(-t). */
  public static Problem exponential() {
    return new Problem(
        "exponential", "y' = -y", (t, z, dz) -> dz[0] = -z[0], new double[] {1}, 0, 1);
  }

  /** Returns the valid names. */
  public static List<String> names() {
    return List.of("lotka-volterra", "harmonic", "van-der-pol", "exponential");
  }

  /**
   * Returns the problem called {@code name}; {@code mu} is used by van-der-pol only.
   *
   * @throws IllegalArgumentException listing the valid names when {@code name} is unknown
   */
  public static Problem byName(String name, double mu) {
    return switch (name) {
      case "lotka-volterra" -> lotkaVolterra();
      case "harmonic" -> harmonic();
      case "van-der-pol" -> vanDerPol(mu);
      case "exponential" -> exponential();
      default ->
          throw new IllegalArgumentException(
              "unknown system '" + name + "'; valid systems: " + String.join(", ", names()));
    };
  }
}

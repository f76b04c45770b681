package org.node4j.ode.solver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named solvers: static factories and the one registry that turns a name (from the CLI or a
 * config file) into a solver. Each solver is an immutable {@link RungeKutta} over a {@link
 * Tableaus} constant, so the factories return shared instances. What a solver can do is asked of
 * the catalogue ({@link #adaptiveNames()}), never written out as a list of names elsewhere.
 */
public final class Solvers {

  private static final Map<String, RungeKutta> BY_NAME = new LinkedHashMap<>();

  static {
    for (ButcherTableau t :
        List.of(
            Tableaus.EULER,
            Tableaus.MIDPOINT,
            Tableaus.HEUN,
            Tableaus.RALSTON,
            Tableaus.RK4,
            Tableaus.RK4_38,
            Tableaus.HEUN_EULER,
            Tableaus.FEHLBERG2,
            Tableaus.BOSH3,
            Tableaus.DOPRI5,
            Tableaus.TSIT5)) {
      BY_NAME.put(t.name(), new ExplicitRungeKutta(t));
    }
  }

  private Solvers() {}

  /** Forward Euler, order 1. */
  public static RungeKutta euler() {
    return BY_NAME.get("euler");
  }

  /** Explicit midpoint, order 2. */
  public static RungeKutta midpoint() {
    return BY_NAME.get("midpoint");
  }

  /** Heun (explicit trapezoid), order 2. */
  public static RungeKutta heun() {
    return BY_NAME.get("heun");
  }

  /** Ralston, order 2. */
  public static RungeKutta ralston() {
    return BY_NAME.get("ralston");
  }

  /** Classic Runge-Kutta, order 4. */
  public static RungeKutta rk4() {
    return BY_NAME.get("rk4");
  }

  /** Kutta's 3/8 rule, order 4: torchdiffeq's {@code rk4}. */
  public static RungeKutta rk4ThreeEighths() {
    return BY_NAME.get("rk4-38");
  }

  /** Heun-Euler 2(1), adaptive. */
  public static RungeKutta heunEuler() {
    return BY_NAME.get("heun-euler");
  }

  /** Fehlberg 2(1), adaptive (Fehlberg 1969; Ott et al. 2021's "Fehlberg21"). */
  public static RungeKutta fehlberg2() {
    return BY_NAME.get("fehlberg2");
  }

  /** Bogacki-Shampine 3(2), adaptive, FSAL. */
  public static RungeKutta bosh3() {
    return BY_NAME.get("bosh3");
  }

  /** Dormand-Prince 5(4), adaptive, FSAL, dense output. */
  public static RungeKutta dopri5() {
    return BY_NAME.get("dopri5");
  }

  /** Tsitouras 5(4), adaptive, FSAL, dense output. */
  public static RungeKutta tsit5() {
    return BY_NAME.get("tsit5");
  }

  /** Returns every solver, in catalogue order. */
  public static List<RungeKutta> all() {
    return List.copyOf(BY_NAME.values());
  }

  /**
   * Returns the names of the solvers with an embedded error estimate (which an adaptive controller
   * needs), in catalogue order.
   */
  public static List<String> adaptiveNames() {
    return BY_NAME.values().stream().filter(Solver::adaptive).map(Solver::name).toList();
  }

  /** Returns the names of the solvers with their own dense output, in catalogue order. */
  public static List<String> denseOutputNames() {
    return BY_NAME.values().stream().filter(Solver::denseOutput).map(Solver::name).toList();
  }

  /** Returns the valid names, in catalogue order. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /**
   * Returns the solver called {@code name}.
   *
   * @throws IllegalArgumentException listing the valid names when {@code name} is unknown
   */
  public static RungeKutta byName(String name) {
    RungeKutta s = BY_NAME.get(name);
    if (s == null) {
      throw new IllegalArgumentException(
          "unknown solver '" + name + "'; valid solvers: " + String.join(", ", names()));
    }
    return s;
  }
}

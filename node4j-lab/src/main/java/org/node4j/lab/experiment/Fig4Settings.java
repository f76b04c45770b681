package org.node4j.lab.experiment;

import java.util.List;
import java.util.TreeSet;
import org.node4j.ode.solver.Solver;
import org.node4j.ode.solver.Solvers;

/**
 * The part of the experiment behind Ott et al.'s Fig. 4 (ICLR 2021, §2.4 and §3, and their released
 * code): models trained with the 3/8-rule RK4 ({@code rk4-38}) at fixed step counts, with
 * Fehlberg2(1) and Dopri5(4) at fixed tolerances, and with those two under the paper's tolerance
 * adaptation; each is tested with the paper's test solvers for its training solver ({@link
 * org.node4j.lab.train.TestGrid#defaultSolvers}) at the step factors 0.5 .. 2 or the tolerance
 * factors 0.1, 1, 10 ({@link org.node4j.lab.train.TestGrid}), as {@code node4j evaluate} does.
 *
 * @param rk4TrainSteps the rk4-38 step counts K_train (empty: no rk4-38 runs)
 * @param tolerances the training tolerances tol_train (rtol = atol) of the adaptive solvers
 * @param adaptiveSolvers the adaptive training solvers ({@code fehlberg2}, {@code dopri5})
 * @param toleranceAdaptation whether to train each adaptive solver once more with tolerance
 *     adaptation
 * @param initialTolerance where tolerance adaptation starts (the paper: 1e-6)
 * @param checkInterval iterations between two checks of the tolerance adaptation (the paper: 50)
 * @param iterations training iterations of every run of this part (0: the part is off)
 */
public record Fig4Settings(
    List<Integer> rk4TrainSteps,
    List<Double> tolerances,
    List<String> adaptiveSolvers,
    boolean toleranceAdaptation,
    double initialTolerance,
    int checkInterval,
    int iterations) {

  /** The adaptive training solvers of the paper. */
  public static final List<String> ADAPTIVE_SOLVERS = List.of("fehlberg2", "dopri5");

  /** Checks the values; sorts K_train ascending and the tolerances descending (coarse first). */
  public Fig4Settings {
    rk4TrainSteps = List.copyOf(new TreeSet<>(rk4TrainSteps));
    tolerances = List.copyOf(new TreeSet<>(tolerances).descendingSet());
    adaptiveSolvers = List.copyOf(adaptiveSolvers);
    require(iterations >= 0, "Fig. 4 iterations must be >= 0, got " + iterations);
    require(
        rk4TrainSteps.stream().allMatch(k -> k >= 1),
        "rk4-38 K_train must be >= 1: " + rk4TrainSteps);
    require(
        tolerances.stream().allMatch(t -> t > 0 && t < 1),
        "tolerances must lie in (0, 1): " + tolerances);
    require(
        initialTolerance > 0 && initialTolerance < 1, "the initial tolerance must be in (0, 1)");
    require(checkInterval >= 1, "the check interval must be >= 1, got " + checkInterval);
    for (String s : adaptiveSolvers) {
      require(
          ADAPTIVE_SOLVERS.contains(s),
          "Fig. 4 trains with the adaptive solvers " + ADAPTIVE_SOLVERS + ", got '" + s + "'");
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Returns the part switched off. */
  public static Fig4Settings off() {
    return new Fig4Settings(List.of(), List.of(), List.of(), false, 1e-6, 50, 0);
  }

  /**
   * The paper's protocol (§2.4, §3): rk4-38 at K_train = 1 .. 32, fehlberg2 and dopri5 at tol_train
   * = 1e-1 .. 1e-4, and tolerance adaptation from 1e-6, checked every 50 iterations, for {@code
   * iterations} iterations (the main grid's).
   */
  public static Fig4Settings full(int iterations) {
    return new Fig4Settings(
        ResnetAfterAllSettings.powersOfTwo(0, 5),
        List.of(1e-1, 1e-2, 1e-3, 1e-4),
        ADAPTIVE_SOLVERS,
        true,
        1e-6,
        50,
        iterations);
  }

  /**
   * A few CPU minutes: rk4-38 at K_train = 1, 2, 8, fehlberg2 and dopri5 at tol_train = 1e-1, 1e-2,
   * 1e-3, tolerance adaptation from 1e-3 (the paper: 1e-6, which costs fehlberg2 hundreds of
   * evaluations per step), checked every 50 iterations.
   */
  public static Fig4Settings quick(int iterations) {
    return new Fig4Settings(
        List.of(1, 2, 8), List.of(1e-1, 1e-2, 1e-3), ADAPTIVE_SOLVERS, true, 1e-3, 50, iterations);
  }

  /** A seconds-long version for tests: rk4-38 at 2 steps, tol 1e-2, checks every 10 iterations. */
  public static Fig4Settings tiny(int iterations) {
    return new Fig4Settings(
        List.of(2), List.of(1e-2), ADAPTIVE_SOLVERS, true, 1e-2, 10, iterations);
  }

  /** Returns whether any run of this part is made. */
  public boolean enabled() {
    return iterations > 0
        && (!rk4TrainSteps.isEmpty() || (!adaptiveSolvers.isEmpty() && hasAdaptiveRuns()));
  }

  private boolean hasAdaptiveRuns() {
    return !tolerances.isEmpty() || toleranceAdaptation;
  }

  /** Returns these settings with {@code n} iterations (0 switches the part off). */
  public Fig4Settings withIterations(int n) {
    return new Fig4Settings(
        rk4TrainSteps,
        tolerances,
        adaptiveSolvers,
        toleranceAdaptation,
        initialTolerance,
        checkInterval,
        n);
  }

  /** Returns the adaptive training solvers. */
  List<Solver> adaptive() {
    return adaptiveSolvers.stream().<Solver>map(Solvers::byName).toList();
  }
}

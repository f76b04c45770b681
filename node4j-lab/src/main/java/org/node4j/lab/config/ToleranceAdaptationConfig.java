package org.node4j.lab.config;

import java.util.Map;
import java.util.Objects;
import org.node4j.ode.solver.Solver;
import org.node4j.ode.solver.Solvers;

/**
 * Tolerance adaptation for adaptive-solver training (Ott et al. 2021, §3; released {@code
 * tol_adaption_algo.py}).
 *
 * @param mode off or on
 * @param initialTol the tolerance training starts from (1e-6)
 * @param interval check every this many iterations (50)
 * @param threshold the largest tolerated accuracy gap (0.1)
 * @param growth the factor of the grow trial (1.1)
 * @param shrink the factor applied when the gap is too large (0.5)
 * @param nfeHistory the grow trial is refused when its forward NFE equals each of this many
 *     previous iterations' forward NFE (5)
 * @param maxRefinements how many times the test tolerance may be divided by 10 while the test solve
 *     is no more expensive than the training solve; the released code has no bound and loops
 *     forever on a field whose NFE never grows (10)
 */
public record ToleranceAdaptationConfig(
    ToleranceAdaptationMode mode,
    double initialTol,
    int interval,
    double threshold,
    double growth,
    double shrink,
    int nfeHistory,
    int maxRefinements) {

  /**
   * The divisor of the test tolerance for each training solver the adaptation supports (the
   * released code: dopri5 tests at tol/5 after fehlberg2 training, at tol/10 after dopri5).
   */
  private static final Map<Solver, Double> TEST_DIVISORS =
      Map.of(Solvers.fehlberg2(), 5.0, Solvers.dopri5(), 10.0);

  /** Returns the test tolerance divisor for training with {@code trainSolver}, or null if none. */
  public static Double testDivisor(Solver trainSolver) {
    return TEST_DIVISORS.get(trainSolver);
  }

  /** Validates the values. */
  public ToleranceAdaptationConfig {
    Objects.requireNonNull(mode, "toleranceAdaptation.mode");
    Checks.positive("toleranceAdaptation.initialTol", initialTol);
    Checks.atLeast("toleranceAdaptation.interval", interval, 1);
    Checks.nonNegative("toleranceAdaptation.threshold", threshold);
    if (!(growth > 1) || !Double.isFinite(growth)) {
      throw new IllegalArgumentException(
          "toleranceAdaptation.growth must be finite and > 1, got " + growth);
    }
    Checks.inOpenUnit("toleranceAdaptation.shrink", shrink);
    Checks.atLeast("toleranceAdaptation.nfeHistory", nfeHistory, 1);
    Checks.atLeast("toleranceAdaptation.maxRefinements", maxRefinements, 0);
  }

  /** Returns adaptation switched off, with the released constants ready for {@code mode: on}. */
  public static ToleranceAdaptationConfig defaults() {
    return new ToleranceAdaptationConfig(
        ToleranceAdaptationMode.OFF, 1e-6, 50, 0.1, 1.1, 0.5, 5, 10);
  }
}

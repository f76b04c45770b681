package org.node4j.lab.config;

import java.util.Map;
import java.util.Objects;
import org.node4j.ode.solver.Solver;
import org.node4j.ode.solver.Solvers;

/**
 * Step-size adaptation for fixed-step training (Ott et al. 2021, §3, Alg. 2), with the released
 * code's constants as defaults.
 *
 * @param mode off, the released variant or the paper's
 * @param interval check every this many iterations ({@code adaption_interval}, 50)
 * @param threshold the largest tolerated gap between train and test solver accuracy (0.1)
 * @param accFactor how much smaller the test solver's error must be ({@code acc_fact}, 50)
 * @param maxSteps the step-count cap of the released variant ({@code max_steps}, 500)
 * @param growth the factor of the grow trial (1.1)
 * @param shrink the factor applied when the gap is too large (0.5)
 * @param maxStepSize the largest step size the grow trial may reach (1.0)
 */
public record StepAdaptationConfig(
    StepAdaptationMode mode,
    int interval,
    double threshold,
    double accFactor,
    int maxSteps,
    double growth,
    double shrink,
    double maxStepSize) {

  /**
   * The test solver of each training solver the adaptation supports (Ott et al. 2021, §3: a solver
   * of smaller discretisation error): midpoint for Euler training, the 3/8-rule RK4 (torchdiffeq's
   * {@code rk4}) for midpoint training, as in the released code.
   */
  private static final Map<Solver, Solver> TEST_SOLVERS =
      Map.of(Solvers.euler(), Solvers.midpoint(), Solvers.midpoint(), Solvers.rk4ThreeEighths());

  /** Returns the test solver for training with {@code trainSolver}, or null if it has none. */
  public static Solver testSolver(Solver trainSolver) {
    return TEST_SOLVERS.get(trainSolver);
  }

  /** Validates the values. */
  public StepAdaptationConfig {
    Objects.requireNonNull(mode, "stepAdaptation.mode");
    Checks.atLeast("stepAdaptation.interval", interval, 1);
    Checks.nonNegative("stepAdaptation.threshold", threshold);
    if (!(accFactor > 1) || !Double.isFinite(accFactor)) {
      throw new IllegalArgumentException(
          "stepAdaptation.accFactor must be finite and > 1, got " + accFactor);
    }
    Checks.atLeast("stepAdaptation.maxSteps", maxSteps, 2);
    if (!(growth > 1) || !Double.isFinite(growth)) {
      throw new IllegalArgumentException(
          "stepAdaptation.growth must be finite and > 1, got " + growth);
    }
    Checks.inOpenUnit("stepAdaptation.shrink", shrink);
    Checks.positive("stepAdaptation.maxStepSize", maxStepSize);
  }

  /** Returns adaptation switched off, with the released constants ready for {@code mode}. */
  public static StepAdaptationConfig defaults() {
    return new StepAdaptationConfig(StepAdaptationMode.OFF, 50, 0.1, 50, 500, 1.1, 0.5, 1.0);
  }

  /** Returns this configuration with another mode. */
  public StepAdaptationConfig withMode(StepAdaptationMode newMode) {
    return new StepAdaptationConfig(
        newMode, interval, threshold, accFactor, maxSteps, growth, shrink, maxStepSize);
  }
}

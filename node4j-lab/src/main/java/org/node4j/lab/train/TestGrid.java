package org.node4j.lab.train;

import java.util.ArrayList;
import java.util.List;
import org.node4j.ode.solver.Solver;
import org.node4j.ode.solver.Solvers;

/**
 * Ott et al.'s test of a trained model with other solvers (seeds-spec §1.8): for fixed-step
 * training, K_test = factor x K_train steps (rounded to the nearest integer, at least 1; the seeds'
 * evaluation code inverts this, quirk Q1); for adaptive training, tol_test = factor x tol_train.
 */
public final class TestGrid {
  /** The seeds' step factors for fixed-step training. */
  public static final List<Double> STEP_FACTORS = List.of(0.5, 0.75, 1.0, 1.5, 2.0);

  /** The seeds' tolerance factors for adaptive training. */
  public static final List<Double> TOLERANCE_FACTORS = List.of(0.1, 1.0, 10.0);

  /**
   * The seeds' test solvers for Euler training: Euler, midpoint and torchdiffeq's {@code rk4},
   * which is the 3/8-rule RK4 ({@code rk4-38}, seeds-spec §1.2). The experiment uses the same.
   */
  public static final List<String> FIXED_SOLVERS = List.of("euler", "midpoint", "rk4-38");

  private TestGrid() {}

  /**
   * One test integration.
   *
   * @param solver the test solver's name
   * @param factor the step or tolerance factor
   * @param steps K_test, or null for an adaptive test
   * @param tolerance tol_test, or null for a fixed-step test
   * @param integration the integration to evaluate with
   */
  public record TestCase(
      String solver, double factor, Long steps, Double tolerance, Integration integration) {}

  /** Returns K_test = max(1, round(factor x K_train)). */
  public static long testSteps(long trainSteps, double factor) {
    if (trainSteps < 1 || !(factor > 0) || !Double.isFinite(factor)) {
      throw new IllegalArgumentException(
          "need K_train >= 1 and a finite factor > 0, got " + trainSteps + ", " + factor);
    }
    return Math.max(1, Math.round(factor * trainSteps));
  }

  /**
   * Returns the test cases for a trained run, solver by solver, factor by factor.
   *
   * @param trained the run's summary (its final training discretisation)
   * @param solvers test solver names; empty for the defaults (euler, midpoint, rk4-38 after
   *     fixed-step training; the training solver after adaptive training)
   * @param factors factors; empty for the defaults ({@link #STEP_FACTORS} or {@link
   *     #TOLERANCE_FACTORS})
   * @throws IllegalArgumentException for an unknown solver, or one of the wrong kind
   */
  public static List<TestCase> cases(
      TrainingSummary trained, List<String> solvers, List<Double> factors) {
    boolean adaptive = trained.trainTolerance() != null;
    List<String> names =
        !solvers.isEmpty() ? solvers : adaptive ? List.of(trained.trainSolver()) : FIXED_SOLVERS;
    List<Double> fs = !factors.isEmpty() ? factors : adaptive ? TOLERANCE_FACTORS : STEP_FACTORS;
    List<TestCase> cases = new ArrayList<>();
    for (String name : names) {
      Solver solver = Solvers.byName(name);
      if (solver.adaptive() != adaptive) {
        throw new IllegalArgumentException(
            "test solver '"
                + name
                + "' is "
                + (solver.adaptive() ? "adaptive" : "fixed-step")
                + " but the model was trained with the "
                + (adaptive ? "adaptive" : "fixed-step")
                + " '"
                + trained.trainSolver()
                + "'; test with solvers of the same kind");
      }
      for (double f : fs) {
        if (adaptive) {
          double tol = f * trained.trainTolerance();
          cases.add(new TestCase(name, f, null, tol, Integration.tolerance(solver, tol)));
        } else {
          long k = testSteps(trained.trainSteps(), f);
          cases.add(new TestCase(name, f, k, null, Integration.steps(solver, (int) k)));
        }
      }
    }
    return cases;
  }
}

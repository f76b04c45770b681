package org.node4j.lab.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.node4j.lab.config.IntegrationConfig;
import org.node4j.lab.config.UsageException;
import org.node4j.ode.solver.Solver;
import org.node4j.ode.solver.Solvers;

/**
 * Ott et al.'s test of a trained model with other solvers (§2.4): for fixed-step training, K_test =
 * factor x K_train steps (rounded to the nearest integer, at least 1; the seeds' evaluation code
 * inverts this, quirk Q1); for adaptive training, tol_test = factor x tol_train.
 */
public final class TestGrid {
  /** The seeds' step factors for fixed-step training. */
  public static final List<Double> STEP_FACTORS = List.of(0.5, 0.75, 1.0, 1.5, 2.0);

  /** The seeds' tolerance factors for adaptive training. */
  public static final List<Double> TOLERANCE_FACTORS = List.of(0.1, 1.0, 10.0);

  /**
   * The seeds' test solvers for Euler training: Euler, midpoint and torchdiffeq's {@code rk4},
   * which is the 3/8-rule RK4 ({@code rk4-38}; Ott et al. 2021, Sec. 2.4). The experiment uses the
   * same.
   */
  public static final List<Solver> FIXED_SOLVERS =
      List.of(Solvers.euler(), Solvers.midpoint(), Solvers.rk4ThreeEighths());

  /**
   * The seeds' test solvers by training solver (Ott et al. 2021, §2.4 and their released code):
   * Euler training is tested with Euler, midpoint and rk4-38; rk4-38 training with rk4-38;
   * Fehlberg2(1) training with fehlberg2 and dopri5; Dopri5(4) training with dopri5.
   */
  private static final Map<Solver, List<Solver>> PAPER_SOLVERS =
      Map.of(
          Solvers.euler(), FIXED_SOLVERS,
          Solvers.rk4ThreeEighths(), List.of(Solvers.rk4ThreeEighths()),
          Solvers.fehlberg2(), List.of(Solvers.fehlberg2(), Solvers.dopri5()),
          Solvers.dopri5(), List.of(Solvers.dopri5()));

  private TestGrid() {}

  /**
   * Returns the default test solvers of a model trained with {@code trained}: the paper's for its
   * four training solvers, otherwise euler, midpoint and rk4-38 after fixed-step training and the
   * training solver after adaptive training. {@code node4j evaluate} and {@code experiment
   * resnet-after-all} both test with these.
   */
  public static List<Solver> defaultSolvers(Solver trained) {
    List<Solver> paper = PAPER_SOLVERS.get(trained);
    if (paper != null) {
      return paper;
    }
    return trained.adaptive() ? List.of(trained) : FIXED_SOLVERS;
  }

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
      throw new UsageException(
          "need K_train >= 1 and a finite factor > 0, got " + trainSteps + ", " + factor);
    }
    return Math.max(1, Math.round(factor * trainSteps));
  }

  /**
   * Returns the test cases for a trained run, solver by solver, factor by factor.
   *
   * @param trained the run's summary (its final training discretisation)
   * @param trainedWith the run's integration: its solver is the default adaptive test solver, its
   *     controller drives every adaptive test solve
   * @param solvers test solvers; empty for the {@link #defaultSolvers defaults}
   * @param factors factors; empty for the defaults ({@link #STEP_FACTORS} or {@link
   *     #TOLERANCE_FACTORS})
   * @throws IllegalArgumentException for an unknown solver, or one of the wrong kind
   */
  public static List<TestCase> cases(
      TrainingSummary trained,
      IntegrationConfig trainedWith,
      List<Solver> solvers,
      List<Double> factors) {
    boolean adaptive = trained.trainTolerance() != null;
    List<Solver> tests = !solvers.isEmpty() ? solvers : defaultSolvers(trainedWith.solver());
    List<Double> fs = !factors.isEmpty() ? factors : adaptive ? TOLERANCE_FACTORS : STEP_FACTORS;
    List<TestCase> cases = new ArrayList<>();
    for (Solver solver : tests) {
      String name = solver.name();
      if (solver.adaptive() != adaptive) {
        throw new UsageException(
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
          cases.add(
              new TestCase(name, f, null, tol, Integration.tolerance(solver, tol, trainedWith)));
        } else {
          long k = testSteps(trained.trainSteps(), f);
          cases.add(new TestCase(name, f, k, null, Integration.steps(solver, (int) k)));
        }
      }
    }
    return cases;
  }
}

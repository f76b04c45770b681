package org.node4j.lab.train;

import java.util.Arrays;
import org.node4j.lab.config.IntegrationConfig;
import org.node4j.lab.config.ToleranceAdaptationConfig;
import org.node4j.lab.config.ToleranceAdaptationMode;
import org.node4j.ode.solver.Solver;
import org.node4j.ode.solver.Solvers;

/**
 * Ott et al.'s tolerance adaptation for adaptive-solver training (ICLR 2021, §3; released {@code
 * util/tol_adaption_algo.py}), as a small state machine over the tolerance.
 *
 * <p>Every {@code interval} iterations, after the forward/backward pass and before the optimiser
 * step, the trainer calls {@link #check} with the batch's training accuracy and <b>the current
 * iteration's</b> forward NFE (the released code reads an uninitialised slot instead, quirk Q4).
 * The test solve is dopri5 at tol/5 (fehlberg2 training) or tol/10 (dopri5 training); while its NFE
 * does not exceed the training NFE the test tolerance is divided by 10 again (at most {@code
 * maxRefinements} times). With the gap {@code |acc_test - acc_train|}: above the threshold, tol is
 * halved; otherwise the grow trial tol' = 1.1 tol is evaluated and rejected when its accuracy
 * leaves the threshold, or when its forward NFE equals each of the previous {@code nfeHistory}
 * iterations' forward NFE (a larger tolerance that buys nothing).
 *
 * <p>The trainer reports every iteration's forward NFE with {@link #record}, after any check.
 */
public final class ToleranceAdaptation {
  private final ToleranceAdaptationConfig config;
  private final IntegrationConfig integration;
  private final Solver trainSolver;
  private final double testDivisor;
  private final long[] history;
  private int recorded;
  private double tol;

  /** What a check did to the tolerance. */
  public enum Outcome {
    /** The gap was too large: tol was halved. */
    SHRUNK,
    /** The larger tolerance was accepted. */
    GREW,
    /** The accuracy at the larger tolerance left the threshold: tol kept. */
    GROW_REFUSED,
    /** The larger tolerance costs as many evaluations as the last iterations: tol kept. */
    GROW_UNNEEDED
  }

  /**
   * The record of one check.
   *
   * @param outcome what happened
   * @param previousTolerance tol before the check
   * @param newTolerance tol after the check
   * @param testTolerance the test solve's tolerance after refinement
   * @param testAccuracy the batch accuracy of the test solve
   * @param trialAccuracy the batch accuracy at the grow trial, or NaN if none was run
   * @param trialEvaluations the grow trial's forward NFE, or -1 if none was run
   */
  public record Decision(
      Outcome outcome,
      double previousTolerance,
      double newTolerance,
      double testTolerance,
      double testAccuracy,
      double trialAccuracy,
      long trialEvaluations) {}

  /**
   * Creates the state machine at {@code config.initialTol()}.
   *
   * @param config the constants; mode must be on
   * @param integration the training solve: its solver (fehlberg2 or dopri5) and its controller,
   *     which every adaptive solve of the adaptation uses
   * @throws IllegalArgumentException for mode off or another solver
   */
  public ToleranceAdaptation(ToleranceAdaptationConfig config, IntegrationConfig integration) {
    if (config.mode() != ToleranceAdaptationMode.ON) {
      throw new IllegalArgumentException("tolerance adaptation is off; do not create one");
    }
    this.config = config;
    this.integration = integration;
    this.trainSolver = integration.solver();
    Double divisor = ToleranceAdaptationConfig.testDivisor(trainSolver);
    if (divisor == null) {
      throw new IllegalArgumentException(
          "tolerance adaptation has test solvers for fehlberg2 and dopri5 only, got '"
              + trainSolver.name()
              + "'");
    }
    this.testDivisor = divisor;
    this.history = new long[config.nfeHistory()];
    setTolerance(config.initialTol());
  }

  /** Returns the current training tolerance. */
  public double tolerance() {
    return tol;
  }

  /** Sets the tolerance, e.g. when resuming from a checkpoint. */
  public void setTolerance(double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException("tolerance must be finite and > 0, got " + value);
    }
    this.tol = value;
  }

  /** Returns the training integration at the current tolerance. */
  public Integration integration() {
    return Integration.tolerance(trainSolver, tol, integration);
  }

  /** Returns whether 1-based iteration {@code n} is a check iteration. */
  public boolean due(long n) {
    return n > 0 && n % config.interval() == 0;
  }

  /** Appends one iteration's forward NFE to the history (the oldest falls out). */
  public void record(long forwardEvaluations) {
    System.arraycopy(history, 1, history, 0, history.length - 1);
    history[history.length - 1] = forwardEvaluations;
    recorded = Math.min(recorded + 1, history.length);
  }

  /** Returns the recorded forward NFEs, oldest first (at most {@code nfeHistory}). */
  public long[] history() {
    return Arrays.copyOfRange(history, history.length - recorded, history.length);
  }

  /** Replaces the history, e.g. when resuming; only the newest {@code nfeHistory} are kept. */
  public void restoreHistory(long[] values) {
    recorded = 0;
    Arrays.fill(history, 0);
    for (long v : values) {
      record(v);
    }
  }

  /**
   * Runs one check on the current batch and updates the tolerance.
   *
   * @param trainAccuracy the batch accuracy of this iteration's training forward pass
   * @param trainEvaluations this iteration's training forward NFE
   * @param probe evaluates the batch with other integrations
   * @return what was done
   */
  public Decision check(double trainAccuracy, long trainEvaluations, BatchProbe probe) {
    double testTol = tol / testDivisor;
    TrainableModel.EvalStats test =
        probe.evaluate(Integration.tolerance(Solvers.dopri5(), testTol, integration));
    for (int r = 0; r < config.maxRefinements() && test.evaluations() <= trainEvaluations; r++) {
      testTol /= 10;
      test = probe.evaluate(Integration.tolerance(Solvers.dopri5(), testTol, integration));
    }
    double testAccuracy = test.accuracy();
    double before = tol;
    if (Math.abs(testAccuracy - trainAccuracy) > config.threshold()) {
      tol = config.shrink() * tol;
      return new Decision(Outcome.SHRUNK, before, tol, testTol, testAccuracy, Double.NaN, -1);
    }
    double trial = config.growth() * tol;
    TrainableModel.EvalStats grown =
        probe.evaluate(Integration.tolerance(trainSolver, trial, integration));
    Outcome outcome;
    if (Math.abs(testAccuracy - grown.accuracy()) > config.threshold()) {
      outcome = Outcome.GROW_REFUSED;
    } else if (sameAsHistory(grown.evaluations())) {
      outcome = Outcome.GROW_UNNEEDED;
    } else {
      tol = trial;
      outcome = Outcome.GREW;
    }
    return new Decision(
        outcome, before, tol, testTol, testAccuracy, grown.accuracy(), grown.evaluations());
  }

  private boolean sameAsHistory(long evaluations) {
    if (recorded < history.length) {
      return false;
    }
    for (long h : history) {
      if (h != evaluations) {
        return false;
      }
    }
    return true;
  }
}

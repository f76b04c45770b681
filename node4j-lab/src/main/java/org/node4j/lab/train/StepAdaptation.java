package org.node4j.lab.train;

import org.node4j.lab.config.StepAdaptationConfig;
import org.node4j.lab.config.StepAdaptationMode;
import org.node4j.ode.solver.Solver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ott et al.'s step-size adaptation for fixed-step training (ICLR 2021, §3, Alg. 2; released {@code
 * util/step_adaption_algo.py}), as a small state machine over the step size h.
 *
 * <p>Every {@code interval} iterations, after the forward/backward pass and before the optimiser
 * step, the trainer calls {@link #check} with the batch's training accuracy. The batch is evaluated
 * with a test solver of smaller error ({@link #testIntegration}): for Euler training, midpoint at
 * the same h when the span holds more than {@code accFactor} steps, else midpoint at {@code
 * sqrt(h/accFactor)}; for midpoint training, the 3/8-rule RK4 (torchdiffeq's {@code rk4}) at h when
 * {@code 1/h^2 > accFactor}, else at {@code (h^2/accFactor)^(1/4)}. With the accuracy gap {@code
 * |acc_test - acc_train|}:
 *
 * <ul>
 *   <li><b>paper</b>: gap above the threshold halves h, anything else multiplies it by 1.1;
 *   <li><b>released</b>: gap above the threshold halves h, unless {@code 2/h > maxSteps}: then h
 *       becomes {@code 2h/(maxSteps h + 1)} (the new step count is the mean of the current one and
 *       maxSteps), and at exactly {@code maxSteps} steps h is kept with a warning. Otherwise the
 *       grow trial {@code h' = min(1.1 h, maxStepSize)} is accepted only if the batch accuracy
 *       recomputed at h' is within the threshold of the test accuracy.
 * </ul>
 *
 * <p>Step sizes are in units of the time span, so on the seeds' [0, 1] "1/h" is the step count. The
 * released Euler-to-RK4 variant (commented out in the seeds' code) is not offered.
 */
public final class StepAdaptation {
  private static final Logger LOG = LoggerFactory.getLogger(StepAdaptation.class);

  private final StepAdaptationConfig config;
  private final Solver trainSolver;
  private final Solver testSolver;
  private final int trainOrder;
  private final int testOrder;
  private final double span;
  private double h;

  /** What a check did to h. */
  public enum Outcome {
    /** The gap was too large: h was multiplied by the shrink factor. */
    SHRUNK,
    /** The gap was too large and h was near the cap: the step count moved half-way to it. */
    SHRUNK_TOWARDS_CAP,
    /** The gap was too large but the step count is already at the cap: h kept. */
    AT_CAP,
    /** The gap was small and the larger step was accepted. */
    GREW,
    /** The gap was small but the accuracy at the larger step left the threshold: h kept. */
    GROW_REFUSED
  }

  /**
   * The record of one check.
   *
   * @param outcome what happened
   * @param previousStep h before the check
   * @param newStep h after the check
   * @param trainAccuracy the batch accuracy with the training solver
   * @param testAccuracy the batch accuracy with the test solver
   * @param trialAccuracy the batch accuracy at the grow trial's step, or NaN if none was run
   */
  public record Decision(
      Outcome outcome,
      double previousStep,
      double newStep,
      double trainAccuracy,
      double testAccuracy,
      double trialAccuracy) {}

  /**
   * Creates the state machine.
   *
   * @param config the constants and the mode (not {@code off})
   * @param trainSolver euler or midpoint
   * @param span the length of the time span, |t1 - t0|
   * @param initialStep the first h (Hairer's estimate for the released variant)
   * @throws IllegalArgumentException for mode off, another solver or a non-positive step
   */
  public StepAdaptation(
      StepAdaptationConfig config, Solver trainSolver, double span, double initialStep) {
    if (config.mode() == StepAdaptationMode.OFF) {
      throw new IllegalArgumentException("step adaptation is off; do not create a StepAdaptation");
    }
    this.config = config;
    this.trainSolver = trainSolver;
    this.testSolver = StepAdaptationConfig.testSolver(trainSolver);
    if (testSolver == null) {
      throw new IllegalArgumentException(
          "step adaptation has test solvers for euler and midpoint training only, got '"
              + trainSolver.name()
              + "'");
    }
    this.trainOrder = trainSolver.order();
    this.testOrder = testSolver.order();
    if (!(span > 0) || !Double.isFinite(span)) {
      throw new IllegalArgumentException("time span must be finite and > 0, got " + span);
    }
    this.span = span;
    setStepSize(initialStep);
  }

  /** Returns the current training step size h. */
  public double stepSize() {
    return h;
  }

  /** Sets h, e.g. when resuming from a checkpoint. */
  public void setStepSize(double step) {
    if (!(step > 0) || !Double.isFinite(step)) {
      throw new IllegalArgumentException("step size must be finite and > 0, got " + step);
    }
    this.h = step;
  }

  /** Returns the training integration at the current h. */
  public Integration integration() {
    return Integration.stepSize(trainSolver, h);
  }

  /**
   * Returns whether 1-based iteration {@code n} is a check iteration ({@code n % interval == 0}).
   */
  public boolean due(long n) {
    return n > 0 && n % config.interval() == 0;
  }

  /**
   * Returns the test solver and step for the current h (relative to the span): the same h when
   * {@code (1/h)^p > accFactor}, p the training order, else the h_test with {@code h_test^q = h^p /
   * accFactor}, q the test order, so that the test error is accFactor times smaller.
   */
  public Integration testIntegration() {
    double rel = h / span;
    boolean fineEnough = Math.pow(1 / rel, trainOrder) > config.accFactor();
    if (fineEnough) {
      return Integration.stepSize(testSolver, h);
    }
    double testRel = Math.pow(Math.pow(rel, trainOrder) / config.accFactor(), 1.0 / testOrder);
    return Integration.stepSize(testSolver, testRel * span);
  }

  /**
   * Runs one check on the current batch and updates h.
   *
   * @param trainAccuracy the batch accuracy of the training forward pass
   * @param probe evaluates the batch with other integrations
   * @return what was done
   */
  public Decision check(double trainAccuracy, BatchProbe probe) {
    double testAccuracy = probe.evaluate(testIntegration()).accuracy();
    double gap = Math.abs(testAccuracy - trainAccuracy);
    double before = h;
    if (config.mode() == StepAdaptationMode.PAPER) {
      boolean tooLarge = gap > config.threshold();
      h = tooLarge ? config.shrink() * h : config.growth() * h;
      return new Decision(
          tooLarge ? Outcome.SHRUNK : Outcome.GREW,
          before,
          h,
          trainAccuracy,
          testAccuracy,
          Double.NaN);
    }
    if (gap > config.threshold()) {
      return shrink(before, trainAccuracy, testAccuracy);
    }
    double trial = Math.min(config.growth() * h, config.maxStepSize());
    double trialAccuracy = probe.evaluate(Integration.stepSize(trainSolver, trial)).accuracy();
    boolean refused = Math.abs(testAccuracy - trialAccuracy) > config.threshold();
    if (!refused) {
      h = trial;
    }
    return new Decision(
        refused ? Outcome.GROW_REFUSED : Outcome.GREW,
        before,
        h,
        trainAccuracy,
        testAccuracy,
        trialAccuracy);
  }

  private Decision shrink(double before, double trainAccuracy, double testAccuracy) {
    double steps = span / h;
    Outcome outcome;
    if (2 * steps > config.maxSteps()) {
      if ((long) steps == config.maxSteps()) {
        LOG.warn("step adaptation: already at {} steps, cannot shrink the step further", steps);
        outcome = Outcome.AT_CAP;
      } else {
        double rel = h / span;
        h = span * 2 * rel / (config.maxSteps() * rel + 1);
        outcome = Outcome.SHRUNK_TOWARDS_CAP;
      }
    } else {
      h = config.shrink() * h;
      outcome = Outcome.SHRUNK;
    }
    return new Decision(outcome, before, h, trainAccuracy, testAccuracy, Double.NaN);
  }
}

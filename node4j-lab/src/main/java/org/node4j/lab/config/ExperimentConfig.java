package org.node4j.lab.config;

import java.util.Objects;
import org.node4j.ode.solver.Solver;

/**
 * A whole training experiment: data, model, integration, optimiser, loop and Ott et al.'s
 * adaptation algorithms. Read it with {@link ConfigLoader}; every key has a default (the seeds'
 * Sphere2 setting, Ott et al. 2021, §2.4) except the discretisation of the training solve, which
 * the user must choose.
 *
 * <p>Which discretisation key is needed:
 *
 * <ul>
 *   <li>fixed-step solver, no adaptation: {@code integration.steps} or {@code stepSize};
 *   <li>{@code stepAdaptation.mode: paper}: {@code steps} or {@code stepSize} give the initial h;
 *   <li>{@code stepAdaptation.mode: released}: none, the initial h is Hairer's estimate;
 *   <li>adaptive solver: {@code integration.tolerance}, or none with {@code
 *       toleranceAdaptation.mode: on} (training then starts from {@code
 *       toleranceAdaptation.initialTol}).
 * </ul>
 *
 * @param data the data set
 * @param model the model
 * @param integration the training solve
 * @param optimizer the optimiser
 * @param training the loop
 * @param stepAdaptation step-size adaptation (fixed-step solvers)
 * @param toleranceAdaptation tolerance adaptation (adaptive solvers)
 */
public record ExperimentConfig(
    DataConfig data,
    ModelConfig model,
    IntegrationConfig integration,
    OptimizerConfig optimizer,
    TrainingConfig training,
    StepAdaptationConfig stepAdaptation,
    ToleranceAdaptationConfig toleranceAdaptation) {

  /** Checks every part and how they fit together. */
  public ExperimentConfig {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(integration, "integration");
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(stepAdaptation, "stepAdaptation");
    Objects.requireNonNull(toleranceAdaptation, "toleranceAdaptation");
    if (integration.adaptive()) {
      checkAdaptive(integration, stepAdaptation, toleranceAdaptation);
    } else {
      checkFixed(integration, stepAdaptation, toleranceAdaptation);
    }
    checkGradient(integration);
  }

  /** The gradient method must be able to differentiate the training solve. */
  private static void checkGradient(IntegrationConfig in) {
    GradientConfig g = in.gradient();
    try {
      in.gradientMethod();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("integration.gradient: " + e.getMessage(), e);
    }
    if (g.name() == GradientKind.MEMORY_FREE && in.adaptive()) {
      throw new IllegalArgumentException(
          "integration.gradient memory-free reverses constant steps; integration.solver '"
              + in.solver().name()
              + "' is adaptive");
    }
    if (g.name() != GradientKind.ADJOINT) {
      return;
    }
    boolean backwardAdaptive = g.tolerance() != null || (g.steps() == null && in.adaptive());
    Solver backwardSolver = g.solver() == null ? in.solver() : g.solver();
    if (backwardAdaptive && !backwardSolver.adaptive()) {
      throw new IllegalArgumentException(
          "the adjoint's backward solve is adaptive (integration.gradient.tolerance, or the"
              + " forward controller), but its solver '"
              + backwardSolver.name()
              + "' has no error estimate; give integration.gradient.steps, or an embedded pair as"
              + " integration.gradient.solver");
    }
  }

  private static void checkAdaptive(
      IntegrationConfig in, StepAdaptationConfig step, ToleranceAdaptationConfig tol) {
    String solver = in.solver().name();
    if (step.mode() != StepAdaptationMode.OFF) {
      throw new IllegalArgumentException(
          "stepAdaptation is for fixed-step solvers, but integration.solver is the adaptive '"
              + solver
              + "'; use toleranceAdaptation.mode: on instead");
    }
    if (in.steps() != null || in.stepSize() != null) {
      throw new IllegalArgumentException(
          "the adaptive solver '"
              + solver
              + "' takes integration.tolerance, not steps or stepSize");
    }
    if (tol.mode() == ToleranceAdaptationMode.ON) {
      if (ToleranceAdaptationConfig.testDivisor(in.solver()) == null) {
        throw new IllegalArgumentException(
            "tolerance adaptation has test solvers for fehlberg2 and dopri5 only, got '"
                + solver
                + "'");
      }
      if (in.tolerance() != null) {
        throw new IllegalArgumentException(
            "with toleranceAdaptation.mode: on, training starts from toleranceAdaptation.initialTol;"
                + " remove integration.tolerance");
      }
    } else if (in.tolerance() == null) {
      throw new IllegalArgumentException(
          "the adaptive solver '" + solver + "' needs integration.tolerance (e.g. 1e-3)");
    }
  }

  private static void checkFixed(
      IntegrationConfig in, StepAdaptationConfig step, ToleranceAdaptationConfig tol) {
    String solver = in.solver().name();
    if (tol.mode() != ToleranceAdaptationMode.OFF) {
      throw new IllegalArgumentException(
          "toleranceAdaptation is for adaptive solvers, but integration.solver is the fixed-step '"
              + solver
              + "'; use stepAdaptation instead");
    }
    if (in.tolerance() != null) {
      throw new IllegalArgumentException(
          "the fixed-step solver '"
              + solver
              + "' takes integration.steps or stepSize, not tolerance");
    }
    boolean discretised = in.steps() != null || in.stepSize() != null;
    if (step.mode() != StepAdaptationMode.OFF
        && StepAdaptationConfig.testSolver(in.solver()) == null) {
      throw new IllegalArgumentException(
          "step adaptation has test solvers for euler and midpoint training only, got '"
              + solver
              + "'");
    }
    if (step.mode() == StepAdaptationMode.RELEASED && discretised) {
      throw new IllegalArgumentException(
          "stepAdaptation.mode: released starts from Hairer's step estimate; remove"
              + " integration.steps/stepSize, or use mode: paper to start from them");
    }
    if (step.mode() != StepAdaptationMode.RELEASED && !discretised) {
      throw new IllegalArgumentException(
          "the fixed-step solver '" + solver + "' needs integration.steps (e.g. 64) or stepSize");
    }
  }
}

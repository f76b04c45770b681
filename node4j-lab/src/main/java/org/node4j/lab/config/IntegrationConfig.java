package org.node4j.lab.config;

import java.util.Objects;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.solver.Solver;
import org.node4j.ode.solver.Solvers;

/**
 * How the ODE block is solved and differentiated during training. At most one of {@code steps},
 * {@code stepSize} and {@code tolerance} is given; which one is needed depends on the solver and
 * the adaptation mode (checked by {@link ExperimentConfig}).
 *
 * @param solver the solver, read by its name in the {@link Catalogue} ({@code euler}, {@code
 *     dopri5}, ...)
 * @param steps the number of constant steps K, or null
 * @param stepSize the constant step size h (last step shortened, as torchdiffeq), or null
 * @param tolerance rtol = atol of an adaptive solver (as Ott et al. run them), or null
 * @param controller the step-size controller of an adaptive solver (null: the integral controller);
 *     only adaptive solvers take one
 * @param t0 the start of the time span
 * @param t1 the end of the time span (Ott et al.: [0, 1])
 * @param gradient the gradient method and its options
 */
public record IntegrationConfig(
    Solver solver,
    Integer steps,
    Double stepSize,
    Double tolerance,
    ControllerConfig controller,
    double t0,
    double t1,
    GradientConfig gradient) {

  /** Validates each value on its own. */
  public IntegrationConfig {
    Objects.requireNonNull(solver, "integration.solver");
    Objects.requireNonNull(gradient, "integration.gradient");
    int given = (steps != null ? 1 : 0) + (stepSize != null ? 1 : 0) + (tolerance != null ? 1 : 0);
    if (given > 1) {
      throw new IllegalArgumentException(
          "give at most one of integration.steps, integration.stepSize and integration.tolerance;"
              + " got steps "
              + steps
              + ", stepSize "
              + stepSize
              + ", tolerance "
              + tolerance);
    }
    if (steps != null) {
      Checks.atLeast("integration.steps", steps, 1);
    }
    if (stepSize != null) {
      Checks.positive("integration.stepSize", stepSize);
    }
    if (tolerance != null) {
      Checks.positive("integration.tolerance", tolerance);
    }
    if (!Double.isFinite(t0) || !Double.isFinite(t1) || t0 == t1) {
      throw new IllegalArgumentException(
          "integration.t0 and t1 must be finite and differ, got " + t0 + " and " + t1);
    }
    if (controller != null && !solver.adaptive()) {
      throw new IllegalArgumentException(
          "integration.controller drives adaptive solvers, but integration.solver '"
              + solver.name()
              + "' takes constant steps; remove integration.controller");
    }
  }

  /** Returns Euler over [0, 1] with stored-stage gradients and no discretisation yet. */
  public static IntegrationConfig defaults() {
    return new IntegrationConfig(
        Solvers.euler(), null, null, null, null, 0.0, 1.0, GradientConfig.stored());
  }

  /** Returns this configuration with {@code k} constant steps (and no step size or tolerance). */
  public IntegrationConfig withSteps(int k) {
    return new IntegrationConfig(solver, k, null, null, controller, t0, t1, gradient);
  }

  /** Returns this configuration with another gradient method. */
  public IntegrationConfig withGradient(GradientConfig value) {
    return new IntegrationConfig(solver, steps, stepSize, tolerance, controller, t0, t1, value);
  }

  /** Returns whether the solver has an error estimate (needs a tolerance). */
  public boolean adaptive() {
    return solver.adaptive();
  }

  /**
   * Returns the configured controller (the integral one when none is given) at rtol = atol = tol.
   */
  public AdaptiveController adaptiveController(double tol) {
    return (controller == null ? ControllerConfig.integral() : controller).controller(tol, tol);
  }

  /**
   * Returns the gradient method for this solver.
   *
   * @throws IllegalArgumentException when the method cannot differentiate the solver
   */
  public GradientMethod gradientMethod() {
    return gradient.method(solver);
  }
}

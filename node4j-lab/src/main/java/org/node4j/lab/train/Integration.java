package org.node4j.lab.train;

import java.util.Objects;
import org.node4j.lab.config.IntegrationConfig;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.control.StepSizeController;
import org.node4j.ode.solver.ExplicitRungeKutta;

/**
 * How a model integrates its ODE block: a solver and a step-size controller over the model's time
 * span. Training uses one; evaluation with "other solvers" (Ott et al.'s test) and step or
 * tolerance adaptation swap it.
 *
 * @param solver the Runge-Kutta solver
 * @param controller constant steps or an adaptive controller
 */
public record Integration(ExplicitRungeKutta solver, StepSizeController controller) {

  /** Checks the arguments. */
  public Integration {
    Objects.requireNonNull(solver, "solver");
    Objects.requireNonNull(controller, "controller");
    if (controller instanceof AdaptiveController && !solver.adaptive()) {
      throw new IllegalArgumentException(
          "solver '" + solver.name() + "' has no error estimate and cannot run adaptively");
    }
  }

  /** Returns {@code n} constant steps of {@code solver}. */
  public static Integration steps(ExplicitRungeKutta solver, int n) {
    return new Integration(solver, ConstantSteps.count(n));
  }

  /** Returns constant steps of size {@code h} (the last one shortened) of {@code solver}. */
  public static Integration stepSize(ExplicitRungeKutta solver, double h) {
    return new Integration(solver, ConstantSteps.size(h));
  }

  /**
   * Returns {@code solver} with rtol = atol = {@code tol} under the integral controller, as Ott et
   * al. run adaptive solvers.
   */
  public static Integration tolerance(ExplicitRungeKutta solver, double tol) {
    return new Integration(solver, AdaptiveController.integral(tol, tol));
  }

  /** Returns {@code solver} with rtol = atol = {@code tol} under the controller of {@code in}. */
  public static Integration tolerance(ExplicitRungeKutta solver, double tol, IntegrationConfig in) {
    return new Integration(solver, in.adaptiveController(tol));
  }

  /** Returns a short label such as {@code euler, 64 steps} for logs and tables. */
  public String label() {
    return solver.name() + ", " + controller;
  }
}

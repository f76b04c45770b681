package org.node4j.lab.train;

import java.util.Objects;
import org.node4j.lab.config.IntegrationConfig;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.control.StepSizeController;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solver;

/**
 * How a model integrates its ODE block: a {@link SolveSetup} (solver, step-size controller, step
 * budget, checked once by the core) over the model's time span. Training uses one; evaluation with
 * "other solvers" (Ott et al.'s test) and step or tolerance adaptation swap it.
 *
 * @param setup the solver, controller and step budget
 */
public record Integration(SolveSetup setup) {

  /** Checks the argument. */
  public Integration {
    Objects.requireNonNull(setup, "setup");
  }

  /** Returns {@code solver} with {@code controller} and the default step budget. */
  public static Integration of(Solver solver, StepSizeController controller) {
    return new Integration(SolveSetup.of(solver, controller));
  }

  /** Returns {@code n} constant steps of {@code solver}. */
  public static Integration steps(Solver solver, int n) {
    return of(solver, ConstantSteps.count(n));
  }

  /** Returns constant steps of size {@code h} (the last one shortened) of {@code solver}. */
  public static Integration stepSize(Solver solver, double h) {
    return of(solver, ConstantSteps.size(h));
  }

  /**
   * Returns {@code solver} with rtol = atol = {@code tol} under the integral controller, as Ott et
   * al. run adaptive solvers.
   */
  public static Integration tolerance(Solver solver, double tol) {
    return of(solver, AdaptiveController.integral(tol, tol));
  }

  /** Returns the solver. */
  public Solver solver() {
    return setup.solver();
  }

  /** Returns the step-size controller. */
  public StepSizeController controller() {
    return setup.controller();
  }

  /** Returns {@code solver} with rtol = atol = {@code tol} under the controller of {@code in}. */
  public static Integration tolerance(Solver solver, double tol, IntegrationConfig in) {
    return of(solver, in.adaptiveController(tol));
  }

  /** Returns a short label such as {@code euler, 64 steps} for logs and tables. */
  public String label() {
    return setup.label();
  }
}

package org.node4j.ode.integrate;

import java.util.Objects;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.control.StepSizeController;
import org.node4j.ode.solver.Solver;
import org.node4j.ode.solver.Solvers;

/**
 * How a solve steps: the solver, the step-size controller and the step budget, as one immutable
 * value checked once, when it is built. The plain solve ({@link SolveSpec}), every gradient method
 * (through its problem), the continuous adjoint's backward solve, the ODE block of node4j-nn and
 * the lab's configuration all hold this value instead of the three parts, so the combination is
 * checked in this constructor only (diffrax checks it when the solve starts; here a setup that
 * exists is valid). The check allocates nothing and changes nothing unless it fails.
 *
 * <pre>{@code
 * SolveSetup setup = SolveSetup.of(Solvers.dopri5(), AdaptiveController.integral(1e-6, 1e-8));
 * SolveSetup euler64 = SolveSetup.of(Solvers.euler(), ConstantSteps.count(64));
 * }</pre>
 *
 * @param solver the one-step method
 * @param controller constant or adaptive steps; adaptive ones need a solver with an error estimate
 * @param maxSteps the budget of attempted (accepted plus rejected) steps of every solve, >= 1
 */
public record SolveSetup(Solver solver, StepSizeController controller, int maxSteps) {

  /** The default step budget. */
  public static final int DEFAULT_MAX_STEPS = 100_000;

  /** Checks the combination; the messages name the offending values and the valid ones. */
  public SolveSetup {
    Objects.requireNonNull(solver, "solver");
    Objects.requireNonNull(controller, "controller");
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
    }
    if (controller instanceof AdaptiveController && !solver.adaptive()) {
      throw new IllegalArgumentException(
          "solver '"
              + solver.name()
              + "' has no embedded error estimate, so it cannot run with an AdaptiveController;"
              + " use ConstantSteps or an embedded pair ("
              + String.join(", ", Solvers.adaptiveNames())
              + ")");
    }
  }

  /** Returns the setup of {@code solver} with {@code controller} and the default step budget. */
  public static SolveSetup of(Solver solver, StepSizeController controller) {
    return new SolveSetup(solver, controller, DEFAULT_MAX_STEPS);
  }

  /** Returns {@code n} equal steps of {@code solver}. */
  public static SolveSetup steps(Solver solver, int n) {
    return of(solver, ConstantSteps.count(n));
  }

  /** Returns a copy with step budget {@code value}. */
  public SolveSetup withMaxSteps(int value) {
    return new SolveSetup(solver, controller, value);
  }

  /** Returns a copy with solver {@code value}, checked against this controller. */
  public SolveSetup withSolver(Solver value) {
    return new SolveSetup(value, controller, maxSteps);
  }

  /** Returns a copy with controller {@code value}, checked against this solver. */
  public SolveSetup withController(StepSizeController value) {
    return new SolveSetup(solver, value, maxSteps);
  }

  /** Returns whether the setup takes constant steps. */
  public boolean constantSteps() {
    return controller instanceof ConstantSteps;
  }

  /** Returns a short label such as {@code euler, ConstantSteps[count=64, size=NaN]}. */
  public String label() {
    return solver.name() + ", " + controller;
  }
}

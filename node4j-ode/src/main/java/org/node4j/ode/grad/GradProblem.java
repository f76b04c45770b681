package org.node4j.ode.grad;

import java.util.Objects;
import org.node4j.ode.StateOps;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.control.StepSizeController;
import org.node4j.ode.integrate.SolveSpec;
import org.node4j.ode.solver.ExplicitRungeKutta;

/**
 * The forward solve a {@link GradientMethod} differentiates: a differentiable field, its state
 * operations, the span and the solver's strategies. The initial state is not part of it, because it
 * changes with every training iteration ({@link GradientPass#forward}).
 *
 * <pre>{@code
 * GradProblem<double[], double[]> p = GradProblem.builder(field, ArrayOps.INSTANCE)
 *     .span(0, 1).solver(Solvers.rk4()).controller(ConstantSteps.count(16)).build();
 * }</pre>
 *
 * @param <S> the state type
 * @param <G> the parameter-gradient type
 * @param field the vector field f(t, z; theta)
 * @param ops the state operations
 * @param t0 the initial time
 * @param t1 the final time (t1 &lt; t0 integrates backward)
 * @param solver the Runge-Kutta method of the forward solve
 * @param controller constant or adaptive steps of the forward solve
 * @param maxSteps the step budget of every solve the method makes
 */
public record GradProblem<S, G>(
    DifferentiableField<S, G> field,
    StateOps<S> ops,
    double t0,
    double t1,
    ExplicitRungeKutta solver,
    StepSizeController controller,
    int maxSteps) {

  /** Checks the combination up front, as {@link SolveSpec} does when a solve starts. */
  public GradProblem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(ops, "ops");
    Objects.requireNonNull(solver, "solver");
    Objects.requireNonNull(controller, "controller");
    if (!Double.isFinite(t0) || !Double.isFinite(t1) || t0 == t1) {
      throw new IllegalArgumentException(
          "a gradient needs a finite, non-empty span; got t0 = " + t0 + ", t1 = " + t1);
    }
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
    }
    if (controller instanceof AdaptiveController && !solver.adaptive()) {
      throw new IllegalArgumentException(
          "solver '"
              + solver.name()
              + "' has no embedded error estimate, so it cannot run with an AdaptiveController;"
              + " use ConstantSteps or an embedded pair");
    }
  }

  /**
   * Returns a builder of the forward solve of {@code f} (this problem's field, or a wrapper of it)
   * from {@code y0}, with this problem's span, solver, controller and step budget: for solving
   * without a gradient, or for adding an observer.
   */
  public SolveSpec.Builder<S> spec(org.node4j.ode.VectorField<S> f, S y0) {
    return SolveSpec.builder(f, ops, y0)
        .span(t0, t1)
        .solver(solver)
        .controller(controller)
        .maxSteps(maxSteps);
  }

  /** Returns whether the forward solve takes constant steps. */
  public boolean constantSteps() {
    return controller instanceof ConstantSteps;
  }

  /** Starts a builder; span, solver and controller are required. */
  public static <S, G> Builder<S, G> builder(DifferentiableField<S, G> field, StateOps<S> ops) {
    return new Builder<>(field, ops);
  }

  /** Builds a {@link GradProblem}. */
  public static final class Builder<S, G> {
    private final DifferentiableField<S, G> field;
    private final StateOps<S> ops;
    private double t0 = Double.NaN;
    private double t1 = Double.NaN;
    private ExplicitRungeKutta solver;
    private StepSizeController controller;
    private int maxSteps = SolveSpec.DEFAULT_MAX_STEPS;

    private Builder(DifferentiableField<S, G> field, StateOps<S> ops) {
      this.field = field;
      this.ops = ops;
    }

    /** Sets the time span (required). */
    public Builder<S, G> span(double start, double end) {
      this.t0 = start;
      this.t1 = end;
      return this;
    }

    /** Sets the solver (required). */
    public Builder<S, G> solver(ExplicitRungeKutta value) {
      this.solver = value;
      return this;
    }

    /** Sets the step-size controller (required). */
    public Builder<S, G> controller(StepSizeController value) {
      this.controller = value;
      return this;
    }

    /** Sets the step budget (default {@value SolveSpec#DEFAULT_MAX_STEPS}). */
    public Builder<S, G> maxSteps(int value) {
      this.maxSteps = value;
      return this;
    }

    /** Validates and builds. */
    public GradProblem<S, G> build() {
      return new GradProblem<>(field, ops, t0, t1, solver, controller, maxSteps);
    }
  }
}

package org.node4j.ode.grad;

import java.util.Objects;
import org.node4j.ode.SaveAt;
import org.node4j.ode.StateOps;
import org.node4j.ode.VectorField;
import org.node4j.ode.control.StepSizeController;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.integrate.SolveSpec;
import org.node4j.ode.solver.RungeKutta;
import org.node4j.ode.solver.Solver;

/**
 * The forward solve a {@link GradientMethod} differentiates: a differentiable field, its state
 * operations, the span, how it steps (one {@link SolveSetup}, checked when it was built) and which
 * states the loss reads ({@link SaveAt}). The initial state is not part of it, because it changes
 * with every training iteration ({@link GradientPass#forward}).
 *
 * <p>With {@link SaveAt#t1()} (the default) the loss reads z(t1) and {@link
 * GradientPass#backward(Object, Object, Object)} takes dL/dz(t1); with {@link SaveAt#times} it
 * reads z at each time (torchdiffeq's {@code odeint_adjoint(func, y0, t)}, diffrax's {@code
 * SaveAt(ts=...)}) and {@link GradientPass#backward(java.util.List, Object, Object)} takes one
 * cotangent per time.
 *
 * <pre>{@code
 * GradProblem<double[], double[]> p = GradProblem.builder(field, ArrayOps.INSTANCE)
 *     .span(0, 1)
 *     .setup(SolveSetup.steps(Solvers.rk4(), 16))
 *     .saveAt(SaveAt.times(0.25, 0.5, 1))
 *     .build();
 * }</pre>
 *
 * @param <S> the state type
 * @param <G> the parameter-gradient type
 * @param field the vector field f(t, z; theta)
 * @param ops the state operations
 * @param t0 the initial time
 * @param t1 the final time (t1 &lt; t0 integrates backward)
 * @param setup the solver, controller and step budget of the forward solve (and, unless a method
 *     says otherwise, of every solve the method makes)
 * @param saveAt the times the loss reads: {@link SaveAt.Kind#T1} or {@link SaveAt.Kind#TIMES}
 * @param records the record pool the problem's passes share with other problems' (the blocks of one
 *     network), or null for a pool of each pass's own
 */
public record GradProblem<S, G>(
    DifferentiableField<S, G> field,
    StateOps<S> ops,
    double t0,
    double t1,
    SolveSetup setup,
    SaveAt saveAt,
    RecordPool records) {

  /** Checks the span and the save policy; the setup checked itself when it was built. */
  public GradProblem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(ops, "ops");
    Objects.requireNonNull(setup, "setup (call setup(SolveSetup.of(solver, controller)))");
    Objects.requireNonNull(saveAt, "saveAt");
    if (!Double.isFinite(t0) || !Double.isFinite(t1) || t0 == t1) {
      throw new IllegalArgumentException(
          "a gradient needs a finite, non-empty span; got t0 = " + t0 + ", t1 = " + t1);
    }
    if (saveAt.kind() == SaveAt.Kind.STEPS) {
      throw new IllegalArgumentException(
          "a gradient needs the saved times before the solve; SaveAt.steps() saves an unknown"
              + " number of states. Use SaveAt.t1() or SaveAt.times(...)");
    }
    SolveSpec.checkSaveTimes(saveAt, t0, t1);
  }

  /**
   * Returns a builder of the forward solve of {@code f} (this problem's field, or a wrapper of it)
   * from {@code y0}, with this problem's span, setup and save policy: for solving without a
   * gradient, or for adding an observer.
   */
  public SolveSpec.Builder<S> spec(VectorField<S> f, S y0) {
    return SolveSpec.builder(f, ops, y0).span(t0, t1).setup(setup).saveAt(saveAt);
  }

  /** Returns the solver of the setup. */
  public Solver solver() {
    return setup.solver();
  }

  /** Returns the step-size controller of the setup. */
  public StepSizeController controller() {
    return setup.controller();
  }

  /** Returns whether the forward solve takes constant steps. */
  public boolean constantSteps() {
    return setup.constantSteps();
  }

  /** Returns the number of states the loss reads: 1 for {@link SaveAt#t1()}. */
  public int savedCount() {
    return saveAt.kind() == SaveAt.Kind.T1 ? 1 : saveAt.times().length;
  }

  /** Returns the times the loss reads: {t1} for {@link SaveAt#t1()}. */
  public double[] savedTimes() {
    return saveAt.kind() == SaveAt.Kind.T1 ? new double[] {t1} : saveAt.times();
  }

  /**
   * Returns the solver of {@code setup} as a {@link RungeKutta}, for the methods that pull
   * cotangents back through its stages.
   *
   * @throws IllegalArgumentException naming {@code method} when the solver is of another family
   */
  static RungeKutta rungeKutta(SolveSetup setup, String method) {
    if (setup.solver() instanceof RungeKutta rk) {
      return rk;
    }
    throw new IllegalArgumentException(
        method
            + " pulls cotangents back through Runge-Kutta stages; solver '"
            + setup.solver().name()
            + "' is not a RungeKutta. Use a solver of Solvers, or the continuous adjoint");
  }

  /** Starts a builder; span and setup are required. */
  public static <S, G> Builder<S, G> builder(DifferentiableField<S, G> field, StateOps<S> ops) {
    return new Builder<>(field, ops);
  }

  /** Builds a {@link GradProblem}. */
  public static final class Builder<S, G> {
    private final DifferentiableField<S, G> field;
    private final StateOps<S> ops;
    private double t0 = Double.NaN;
    private double t1 = Double.NaN;
    private SolveSetup setup;
    private SaveAt saveAt = SaveAt.t1();
    private RecordPool records;

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

    /** Sets the solver, controller and step budget (required). */
    public Builder<S, G> setup(SolveSetup value) {
      this.setup = value;
      return this;
    }

    /** Sets the times the loss reads (default {@link SaveAt#t1()}). */
    public Builder<S, G> saveAt(SaveAt value) {
      this.saveAt = value;
      return this;
    }

    /**
     * Shares {@code pool} with the passes of other problems that run one at a time, e.g. the ODE
     * blocks of one network (default: none, each pass keeps its records in a pool of its own). See
     * {@link RecordPool}.
     */
    public Builder<S, G> records(RecordPool pool) {
      this.records = pool;
      return this;
    }

    /** Validates and builds. */
    public GradProblem<S, G> build() {
      return new GradProblem<>(field, ops, t0, t1, setup, saveAt, records);
    }
  }
}

package org.node4j.ode.integrate;

import java.util.Objects;
import org.node4j.ode.SaveAt;
import org.node4j.ode.StateOps;
import org.node4j.ode.StepObserver;
import org.node4j.ode.VectorField;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.control.StepSizeController;
import org.node4j.ode.solver.Solver;

/**
 * Everything one solve needs, validated when built: the problem (field, ops, y0, span), how it
 * steps (a {@link SolveSetup}: solver, step-size controller and step budget, already checked), the
 * save policy and an optional observer. Pass it to {@link Integrator#solve}.
 *
 * <pre>{@code
 * Solution<double[]> sol = Integrator.solve(
 *     SolveSpec.builder(field, ArrayOps.INSTANCE, y0)
 *         .span(0, 10)
 *         .setup(SolveSetup.of(Solvers.dopri5(), AdaptiveController.integral(1e-8, 1e-10)))
 *         .saveAt(SaveAt.times(1, 2, 5))
 *         .build());
 * }</pre>
 *
 * @param <S> the state type
 * @param field the vector field f(t, y)
 * @param ops the state operations
 * @param y0 the initial state; never modified
 * @param t0 the initial time
 * @param t1 the final time (t1 < t0 integrates backward)
 * @param setup the solver, step-size controller and step budget
 * @param saveAt which states to keep
 * @param observer sees every accepted step
 */
public record SolveSpec<S>(
    VectorField<S> field,
    StateOps<S> ops,
    S y0,
    double t0,
    double t1,
    SolveSetup setup,
    SaveAt saveAt,
    StepObserver<S> observer) {

  /** The default step budget ({@link SolveSetup#DEFAULT_MAX_STEPS}). */
  public static final int DEFAULT_MAX_STEPS = SolveSetup.DEFAULT_MAX_STEPS;

  /**
   * Checks the problem against the setup (which checked itself when it was built); the messages
   * name the offending values.
   */
  public SolveSpec {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(ops, "ops");
    Objects.requireNonNull(y0, "y0");
    Objects.requireNonNull(setup, "setup (call setup(SolveSetup.of(solver, controller)))");
    Objects.requireNonNull(saveAt, "saveAt");
    Objects.requireNonNull(observer, "observer");
    if (!Double.isFinite(t0) || !Double.isFinite(t1)) {
      throw new IllegalArgumentException(
          "t0 and t1 must be finite, got t0 = " + t0 + ", t1 = " + t1);
    }
    if (setup.controller() instanceof ConstantSteps c) {
      c.steps(t0, t1); // rejects t1 == t0
    }
    if (!ops.allFinite(y0)) {
      throw new IllegalArgumentException(
          "y0 must be finite, got " + ops.describe(y0) + " with NaN/inf");
    }
    checkSaveTimes(saveAt, t0, t1);
  }

  /** Returns the solver of the setup. */
  public Solver solver() {
    return setup.solver();
  }

  /** Returns the step-size controller of the setup. */
  public StepSizeController controller() {
    return setup.controller();
  }

  /** Returns the step budget of the setup. */
  public int maxSteps() {
    return setup.maxSteps();
  }

  /**
   * Checks that the times of {@code saveAt} lie in the span and follow the direction of integration
   * from t0 to t1.
   *
   * @throws IllegalArgumentException naming the first time that does not
   */
  public static void checkSaveTimes(SaveAt saveAt, double t0, double t1) {
    double dir = Math.signum(t1 - t0);
    double[] ts = saveAt.times();
    for (int i = 0; i < ts.length; i++) {
      boolean inside = (ts[i] - t0) * dir >= 0 && (t1 - ts[i]) * dir >= 0;
      boolean ordered = i == 0 || (ts[i] - ts[i - 1]) * dir >= 0;
      if (!inside || !ordered) {
        throw new IllegalArgumentException(
            "SaveAt time ts["
                + i
                + "] = "
                + ts[i]
                + " must lie in ["
                + Math.min(t0, t1)
                + ", "
                + Math.max(t0, t1)
                + "] and follow the direction of integration from t0 = "
                + t0);
      }
    }
  }

  /** Starts a builder for integrating {@code field} from {@code y0}. */
  public static <S> Builder<S> builder(VectorField<S> field, StateOps<S> ops, S y0) {
    return new Builder<>(field, ops, y0);
  }

  /** Builds a {@link SolveSpec}; span and setup are required. */
  public static final class Builder<S> {
    private final VectorField<S> field;
    private final StateOps<S> ops;
    private final S y0;
    private double t0 = Double.NaN;
    private double t1 = Double.NaN;
    private SolveSetup setup;
    private SaveAt saveAt = SaveAt.t1();
    private StepObserver<S> observer = StepObserver.none();

    private Builder(VectorField<S> field, StateOps<S> ops, S y0) {
      this.field = field;
      this.ops = ops;
      this.y0 = y0;
    }

    /** Sets the time span (required). */
    public Builder<S> span(double start, double end) {
      this.t0 = start;
      this.t1 = end;
      return this;
    }

    /** Sets the solver, controller and step budget (required). */
    public Builder<S> setup(SolveSetup value) {
      this.setup = value;
      return this;
    }

    /** Sets the save policy (default {@link SaveAt#t1()}). */
    public Builder<S> saveAt(SaveAt value) {
      this.saveAt = value;
      return this;
    }

    /** Sets the observer of accepted steps (default none). */
    public Builder<S> observer(StepObserver<S> value) {
      this.observer = value;
      return this;
    }

    /** Validates and builds. */
    public SolveSpec<S> build() {
      return new SolveSpec<>(field, ops, y0, t0, t1, setup, saveAt, observer);
    }
  }
}

package org.node4j.ode.grad;

import java.util.List;
import org.node4j.ode.Solution;
import org.node4j.ode.Tuple;
import org.node4j.ode.TupleOps;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.control.StepSizeController;
import org.node4j.ode.integrate.Integrator;
import org.node4j.ode.integrate.SolveSpec;
import org.node4j.ode.solver.ExplicitRungeKutta;

/**
 * The continuous adjoint, or backsolve (optimise-then-discretise; Chen, Rubanova, Bettencourt and
 * Duvenaud, "Neural ordinary differential equations", NeurIPS 2018; seeds-spec 1.3 and 4.1): the
 * forward pass keeps only z(t1), and the backward pass solves the augmented system of {@link
 * AdjointField} from t1 back to t0 with its own solver, controller and error norm.
 *
 * <p><b>Exactness:</b> approximate. It discretises the continuous adjoint equations instead of
 * differentiating the discrete forward map, and reconstructs z by solving backward in time, so its
 * gradient differs from the exact discrete one by the discretisation errors of both solves: O(h^p)
 * for a method of order p with constant steps, and of the order of the tolerances with adaptive
 * ones. ANODE (Gholami et al., IJCAI 2019) shows this inconsistency can derail training at coarse
 * steps, and the backward reconstruction of z can be unstable (for instance for dissipative
 * fields). Use it when memory matters more than exactness.
 *
 * <p><b>Memory:</b> O(1) in the number of steps: one state z(t1) (plus the backward solve's
 * workspace of (z, a, g) stages).
 *
 * <p><b>Cost:</b> with constant backward steps, g_theta is accumulated as a quadrature straight
 * into the gradient ({@link ConstantStepAdjoint}) instead of being carried in the ODE state, which
 * keeps the cost linear in depth for depth-indexed fields; adaptive backward solves carry (z, a, g)
 * as a {@link Tuple} so that the error norm can see every part it is asked to.
 */
public final class ContinuousAdjoint implements GradientMethod {

  private final ExplicitRungeKutta backwardSolver;
  private final StepSizeController backwardController;
  private final AdjointNorm norm;

  private ContinuousAdjoint(
      ExplicitRungeKutta backwardSolver, StepSizeController backwardController, AdjointNorm norm) {
    this.backwardSolver = backwardSolver;
    this.backwardController = backwardController;
    this.norm = java.util.Objects.requireNonNull(norm, "norm");
  }

  /** The backsolve with the forward solver and controller, every part in the error norm. */
  public static ContinuousAdjoint create() {
    return new ContinuousAdjoint(null, null, AdjointNorm.ALL_PARTS);
  }

  /** Returns a copy that solves backward with {@code solver} (default: the forward one). */
  public ContinuousAdjoint withSolver(ExplicitRungeKutta solver) {
    return new ContinuousAdjoint(
        java.util.Objects.requireNonNull(solver), backwardController, norm);
  }

  /**
   * Returns a copy that solves backward with {@code controller} (default: the forward one; with
   * constant steps, a count of steps is the same count backward).
   */
  public ContinuousAdjoint withController(StepSizeController controller) {
    return new ContinuousAdjoint(
        backwardSolver, java.util.Objects.requireNonNull(controller), norm);
  }

  /** Returns a copy with the given error norm (default {@link AdjointNorm#ALL_PARTS}). */
  public ContinuousAdjoint withNorm(AdjointNorm value) {
    return new ContinuousAdjoint(backwardSolver, backwardController, value);
  }

  /** Returns the error norm of the backward solve. */
  public AdjointNorm norm() {
    return norm;
  }

  @Override
  public String name() {
    return "adjoint";
  }

  @Override
  public boolean exact() {
    return false;
  }

  @Override
  public <S, G> GradientPass<S, G> prepare(GradProblem<S, G> problem) {
    ExplicitRungeKutta solver = backwardSolver != null ? backwardSolver : problem.solver();
    StepSizeController controller =
        backwardController != null ? backwardController : problem.controller();
    if (controller instanceof AdaptiveController && !solver.adaptive()) {
      throw new IllegalArgumentException(
          "continuous adjoint: backward solver '"
              + solver.name()
              + "' has no error estimate, so it cannot run with the backward controller "
              + controller
              + "; give an embedded pair or ConstantSteps");
    }
    return new Pass<>(problem, solver, controller, norm);
  }

  private static final class Pass<S, G> extends AbstractPass<S, G> {
    private final ExplicitRungeKutta solver;
    private final StepSizeController controller;
    private final AdjointNorm norm;
    private TupleOps tupleOps;
    private AdjointField<S, G> adjointField;
    private ConstantStepAdjoint<S, G> quadrature;
    private Tuple start;

    Pass(
        GradProblem<S, G> problem,
        ExplicitRungeKutta solver,
        StepSizeController controller,
        AdjointNorm norm) {
      super("adjoint", problem);
      this.solver = solver;
      this.controller = controller;
      this.norm = norm;
    }

    @Override
    protected void runForward(S z0, S out) {
      if (start == null) {
        G g = problem.field().newGrad();
        start = Tuple.of(ops.zerosLike(z0), ops.zerosLike(z0), g);
        List<org.node4j.ode.StateOps<?>> parts = List.of(ops, ops, problem.field().gradOps());
        tupleOps =
            norm.maxOfParts()
                ? TupleOps.mixed(parts, norm.mask())
                : TupleOps.of(parts, norm.mask());
        adjointField = new AdjointField<>(problem.field(), ops, z0);
        if (controller instanceof ConstantSteps) {
          quadrature = new ConstantStepAdjoint<>(problem.field(), ops, solver.tableau(), z0);
        }
      }
      Solution<S> sol = Integrator.solve(problem.spec(problem.field(), z0).build());
      ops.copyInto(sol.y(), out);
      ops.copyInto(sol.y(), start.part(0));
      hold(ops.bytes(out));
      forwardEvaluations = sol.statistics().evaluations();
      forwardSteps = sol.statistics().acceptedSteps();
    }

    @Override
    protected void runBackward(S adjoint, G gradAcc) {
      if (quadrature != null) {
        quadrature.solve(
            start.part(0),
            adjoint,
            gradAcc,
            (ConstantSteps) controller,
            problem.t1(),
            problem.t0());
        backwardEvaluations = quadrature.evaluations();
        backwardVjps = backwardEvaluations;
        hold(-ops.bytes(start.<S>part(0)));
        return;
      }
      ops.copyInto(adjoint, start.part(1));
      problem.field().gradOps().fillZero(start.part(2));
      Solution<Tuple> sol =
          Integrator.solve(
              SolveSpec.builder(adjointField, tupleOps, start)
                  .span(problem.t1(), problem.t0())
                  .solver(solver)
                  .controller(controller)
                  .maxSteps(problem.maxSteps())
                  .build());
      Tuple end = sol.y();
      ops.copyInto(end.part(1), adjoint);
      problem.field().gradOps().axpy(1.0, end.part(2), gradAcc);
      backwardEvaluations = sol.statistics().evaluations();
      backwardVjps = backwardEvaluations;
      hold(-ops.bytes(start.<S>part(0)));
    }
  }
}

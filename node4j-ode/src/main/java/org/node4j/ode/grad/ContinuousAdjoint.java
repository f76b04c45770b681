package org.node4j.ode.grad;

import java.util.List;
import java.util.Objects;
import org.node4j.ode.SaveAt;
import org.node4j.ode.Solution;
import org.node4j.ode.StateOps;
import org.node4j.ode.Tuple;
import org.node4j.ode.TupleOps;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.integrate.Integrator;
import org.node4j.ode.integrate.SolveBuffers;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.integrate.SolveSpec;
import org.node4j.ode.solver.RungeKutta;

/**
 * The continuous adjoint, or backsolve (optimise-then-discretise; Chen, Rubanova, Bettencourt and
 * Duvenaud, "Neural ordinary differential equations", NeurIPS 2018, §2; the
 * optimise-then-discretise method Gholami et al., IJCAI 2019, §3, compare with): the forward pass
 * keeps only z(t1), and the backward pass solves the augmented system of {@link AdjointField} from
 * t1 back to t0 with its own {@link SolveSetup} (the forward one by default) and error norm.
 *
 * <p><b>Saved times:</b> for a loss on the states at several times, the cotangent of each enters as
 * a jump of the adjoint a at its time while integrating backward (Chen et al. 2018, Algorithm 1
 * applied interval by interval, as torchdiffeq's {@code odeint_adjoint} with a time grid does).
 * With an adaptive backward controller the solve restarts at each saved time; with constant steps a
 * step that contains a saved time is split there, so that the jump falls on a step boundary.
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

  private final SolveSetup backward;
  private final AdjointNorm norm;

  private ContinuousAdjoint(SolveSetup backward, AdjointNorm norm) {
    this.backward = backward;
    this.norm = Objects.requireNonNull(norm, "norm");
  }

  /** The backsolve with the forward setup, every part in the error norm. */
  public static ContinuousAdjoint create() {
    return new ContinuousAdjoint(null, AdjointNorm.ALL_PARTS);
  }

  /**
   * Returns a copy that solves backward with {@code setup} (default: the forward one; with constant
   * steps, a count of steps is the same count backward).
   */
  public ContinuousAdjoint withBackward(SolveSetup setup) {
    return new ContinuousAdjoint(Objects.requireNonNull(setup, "setup"), norm);
  }

  /** Returns a copy with the given error norm (default {@link AdjointNorm#ALL_PARTS}). */
  public ContinuousAdjoint withNorm(AdjointNorm value) {
    return new ContinuousAdjoint(backward, value);
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
  public void check(SolveSetup forward) {
    quadratureSolver(backward != null ? backward : forward);
  }

  @Override
  public <S, G> GradientPass<S, G> prepare(GradProblem<S, G> problem) {
    SolveSetup setup = backward != null ? backward : problem.setup();
    return new Pass<>(problem, setup, quadratureSolver(setup), norm);
  }

  /** Returns the Runge-Kutta solver of constant backward steps, or null for adaptive ones. */
  private static RungeKutta quadratureSolver(SolveSetup setup) {
    if (!setup.constantSteps()) {
      return null;
    }
    if (!(setup.solver() instanceof RungeKutta rk)) {
      throw new IllegalArgumentException(
          "continuous adjoint: constant backward steps integrate g_theta as a Runge-Kutta"
              + " quadrature; solver '"
              + setup.solver().name()
              + "' is not a RungeKutta. Use a solver of Solvers");
    }
    return rk;
  }

  private static final class Pass<S, G> extends AbstractPass<S, G> {
    private final SolveSetup setup;
    private final RungeKutta quadratureSolver;
    private final AdjointNorm norm;
    private final double[] times;
    private TupleOps tupleOps;
    private AdjointField<S, G> adjointField;
    private ConstantStepAdjoint<S, G> quadrature;
    private Tuple start;
    private final SolveBuffers<S> forwardBuffers = new SolveBuffers<>();
    private final SolveBuffers<Tuple> backwardBuffers = new SolveBuffers<>();

    Pass(
        GradProblem<S, G> problem,
        SolveSetup setup,
        RungeKutta quadratureSolver,
        AdjointNorm norm) {
      super("adjoint", problem);
      this.setup = setup;
      this.quadratureSolver = quadratureSolver;
      this.norm = norm;
      this.times = problem.saveAt().kind() == SaveAt.Kind.TIMES ? problem.savedTimes() : null;
    }

    @Override
    protected void runForward(S z0, S out) {
      if (start == null) {
        G g = problem.field().newGrad();
        start = Tuple.of(ops.zerosLike(z0), ops.zerosLike(z0), g);
        List<StateOps<?>> parts = List.of(ops, ops, problem.field().gradOps());
        tupleOps =
            norm.maxOfParts()
                ? TupleOps.mixed(parts, norm.mask())
                : TupleOps.of(parts, norm.mask());
        adjointField = new AdjointField<>(problem.field(), ops, z0);
        if (quadratureSolver != null) {
          quadrature =
              new ConstantStepAdjoint<>(problem.field(), ops, quadratureSolver.tableau(), z0);
        }
      }
      Solution<S> sol = Integrator.solve(problem.spec(problem.field(), z0).build(), forwardBuffers);
      keepOutputs(sol, out);
      ops.copyInto(sol.y(), start.part(0));
      hold(ops.bytes(out));
    }

    @Override
    protected void runBackward(S adjoint, G gradAcc) {
      List<S> jumps = jumps();
      if (quadrature != null) {
        quadrature.solve(
            start.part(0),
            adjoint,
            gradAcc,
            (ConstantSteps) setup.controller(),
            problem.t1(),
            problem.t0(),
            jumps == null ? null : times,
            jumps);
        backwardEvaluations = quadrature.evaluations();
      } else {
        backwardEvaluations = backsolve(adjoint, gradAcc, jumps);
      }
      backwardVjps = backwardEvaluations;
      hold(-ops.bytes(start.<S>part(0)));
    }

    /**
     * Solves the augmented system from t1 back to t0, interval by interval between the saved times
     * (one interval without them), adding each saved time's cotangent to a at its time.
     */
    private long backsolve(S adjoint, G gradAcc, List<S> jumps) {
      ops.copyInto(adjoint, start.part(1));
      problem.field().gradOps().fillZero(start.part(2));
      double direction = Math.signum(problem.t1() - problem.t0());
      double at = problem.t1();
      long evaluations = 0;
      int k = jumps == null ? -1 : times.length - 1;
      while (true) {
        for (; k >= 0 && times[k] == at; k--) {
          ops.axpy(1.0, jumps.get(k), start.part(1));
        }
        double to = k >= 0 ? times[k] : problem.t0();
        if ((at - to) * direction > 0) {
          Solution<Tuple> sol =
              Integrator.solve(
                  SolveSpec.builder(adjointField, tupleOps, start)
                      .span(at, to)
                      .setup(setup)
                      .build(),
                  backwardBuffers);
          tupleOps.copyInto(sol.y(), start);
          evaluations += sol.statistics().evaluations();
          at = to;
        }
        if (k < 0) {
          break;
        }
      }
      ops.copyInto(start.part(1), adjoint);
      problem.field().gradOps().axpy(1.0, start.part(2), gradAcc);
      return evaluations;
    }
  }
}

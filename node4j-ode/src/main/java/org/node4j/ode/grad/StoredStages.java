package org.node4j.ode.grad;

import java.util.ArrayList;
import java.util.List;
import org.node4j.ode.Solution;
import org.node4j.ode.integrate.Integrator;
import org.node4j.ode.integrate.SolveBuffers;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.RungeKutta;

/**
 * The discrete adjoint with stored stages: backpropagation through the solver
 * (discretise-then-optimise; the main experiments of Ott et al., "ResNet After All?", ICLR 2021,
 * §2.4). The forward pass keeps the record of every stage evaluation of every accepted step; the
 * backward pass pulls the cotangent back through the steps in reverse, one VJP per stage.
 *
 * <p><b>Exactness:</b> the exact gradient of the discrete forward map, to round-off. With an
 * adaptive controller it differentiates the accepted steps with their step sizes taken as constants
 * (as torchdiffeq's and diffrax's backpropagation do); rejected steps cost nothing.
 *
 * <p><b>Memory:</b> O(N_steps * s) records (one per stage that influences the step, so dopri5's
 * FSAL stage is not kept), i.e. linear in depth. <b>Cost:</b> no re-evaluation of f; one VJP per
 * needed stage.
 */
public final class StoredStages implements GradientMethod {

  private static final StoredStages INSTANCE = new StoredStages();

  private StoredStages() {}

  /** Returns the method. */
  public static StoredStages create() {
    return INSTANCE;
  }

  @Override
  public String name() {
    return "stored";
  }

  @Override
  public boolean exact() {
    return true;
  }

  @Override
  public void check(SolveSetup forward) {
    GradProblem.rungeKutta(forward, name());
  }

  @Override
  public <S, G> GradientPass<S, G> prepare(GradProblem<S, G> problem) {
    return new Pass<>(problem, GradProblem.rungeKutta(problem.setup(), name()));
  }

  private static final class Pass<S, G> extends AbstractPass<S, G> {
    private final List<RecordedStep> steps = new ArrayList<>();
    private final RungeKutta solver;
    private StepReplay<S, G> replay;
    private final SolveBuffers<S> buffers = new SolveBuffers<>();
    private int count;

    Pass(GradProblem<S, G> problem, RungeKutta solver) {
      super("stored", problem);
      this.solver = solver;
    }

    @Override
    protected void runForward(S z0, S out) {
      if (replay == null) {
        replay = new StepReplay<>(problem, solver, z0);
      }
      releaseAll();
      replay.recording().detachAll();
      Solution<S> sol =
          Integrator.solve(
              problem
                  .spec(replay.recording(), z0)
                  .observer(
                      step -> {
                        if (count == steps.size()) {
                          steps.add(replay.newStep());
                        }
                        RecordedStep e = steps.get(count++);
                        replay.capture(step, e);
                        hold(e.bytes + 2 * Double.BYTES);
                      })
                  .build(),
              buffers);
      keepOutputs(sol, out);
    }

    @Override
    protected void runBackward(S adjoint, G gradAcc) {
      long vjps = replay.vjps();
      long evaluations = replay.evaluations();
      int total = count;
      if (total > 0) {
        RecordedStep last = steps.get(total - 1);
        replay.beginBackward(jumps(), output(), last.t0, last.h, adjoint, gradAcc);
      }
      while (count > 0) {
        int n = --count;
        RecordedStep e = steps.get(n);
        double end = n + 1 < total ? steps.get(n + 1).t0 : problem.t1();
        double prevStart = n > 0 ? steps.get(n - 1).t0 : Double.NaN;
        double prevSize = n > 0 ? steps.get(n - 1).h : Double.NaN;
        replay.pullBack(e, end, prevStart, prevSize, adjoint, gradAcc);
        hold(-e.bytes - 2 * Double.BYTES);
      }
      replay.finishBackward(adjoint);
      backwardVjps = replay.vjps() - vjps;
      backwardEvaluations = replay.evaluations() - evaluations;
    }

    private void releaseAll() {
      // A forward without its backward leaves records behind: give them back.
      while (count > 0) {
        replay.release(steps.get(--count));
      }
    }
  }
}

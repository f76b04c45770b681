package org.node4j.ode.integrate;

import org.node4j.ode.Solution;
import org.node4j.ode.SolverException;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;

/**
 * The entry point: solves the initial value problem described by a {@link SolveSpec}.
 *
 * <p>Stateless and thread-safe: a call builds its own buffers (the solver's workspace and the saved
 * states, the only allocation of a solve), or reuses the caller's {@link SolveBuffers}, and runs
 * the constant-step or the adaptive loop. A solve that cannot reach t1 throws a {@link
 * SolverException} carrying the status and the partial solution.
 */
public final class Integrator {

  private Integrator() {}

  /**
   * Solves {@code spec}.
   *
   * @return the solution, with status {@link org.node4j.ode.Status#SUCCESS}
   * @throws SolverException when the step budget runs out, the step size falls below its minimum,
   *     or the state becomes non-finite
   */
  public static <S> Solution<S> solve(SolveSpec<S> spec) {
    return solve(spec, new SolveBuffers<>());
  }

  /**
   * Solves {@code spec} in the caller's {@code buffers}, which allocate nothing when the previous
   * solve in them had the same solver and state shape; the solution's states are the buffers' and
   * are overwritten by their next solve.
   *
   * @return the solution, with status {@link org.node4j.ode.Status#SUCCESS}
   * @throws SolverException as {@link #solve(SolveSpec)}
   */
  public static <S> Solution<S> solve(SolveSpec<S> spec, SolveBuffers<S> buffers) {
    buffers.prepare(spec);
    SolveRun<S> run = new SolveRun<>(spec, buffers);
    if (spec.t0() == spec.t1()) {
      return run.finish();
    }
    if (spec.controller() instanceof ConstantSteps c) {
      ConstantStepLoop.run(run, c);
    } else {
      AdaptiveLoop.run(run, (AdaptiveController) spec.controller());
    }
    return run.finish();
  }
}

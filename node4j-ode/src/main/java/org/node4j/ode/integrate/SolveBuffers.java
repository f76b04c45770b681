package org.node4j.ode.integrate;

import java.util.ArrayList;
import java.util.List;
import org.node4j.ode.StateOps;
import org.node4j.ode.solver.RkWorkspace;
import org.node4j.ode.solver.Solver;

/**
 * The state buffers of a solve (the solver's {@link RkWorkspace}, the running state, the saved
 * states and the final state handed back), kept from one solve to the next by a caller that solves
 * repeatedly with the same solver and state shape: a gradient pass runs a forward solve at every
 * training iteration, and without these every solve allocated its stages and copies afresh (about
 * nine states per solve for Heun's method with the final state saved).
 *
 * <p>Owned by whoever runs the solves ({@link Integrator#solve(SolveSpec, SolveBuffers)}); not
 * thread-safe. The buffers are kept while the solver, the state operations and the state's shape
 * ({@link StateOps#sameShape}) stay those of the previous solve, and allocated again otherwise. A
 * {@link org.node4j.ode.Solution} of a solve with buffers shares them: its final state and saved
 * states are overwritten by the next solve with the same buffers, so a caller copies out what it
 * keeps.
 *
 * @param <S> the state type
 */
public final class SolveBuffers<S> {
  private Solver solver;
  private StateOps<S> ops;
  private RkWorkspace<S> workspace;
  private S state;
  private S result;
  private final List<S> saved = new ArrayList<>();
  private long allocations;

  /** Creates empty buffers; the first solve allocates them. */
  public SolveBuffers() {}

  /**
   * Returns how many times the buffers were allocated: once for a caller whose solves all have the
   * same solver and state shape.
   */
  public long allocations() {
    return allocations;
  }

  /**
   * Readies the buffers for a solve of {@code spec}, whose initial state is copied into {@link
   * #state}: keeps them when the solver, the state operations and the state's shape are those of
   * the previous solve, otherwise allocates them for the new ones.
   */
  void prepare(SolveSpec<S> spec) {
    S y0 = spec.y0();
    if (workspace == null
        || solver != spec.solver()
        || ops != spec.ops()
        || !ops.sameShape(state, y0)) {
      solver = spec.solver();
      ops = spec.ops();
      workspace = solver.workspace(ops, y0);
      state = ops.zerosLike(y0);
      result = null;
      saved.clear();
      allocations++;
    } else {
      workspace.restart();
    }
    ops.copyInto(y0, state);
  }

  /** The solver's workspace, restarted for this solve. */
  RkWorkspace<S> workspace() {
    return workspace;
  }

  /** The running state y, holding the initial state after {@link #prepare}. */
  S state() {
    return state;
  }

  /** The final state of a solution, allocated on first use. */
  S result() {
    if (result == null) {
      result = ops.zerosLike(state);
    }
    return result;
  }

  /** The buffer of saved state {@code i}, allocated on first use. */
  S saved(int i) {
    while (saved.size() <= i) {
      saved.add(ops.zerosLike(state));
    }
    return saved.get(i);
  }
}

package org.node4j.ode.grad;

import java.util.List;

/**
 * One problem's gradient computation in two phases, so that training can compute the loss in
 * between: {@link #forward} solves and keeps what the method needs; {@link #backward} turns the
 * cotangents of the states the loss read into dL/dz0 and dL/dtheta. A loss on z(t1) only uses
 * {@link #backward(Object, Object, Object)}; a loss on the states at the problem's {@link
 * org.node4j.ode.SaveAt#times saved times} reads them from {@link #saved()} and hands one cotangent
 * per time to {@link #backward(List, Object, Object)}.
 *
 * <p>A pass owns its buffers and record pools and reuses them across iterations: after the first
 * iteration of a given length, a forward-backward cycle allocates nothing per step. Passes that run
 * one after the other (the blocks of a network) can share one {@link RecordPool} through their
 * problems, so that they keep one set of records between them instead of one each. Not thread-safe.
 *
 * @param <S> the state type
 * @param <G> the parameter-gradient type
 */
public interface GradientPass<S, G> {

  /** Returns the problem being differentiated. */
  GradProblem<S, G> problem();

  /**
   * Solves from {@code z0} and keeps what the backward pass needs.
   *
   * @param z0 the initial state; not modified
   * @return z(t1); owned by the pass and overwritten by the next forward
   * @throws org.node4j.ode.SolverException when the solve fails
   */
  S forward(S z0);

  /**
   * Returns the states at {@link GradProblem#savedTimes()} of the last forward solve (for {@link
   * org.node4j.ode.SaveAt#t1()}, z(t1) alone); owned by the pass and overwritten by the next
   * forward.
   */
  List<S> saved();

  /**
   * Pulls dL/dz(t1) back through the last forward solve, for a loss that reads z(t1) only (whatever
   * the problem saves). Call it, or the other backward, once per {@link #forward}.
   *
   * @param dLdzT dL/dz(t1); not modified
   * @param dLdz0 receives dL/dz0; overwritten
   * @param gradAcc dL/dtheta is added into it
   * @return the cost of the forward and backward passes
   * @throws IllegalStateException when no forward pass is waiting for its backward pass
   */
  GradientReport backward(S dLdzT, S dLdz0, G gradAcc);

  /**
   * Returns the bytes the pass holds now for its backward pass, counted as {@link
   * GradientReport#peakBytesHeld} counts them: between {@link #forward} and {@link #backward}, what
   * the forward pass kept. A network of several blocks adds these up over the blocks still waiting
   * for their backward pass to account for its own peak.
   */
  long bytesHeld();

  /**
   * Pulls the cotangents of the saved states back through the last forward solve: the cotangent of
   * the state at each saved time enters as a jump of the adjoint where the backward pass crosses
   * that time. Call it, or the other backward, once per {@link #forward}.
   *
   * @param dLdSaved dL/dz(t_k) for each saved time t_k, in the order of {@link #saved()}; not
   *     modified
   * @param dLdz0 receives dL/dz0; overwritten
   * @param gradAcc dL/dtheta is added into it
   * @return the cost of the forward and backward passes
   * @throws IllegalArgumentException when the number of cotangents is not the number of times
   * @throws IllegalStateException when no forward pass is waiting for its backward pass
   */
  GradientReport backward(List<S> dLdSaved, S dLdz0, G gradAcc);
}

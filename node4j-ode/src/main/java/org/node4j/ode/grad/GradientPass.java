package org.node4j.ode.grad;

/**
 * One problem's gradient computation in two phases, so that training can compute the loss in
 * between: {@link #forward} solves and keeps what the method needs; {@link #backward} turns
 * dL/dz(T) into dL/dz0 and dL/dtheta.
 *
 * <p>A pass owns its buffers and record pools and reuses them across iterations: after the first
 * iteration of a given length, a forward-backward cycle allocates nothing per step. Not
 * thread-safe.
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
   * Pulls dL/dz(t1) back through the last forward solve. Call it once per {@link #forward}.
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
}

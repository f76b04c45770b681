package org.node4j.ode.grad;

import org.node4j.ode.integrate.SolveSetup;

/**
 * The checkpointed discrete adjoint of ANODE (Gholami, Keutzer and Biros, "ANODE: Unconditionally
 * accurate memory-efficient gradients for neural ODEs", IJCAI 2019, §3): the forward pass keeps
 * only some step inputs, and the backward pass recomputes the steps (and their stages) from the
 * nearest checkpoint before pulling the cotangent back through them exactly.
 *
 * <p><b>Exactness:</b> the exact gradient of the discrete forward map, equal to {@link
 * StoredStages} to round-off: the recomputed steps repeat the forward steps bit for bit from the
 * stored inputs and the stored grid (with an adaptive controller, the accepted steps with their
 * sizes taken as constants).
 *
 * <p><b>Memory and cost</b>, for N accepted steps of a state of B bytes (plus 16 bytes per step for
 * the grid of step starts and sizes):
 *
 * <ul>
 *   <li>{@link #every(int) every(k)}: ceil(N/k) checkpoints and the stage records of k steps, i.e.
 *       O(N/k + k); one extra forward evaluation of every step. {@link #everyStep()} is ANODE's
 *       per-step variant, {@code every(N)} its per-block variant (only the block input is kept).
 *   <li>{@link #binomial(long) binomial(budget)}: at most c = budget / B checkpoints, placed by the
 *       binomial schedule of Griewank's Revolve (Griewank and Walther, "Algorithm 799: Revolve",
 *       ACM TOMS 26(1), 2000): with r the least integer such that C(c + r, c) >= N, every step is
 *       recomputed at most r times, and the memory is O(c) states plus one step's records.
 * </ul>
 */
public final class Checkpointed implements GradientMethod {

  private final int interval;
  private final long budgetBytes;

  private Checkpointed(int interval, long budgetBytes) {
    this.interval = interval;
    this.budgetBytes = budgetBytes;
  }

  /** Checkpoints the input of every step (ANODE's per-step checkpointing). */
  public static Checkpointed everyStep() {
    return every(1);
  }

  /**
   * Checkpoints the input of every {@code k}-th step.
   *
   * @throws IllegalArgumentException if k &lt; 1
   */
  public static Checkpointed every(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("checkpoint interval must be >= 1 step, got " + k);
    }
    return new Checkpointed(k, 0);
  }

  /**
   * Chooses the checkpoints by the binomial (Revolve) schedule within a budget of checkpoint bytes;
   * the budget must hold at least the initial state (checked at the first forward pass).
   *
   * @throws IllegalArgumentException if the budget is not positive
   */
  public static Checkpointed binomial(long budgetBytes) {
    if (budgetBytes <= 0) {
      throw new IllegalArgumentException(
          "binomial checkpointing needs a positive memory budget in bytes, got " + budgetBytes);
    }
    return new Checkpointed(0, budgetBytes);
  }

  /** Returns the checkpoint interval, or 0 for the binomial schedule. */
  public int interval() {
    return interval;
  }

  /** Returns the memory budget in bytes of the binomial schedule, or 0 for an interval. */
  public long budgetBytes() {
    return budgetBytes;
  }

  /** Returns {@code "checkpointed"}, whatever the schedule ({@link #toString} tells it). */
  @Override
  public String name() {
    return "checkpointed";
  }

  /** Returns the name with the schedule, e.g. {@code checkpointed (every 4 steps)}. */
  @Override
  public String toString() {
    return interval > 0
        ? name() + " (every " + (interval == 1 ? "step" : interval + " steps") + ")"
        : name() + " (binomial, budget " + budgetBytes + " bytes)";
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
    return new CheckpointPass<>(
        name(), problem, GradProblem.rungeKutta(problem.setup(), name()), interval, budgetBytes);
  }
}

package org.node4j.ode.grad;

import java.util.ArrayList;
import java.util.List;
import org.node4j.ode.SaveAt;
import org.node4j.ode.Solution;
import org.node4j.ode.StateOps;

/**
 * The bookkeeping every {@link GradientPass} shares: the forward-then-backward protocol, the output
 * and saved-state buffers, the timing and the report. Subclasses implement the two phases and count
 * their costs in the protected fields; during a backward with saved-time cotangents, {@link
 * #jumps()} holds them (null for a loss on z(t1) only).
 */
abstract class AbstractPass<S, G> implements GradientPass<S, G> {

  protected final GradProblem<S, G> problem;
  protected final StateOps<S> ops;
  protected final String name;
  protected long forwardEvaluations;
  protected long backwardEvaluations;
  protected long backwardVjps;
  protected int forwardSteps;
  protected long heldBytes;
  protected long peakBytes;
  private final boolean savesTimes;
  private final List<S> saved = new ArrayList<>();
  private S output;
  private List<S> jumps;
  private boolean pending;
  private long forwardNanos;

  AbstractPass(String name, GradProblem<S, G> problem) {
    this.name = name;
    this.problem = problem;
    this.ops = problem.ops();
    this.savesTimes = problem.saveAt().kind() == SaveAt.Kind.TIMES;
  }

  @Override
  public GradProblem<S, G> problem() {
    return problem;
  }

  @Override
  public final S forward(S z0) {
    long start = System.nanoTime();
    if (output == null) {
      output = ops.zerosLike(z0);
      int n = problem.savedCount();
      for (int i = 0; i < n; i++) {
        saved.add(savesTimes ? ops.zerosLike(z0) : output);
      }
    }
    forwardEvaluations = 0;
    backwardEvaluations = 0;
    backwardVjps = 0;
    forwardSteps = 0;
    heldBytes = 0;
    peakBytes = 0;
    pending = false;
    runForward(z0, output);
    pending = true;
    forwardNanos = System.nanoTime() - start;
    return output;
  }

  @Override
  public final List<S> saved() {
    return saved;
  }

  @Override
  public final GradientReport backward(S dLdzT, S dLdz0, G gradAcc) {
    checkPending();
    ops.checkSameShape(output, dLdzT);
    ops.copyInto(dLdzT, dLdz0);
    return runTimedBackward(dLdz0, gradAcc, null);
  }

  @Override
  public final GradientReport backward(List<S> dLdSaved, S dLdz0, G gradAcc) {
    if (dLdSaved.size() != saved.size()) {
      throw new IllegalArgumentException(
          name
              + ": "
              + dLdSaved.size()
              + " cotangents for "
              + problem.savedCount()
              + " saved times "
              + java.util.Arrays.toString(problem.savedTimes())
              + "; give one per saved time");
    }
    if (!savesTimes) {
      return backward(dLdSaved.get(0), dLdz0, gradAcc);
    }
    checkPending();
    for (S c : dLdSaved) {
      ops.checkSameShape(output, c);
    }
    ops.fillZero(dLdz0);
    return runTimedBackward(dLdz0, gradAcc, dLdSaved);
  }

  private void checkPending() {
    if (!pending) {
      throw new IllegalStateException(
          name + ": backward needs a forward pass first (one backward per forward)");
    }
    pending = false;
  }

  private GradientReport runTimedBackward(S adjoint, G gradAcc, List<S> cotangents) {
    long start = System.nanoTime();
    jumps = cotangents;
    try {
      runBackward(adjoint, gradAcc);
    } finally {
      jumps = null;
    }
    long backwardNanos = System.nanoTime() - start;
    return new GradientReport(
        name,
        forwardEvaluations,
        backwardEvaluations,
        backwardVjps,
        forwardSteps,
        peakBytes,
        forwardNanos,
        backwardNanos);
  }

  @Override
  public final long bytesHeld() {
    return heldBytes;
  }

  /**
   * Returns the cotangents of the saved states during a backward pass that has them, in the order
   * of {@link GradProblem#savedTimes()}; null for a loss on z(t1) only (the cotangent of z(t1) is
   * then the adjoint the backward pass starts from).
   */
  protected final List<S> jumps() {
    return jumps;
  }

  /** Returns z(t1) of the last forward pass (owned by the pass). */
  protected final S output() {
    return output;
  }

  /** Copies z(t1) and the saved states of {@code sol} into the pass's buffers. */
  protected final void keepOutputs(Solution<S> sol, S out) {
    ops.copyInto(sol.y(), out);
    if (savesTimes) {
      List<S> states = sol.states();
      for (int i = 0; i < saved.size(); i++) {
        ops.copyInto(states.get(i), saved.get(i));
      }
    }
    forwardEvaluations = sol.statistics().evaluations();
    forwardSteps = sol.statistics().acceptedSteps();
  }

  /** Solves from {@code z0}, writes z(t1) into {@code out} and keeps what the backward needs. */
  protected abstract void runForward(S z0, S out);

  /**
   * Replaces {@code adjoint} by dL/dz0 and adds dL/dtheta into {@code gradAcc}. The adjoint starts
   * as dL/dz(t1) when {@link #jumps()} is null, else as zero with the cotangents in {@link
   * #jumps()}.
   */
  protected abstract void runBackward(S adjoint, G gradAcc);

  /** Adds {@code bytes} (negative to release) to the bytes held and updates the peak. */
  protected final void hold(long bytes) {
    heldBytes += bytes;
    peakBytes = Math.max(peakBytes, heldBytes);
  }
}

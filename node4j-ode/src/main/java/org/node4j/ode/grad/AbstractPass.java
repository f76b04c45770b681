package org.node4j.ode.grad;

import org.node4j.ode.StateOps;

/**
 * The bookkeeping every {@link GradientPass} shares: the forward-then-backward protocol, the output
 * buffer, the timing and the report. Subclasses implement the two phases and count their costs in
 * the protected fields.
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
  private S output;
  private boolean pending;
  private long forwardNanos;

  AbstractPass(String name, GradProblem<S, G> problem) {
    this.name = name;
    this.problem = problem;
    this.ops = problem.ops();
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
  public final GradientReport backward(S dLdzT, S dLdz0, G gradAcc) {
    if (!pending) {
      throw new IllegalStateException(
          name + ": backward needs a forward pass first (one backward per forward)");
    }
    pending = false;
    long start = System.nanoTime();
    ops.checkSameShape(output, dLdzT);
    ops.copyInto(dLdzT, dLdz0);
    runBackward(dLdz0, gradAcc);
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

  /** Solves from {@code z0}, writes z(t1) into {@code out} and keeps what the backward needs. */
  protected abstract void runForward(S z0, S out);

  /** Replaces {@code adjoint} = dL/dz(t1) by dL/dz0 and adds dL/dtheta into {@code gradAcc}. */
  protected abstract void runBackward(S adjoint, G gradAcc);

  /** Adds {@code bytes} (negative to release) to the bytes held and updates the peak. */
  protected final void hold(long bytes) {
    heldBytes += bytes;
    peakBytes = Math.max(peakBytes, heldBytes);
  }
}

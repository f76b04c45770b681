package org.node4j.ode;

/**
 * A solve that could not reach t1. Carries the failure {@link Status}, where it happened, the step
 * size at that point and the partial solution up to the last accepted step; the message says what
 * to try.
 */
public final class SolverException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final Status status;
  private final double t;
  private final double stepSize;
  private final transient Solution<?> partialSolution;

  /** Creates the exception; the message is built from the status hint and the context. */
  public SolverException(Status status, double t, double stepSize, Solution<?> partialSolution) {
    super(status + " at t = " + t + " with step size " + stepSize + ": " + status.hint());
    this.status = status;
    this.t = t;
    this.stepSize = stepSize;
    this.partialSolution = partialSolution;
  }

  /** Returns the failure status (never {@link Status#SUCCESS}). */
  public Status status() {
    return status;
  }

  /** Returns the time of the last accepted state. */
  public double t() {
    return t;
  }

  /** Returns the signed step size that failed or was proposed last. */
  public double stepSize() {
    return stepSize;
  }

  /** Returns the solution up to the last accepted step, with the failure status. */
  public Solution<?> partialSolution() {
    return partialSolution;
  }
}

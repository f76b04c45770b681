package org.node4j.ode;

/**
 * Counters of a solve: the cost (vector-field evaluations, the NFE of bench workload W3) and the
 * shape of the step sequence.
 *
 * @param evaluations vector-field evaluations, including initial-step selection and interpolation
 * @param acceptedSteps accepted steps
 * @param rejectedSteps rejected steps (always 0 with constant steps)
 * @param minStep the smallest accepted |h|, or NaN before the first step
 * @param maxStep the largest accepted |h|, or NaN before the first step
 */
public record Statistics(
    long evaluations, int acceptedSteps, int rejectedSteps, double minStep, double maxStep) {

  /** Returns accepted plus rejected steps. */
  public int attemptedSteps() {
    return acceptedSteps + rejectedSteps;
  }
}

package org.node4j.lab.train;

import java.util.Locale;

/**
 * One row of {@code metrics.csv}: what one training iteration did.
 *
 * @param iteration the 1-based iteration
 * @param loss the batch's mean cross-entropy
 * @param trainAccuracy the batch accuracy
 * @param evaluationsForward function evaluations of the forward solve
 * @param evaluationsBackward function evaluations of the backward pass
 * @param stepSize the training step size used, or NaN for an adaptive solver
 * @param tolerance the training tolerance used, or NaN for constant steps
 * @param wallSeconds training time since the run started (over all sessions)
 */
public record IterationRecord(
    long iteration,
    double loss,
    double trainAccuracy,
    long evaluationsForward,
    long evaluationsBackward,
    double stepSize,
    double tolerance,
    double wallSeconds) {

  /** The CSV header. */
  public static final String HEADER =
      "iteration,loss,train_accuracy,nfe_forward,nfe_backward,step_size,tolerance,wall_seconds";

  /** Returns the CSV row; NaN is written as an empty cell. */
  public String csv() {
    return iteration
        + ","
        + num(loss)
        + ","
        + num(trainAccuracy)
        + ","
        + evaluationsForward
        + ","
        + evaluationsBackward
        + ","
        + num(stepSize)
        + ","
        + num(tolerance)
        + ","
        + String.format(Locale.ROOT, "%.3f", wallSeconds);
  }

  /** Formats a double so that it reads back exactly; NaN becomes an empty cell. */
  static String num(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }
}

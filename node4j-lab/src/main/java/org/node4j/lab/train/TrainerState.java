package org.node4j.lab.train;

/**
 * The trainer's own part of a checkpoint, besides the parameters and the optimiser state. The
 * batches need nothing more than {@code iteration}: a batch is a pure function of (seed,
 * iteration), see {@link org.node4j.lab.data.MiniBatches}.
 *
 * @param iteration completed iterations; the next one is {@code iteration + 1}
 * @param wallSeconds training time so far, summed over resumed sessions
 * @param stepSize the adapted training step size, or NaN without step adaptation
 * @param tolerance the adapted training tolerance, or NaN without tolerance adaptation
 * @param nfeHistory the tolerance adaptation's recent forward NFEs, oldest first (may be empty)
 * @param sumEvaluationsForward forward NFE summed over the completed iterations
 * @param sumEvaluationsBackward backward NFE summed over the completed iterations
 * @param lastLoss the loss of the last completed iteration
 * @param lastAccuracy the batch accuracy of the last completed iteration
 */
public record TrainerState(
    long iteration,
    double wallSeconds,
    double stepSize,
    double tolerance,
    long[] nfeHistory,
    long sumEvaluationsForward,
    long sumEvaluationsBackward,
    double lastLoss,
    double lastAccuracy) {

  /** Copies the history. */
  public TrainerState {
    nfeHistory = nfeHistory.clone();
  }

  /** Returns a copy of the history. */
  @Override
  public long[] nfeHistory() {
    return nfeHistory.clone();
  }
}

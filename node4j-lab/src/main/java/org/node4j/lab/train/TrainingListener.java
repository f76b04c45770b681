package org.node4j.lab.train;

/**
 * Observes a training run: progress display, logging, tests that interrupt a run. Methods run on
 * the training thread; an exception thrown from one stops training at that point, exactly as a
 * killed process would (the run then resumes from its last checkpoint).
 */
public interface TrainingListener {

  /** Called once before the first iteration of this session, with the iteration to start after. */
  default void onStart(long completedIterations, long totalIterations) {}

  /** Called after each iteration's optimiser step and metrics row. */
  default void onIteration(IterationRecord record) {}

  /** Called after each periodic test evaluation. */
  default void onEvaluation(EvaluationRecord record) {}

  /** Called after each checkpoint has been written. */
  default void onCheckpoint(long iteration) {}

  /** Called once when the run has finished (not when it was interrupted). */
  default void onFinish(TrainingSummary summary) {}
}

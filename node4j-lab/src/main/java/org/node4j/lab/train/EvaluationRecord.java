package org.node4j.lab.train;

import java.util.Locale;

/**
 * One row of {@code eval.csv}: a periodic test-set evaluation with the training integration.
 *
 * @param iteration completed iterations when it ran
 * @param testAccuracy the true test accuracy (quirk Q2 avoided)
 * @param correct correct predictions
 * @param count test samples
 * @param meanEvaluations mean function evaluations per test batch
 * @param testMeanSquaredError the test mean squared error of a regression set; null (an empty
 *     column) for a classification set
 * @param wallSeconds training time when it ran
 */
public record EvaluationRecord(
    long iteration,
    double testAccuracy,
    long correct,
    long count,
    double meanEvaluations,
    Double testMeanSquaredError,
    double wallSeconds) {

  /** The CSV header. */
  public static final String HEADER =
      "iteration,test_accuracy,correct,count,mean_nfe,test_mse,wall_seconds";

  /** Returns the CSV row. */
  public String csv() {
    return iteration
        + ","
        + IterationRecord.num(testAccuracy)
        + ","
        + correct
        + ","
        + count
        + ","
        + IterationRecord.num(meanEvaluations)
        + ","
        + (testMeanSquaredError == null ? "" : IterationRecord.num(testMeanSquaredError))
        + ","
        + String.format(Locale.ROOT, "%.3f", wallSeconds);
  }
}

package org.node4j.lab.experiment;

import java.util.Locale;

/**
 * One line of {@code results.csv}: a model trained with Euler at K_train steps under one seed,
 * tested with one solver at K_test steps. The accuracy is the true one, correct / samples (not the
 * seeds' nominal-batch denominator, quirk Q2; their Fig. 1 values are this times about 0.9766).
 *
 * @param seed the training seed
 * @param trainSteps K_train
 * @param trainAccuracy the test-set accuracy with the training solver (Euler at K_train)
 * @param testSolver the test solver
 * @param testSteps K_test
 * @param accuracy the true test accuracy
 * @param correct correct predictions
 * @param count test samples
 * @param meanEvaluations mean function evaluations per test batch
 */
public record ResultRow(
    long seed,
    int trainSteps,
    double trainAccuracy,
    String testSolver,
    int testSteps,
    double accuracy,
    long correct,
    long count,
    double meanEvaluations) {

  /** The CSV header. */
  public static final String HEADER =
      "seed,train_solver,train_steps,train_accuracy,test_solver,test_steps,accuracy,correct,count,"
          + "nfe";

  /**
   * Reads the fields {@link #fields} gives.
   *
   * @throws IllegalArgumentException when they are not the columns of {@link #HEADER}
   */
  public static ResultRow of(String[] c) {
    if (c.length != 10 || !"euler".equals(c[1])) {
      throw new IllegalArgumentException(
          "not a results.csv row (" + HEADER + "): " + String.join(",", c));
    }
    try {
      return new ResultRow(
          Long.parseLong(c[0]),
          Integer.parseInt(c[2]),
          Double.parseDouble(c[3]),
          c[4],
          Integer.parseInt(c[5]),
          Double.parseDouble(c[6]),
          Long.parseLong(c[7]),
          Long.parseLong(c[8]),
          Double.parseDouble(c[9]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "a number in a results.csv row is invalid: " + e.getMessage(), e);
    }
  }

  /** Returns the row's fields in {@link #HEADER}'s order, numbers formatted. */
  public String[] fields() {
    return new String[] {
      Long.toString(seed),
      "euler",
      Integer.toString(trainSteps),
      String.format(Locale.ROOT, "%.6f", trainAccuracy),
      testSolver,
      Integer.toString(testSteps),
      String.format(Locale.ROOT, "%.6f", accuracy),
      Long.toString(correct),
      Long.toString(count),
      String.format(Locale.ROOT, "%.1f", meanEvaluations)
    };
  }

  /** Returns the CSV line (without newline). */
  public String csv() {
    return String.join(",", fields());
  }
}

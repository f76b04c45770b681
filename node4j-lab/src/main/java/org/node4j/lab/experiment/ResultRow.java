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
   * Reads a line written by {@link #csv}.
   *
   * @throws IllegalArgumentException when the line does not have the columns of {@link #HEADER}
   */
  public static ResultRow parse(String line) {
    String[] c = line.split(",", -1);
    if (c.length != 10 || !"euler".equals(c[1])) {
      throw new IllegalArgumentException("not a results.csv row (" + HEADER + "): '" + line + "'");
    }
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
  }

  /** Returns the CSV line (without newline). */
  public String csv() {
    return String.format(
        Locale.ROOT,
        "%d,euler,%d,%.6f,%s,%d,%.6f,%d,%d,%.1f",
        seed,
        trainSteps,
        trainAccuracy,
        testSolver,
        testSteps,
        accuracy,
        correct,
        count,
        meanEvaluations);
  }
}

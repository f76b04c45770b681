package org.node4j.lab.experiment;

import java.util.Locale;

/**
 * One line of {@code fig4.csv}: a model trained under one seed with one solver (at K_train steps,
 * at a tolerance, or under tolerance adaptation), tested with one solver at one step or tolerance
 * factor (Ott et al.'s Fig. 4). Accuracies are true accuracies, correct / samples.
 *
 * @param seed the training seed
 * @param trainSolver the training solver
 * @param trainSteps K_train, or null for an adaptive solver
 * @param trainTolerance tol_train at the end of training (the adapted one under tolerance
 *     adaptation), or null for fixed steps
 * @param adapted whether the tolerance was adapted during training
 * @param trainAccuracy the test-set accuracy with the training solve at the end of training
 * @param trainEvaluations forward function evaluations per training iteration, averaged
 * @param testSolver the test solver
 * @param factor the step factor (K_test = factor x K_train) or tolerance factor
 * @param testSteps K_test, or null for an adaptive test
 * @param testTolerance tol_test, or null for a fixed-step test
 * @param accuracy the true test accuracy
 * @param correct correct predictions
 * @param count test samples
 * @param meanEvaluations mean function evaluations per test batch
 */
public record FactorRow(
    long seed,
    String trainSolver,
    Long trainSteps,
    Double trainTolerance,
    boolean adapted,
    double trainAccuracy,
    double trainEvaluations,
    String testSolver,
    double factor,
    Long testSteps,
    Double testTolerance,
    double accuracy,
    long correct,
    long count,
    double meanEvaluations) {

  /** The CSV header. */
  public static final String HEADER =
      "seed,train_solver,train_steps,train_tolerance,tolerance_adaptation,train_accuracy,"
          + "train_nfe_forward,test_solver,factor,test_steps,test_tolerance,accuracy,correct,count,"
          + "nfe";

  /** Returns the training configuration this row belongs to, e.g. {@code dopri5, tol 1e-3}. */
  public String training() {
    if (trainSteps != null) {
      return trainSolver + ", K_train " + trainSteps;
    }
    return adapted
        ? trainSolver + ", tolerance adaptation"
        : trainSolver + ", tol " + tol(trainTolerance);
  }

  /** Returns whether the test is at least as accurate as the training solve (Ott et al. §2). */
  public boolean finer() {
    return trainSteps != null ? factor >= 1 : factor <= 1;
  }

  /** Returns the test's discretisation on a log scale: log2 K_test or log10 tol_test. */
  public double logDiscretisation() {
    return testSteps != null ? Math.log(testSteps) / Math.log(2) : Math.log10(testTolerance);
  }

  /** "1e-3" for powers of ten, otherwise three significant digits. */
  static String tol(double t) {
    double e = Math.rint(Math.log10(t));
    if (Math.abs(t - Math.pow(10, e)) <= 1e-9 * t) {
      return "1e" + (long) e;
    }
    return String.format(Locale.ROOT, "%.3g", t);
  }

  /**
   * Reads the fields {@link #fields} gives.
   *
   * @throws IllegalArgumentException when they are not the columns of {@link #HEADER}
   */
  public static FactorRow of(String[] c) {
    if (c.length != 15) {
      throw new IllegalArgumentException(
          "not a fig4.csv row (" + HEADER + "): " + String.join(",", c));
    }
    try {
      return new FactorRow(
          Long.parseLong(c[0]),
          c[1],
          c[2].isEmpty() ? null : Long.parseLong(c[2]),
          c[3].isEmpty() ? null : Double.parseDouble(c[3]),
          Boolean.parseBoolean(c[4]),
          Double.parseDouble(c[5]),
          Double.parseDouble(c[6]),
          c[7],
          Double.parseDouble(c[8]),
          c[9].isEmpty() ? null : Long.parseLong(c[9]),
          c[10].isEmpty() ? null : Double.parseDouble(c[10]),
          Double.parseDouble(c[11]),
          Long.parseLong(c[12]),
          Long.parseLong(c[13]),
          Double.parseDouble(c[14]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "a number in a fig4.csv row is invalid: " + e.getMessage(), e);
    }
  }

  /** Returns the row's fields in {@link #HEADER}'s order; tolerances are written exactly. */
  public String[] fields() {
    return new String[] {
      Long.toString(seed),
      trainSolver,
      trainSteps == null ? "" : trainSteps.toString(),
      trainTolerance == null ? "" : trainTolerance.toString(),
      Boolean.toString(adapted),
      String.format(Locale.ROOT, "%.6f", trainAccuracy),
      String.format(Locale.ROOT, "%.2f", trainEvaluations),
      testSolver,
      Double.toString(factor),
      testSteps == null ? "" : testSteps.toString(),
      testTolerance == null ? "" : testTolerance.toString(),
      String.format(Locale.ROOT, "%.6f", accuracy),
      Long.toString(correct),
      Long.toString(count),
      String.format(Locale.ROOT, "%.1f", meanEvaluations)
    };
  }
}

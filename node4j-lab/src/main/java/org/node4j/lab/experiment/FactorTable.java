package org.node4j.lab.experiment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The rows of {@code fig4.csv} and what the Fig. 4 plots and report section need from them:
 * training configurations (rk4-38 at each K_train, each adaptive solver at each tolerance and under
 * tolerance adaptation), means and sample standard deviations over seeds, and one {@link Verdict}
 * per configuration.
 */
public final class FactorTable {
  private final List<FactorRow> rows;

  /** Copies {@code rows}. */
  public FactorTable(List<FactorRow> rows) {
    this.rows = List.copyOf(rows);
  }

  /** Returns every row. */
  public List<FactorRow> rows() {
    return rows;
  }

  /** Returns the CSV text: header and one line per row. */
  public String csv() {
    return ResultsTable.csv(FactorRow.HEADER, rows.stream().map(FactorRow::fields).toList());
  }

  /**
   * Reads the text {@link #csv} writes.
   *
   * @throws IOException when the header or a row does not match {@code fig4.csv}'s columns
   */
  public static FactorTable parse(String csv, String source) throws IOException {
    List<FactorRow> rows = new ArrayList<>();
    ResultsTable.parse(
        csv, FactorRow.HEADER, source, "a fig4 file", c -> rows.add(FactorRow.of(c)));
    return new FactorTable(rows);
  }

  /** Returns the training solvers, in first-seen order. */
  public List<String> trainSolvers() {
    return distinct(rows, FactorRow::trainSolver);
  }

  /** Returns the training configurations of {@code trainSolver}, in first-seen order. */
  public List<String> trainings(String trainSolver) {
    return distinct(select(r -> r.trainSolver().equals(trainSolver)), FactorRow::training);
  }

  /** Returns the test solvers of {@code training}, in first-seen order. */
  public List<String> testSolvers(String training) {
    return distinct(select(r -> r.training().equals(training)), FactorRow::testSolver);
  }

  /** Returns the factors of {@code training}, ascending. */
  public List<Double> factors(String training) {
    TreeSet<Double> f = new TreeSet<>();
    select(r -> r.training().equals(training)).forEach(r -> f.add(r.factor()));
    return new ArrayList<>(f);
  }

  /** Returns the rows of one test (one per seed). */
  public List<FactorRow> cell(String training, String testSolver, double factor) {
    return select(
        r ->
            r.training().equals(training)
                && r.testSolver().equals(testSolver)
                && r.factor() == factor);
  }

  /** Returns the mean over seeds of {@code f} over one test's rows, or empty if not run. */
  public OptionalDouble mean(
      String training, String testSolver, double factor, ToDoubleFunction<FactorRow> f) {
    return cell(training, testSolver, factor).stream().mapToDouble(f).average();
  }

  /** Returns the sample standard deviation over seeds of one test's accuracy (0 for one seed). */
  public double std(String training, String testSolver, double factor) {
    return Stats.std(
        cell(training, testSolver, factor).stream().mapToDouble(FactorRow::accuracy).toArray());
  }

  /** Returns the per-seed rows of a training configuration, one per seed (its first test). */
  public List<FactorRow> runs(String training) {
    List<FactorRow> out = new ArrayList<>();
    List<Long> seen = new ArrayList<>();
    for (FactorRow r : select(x -> x.training().equals(training))) {
      if (!seen.contains(r.seed())) {
        seen.add(r.seed());
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The verdict on one training configuration.
   *
   * @param training the configuration, e.g. {@code rk4-38, K_train 8}
   * @param own the mean accuracy with the training solve
   * @param ownSpread its standard deviation over seeds
   * @param worst the lowest mean accuracy over tests at least as accurate as the training solve
   *     (step factor >= 1, tolerance factor <= 1, any test solver)
   * @param worstSpread its standard deviation over seeds
   * @param where where it was found, e.g. {@code dopri5 at factor 0.1}
   * @param stability the verdict
   * @param seeds the number of seeds
   * @param trainEvaluations forward evaluations per training iteration, mean over seeds
   */
  public record Verdict(
      String training,
      double own,
      double ownSpread,
      double worst,
      double worstSpread,
      String where,
      Stability stability,
      int seeds,
      double trainEvaluations) {}

  /** Returns the verdict on {@code training}, with chance 1 / {@code classes}. */
  public Verdict verdict(String training, int classes) {
    List<FactorRow> runs = runs(training);
    double[] own = runs.stream().mapToDouble(FactorRow::trainAccuracy).toArray();
    double worst = Double.POSITIVE_INFINITY;
    double worstSpread = 0;
    String where = "no finer test";
    for (String solver : testSolvers(training)) {
      for (double f : factors(training)) {
        List<FactorRow> c = cell(training, solver, f);
        if (c.isEmpty() || !c.get(0).finer()) {
          continue;
        }
        double m = c.stream().mapToDouble(FactorRow::accuracy).average().orElseThrow();
        if (m < worst) {
          worst = m;
          worstSpread = std(training, solver, f);
          where = solver + " at factor " + f;
        }
      }
    }
    double mean = Stats.mean(own);
    return new Verdict(
        training,
        mean,
        Stats.std(own),
        worst,
        worstSpread,
        where,
        Stability.of(mean, worst, 1.0 / classes, CriticalRange.DEFAULT_TOLERANCE),
        runs.size(),
        Stats.mean(runs.stream().mapToDouble(FactorRow::trainEvaluations).toArray()));
  }

  private List<FactorRow> select(Predicate<FactorRow> p) {
    return rows.stream().filter(p).toList();
  }

  private static List<String> distinct(
      List<FactorRow> rows, java.util.function.Function<FactorRow, String> f) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    rows.forEach(r -> out.add(Objects.requireNonNull(f.apply(r))));
    return new ArrayList<>(out);
  }
}

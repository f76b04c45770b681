package org.node4j.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Where the trained models stop depending on their solver (Ott et al. 2021, §2.4): a model trained
 * with Euler at K_train steps is <em>stable</em> when its accuracy with the training solver is well
 * above chance and no test solver at K_test &gt;= K_train steps (equal or smaller error) loses more
 * than {@code tolerance} of it. The critical step count lies between the largest unstable K_train
 * and the smallest K_train from which every larger one is stable; the paper finds it between 64 and
 * 128 Euler steps on Sphere2 and between 16 and 32 on CIFAR-10 (Table 1).
 *
 * @param tolerance the largest tolerated accuracy drop
 * @param verdicts one verdict per K_train, ascending
 * @param below the largest unstable K_train under the stable tail, or null if there is none
 * @param above the smallest K_train of the stable tail, or null if the largest is unstable
 */
public record CriticalRange(
    double tolerance, List<Verdict> verdicts, Integer below, Integer above) {

  /** The default tolerated drop, 0.05. */
  public static final double DEFAULT_TOLERANCE = 0.05;

  /** A model collapses when a finer test solver leaves it within this of chance accuracy. */
  public static final double COLLAPSE_MARGIN = 0.1;

  /**
   * The verdict on one K_train.
   *
   * @param trainSteps K_train
   * @param trainAccuracy the mean accuracy with the training solver
   * @param worstAccuracy the lowest mean accuracy over finer test solvers and K_test
   * @param worstCase where it was found, e.g. {@code rk4-38 at 64 steps}
   * @param trained whether the training accuracy is well above chance
   * @param stable whether it is trained and the drop is within the tolerance
   * @param collapsed whether it is trained and a finer test solver leaves it within {@link
   *     #COLLAPSE_MARGIN} of chance
   * @param trainSpread the standard deviation over seeds of the accuracy with the training solver
   * @param worstSpread the standard deviation over seeds at the worst finer test
   * @param seeds the number of seeds
   */
  public record Verdict(
      int trainSteps,
      double trainAccuracy,
      double worstAccuracy,
      String worstCase,
      boolean trained,
      boolean stable,
      boolean collapsed,
      double trainSpread,
      double worstSpread,
      int seeds) {}

  /**
   * Analyses {@code table}.
   *
   * @param classes the number of classes (chance is 1 / classes)
   */
  public static CriticalRange of(ResultsTable table, int classes, double tolerance) {
    double chance = 1.0 / classes;
    List<Verdict> verdicts = new ArrayList<>();
    for (int k : table.trainSteps()) {
      double train = table.meanTrainAccuracy(k);
      double worst = Double.POSITIVE_INFINITY;
      double worstSpread = 0;
      String where = "no finer test in the grid";
      for (String solver : table.testSolvers()) {
        for (int kt : table.testSteps()) {
          OptionalDouble m = kt >= k ? table.mean(k, solver, kt) : OptionalDouble.empty();
          if (m.isPresent() && m.getAsDouble() < worst) {
            worst = m.getAsDouble();
            worstSpread = table.std(k, solver, kt);
            where = solver + " at " + kt + " steps";
          }
        }
      }
      Stability st = Stability.of(train, worst, chance, tolerance);
      boolean trained = st != Stability.NOT_TRAINED;
      boolean stable = st == Stability.STABLE;
      boolean collapsed = st == Stability.COLLAPSES;
      verdicts.add(
          new Verdict(
              k,
              train,
              worst,
              where,
              trained,
              stable,
              collapsed,
              table.trainSpread(k),
              worstSpread,
              table.seeds(k)));
    }
    Integer above = null;
    Integer below = null;
    for (int i = verdicts.size() - 1; i >= 0 && verdicts.get(i).stable(); i--) {
      above = verdicts.get(i).trainSteps();
      below = i > 0 ? verdicts.get(i - 1).trainSteps() : null;
    }
    if (above == null && !verdicts.isEmpty()) {
      below = verdicts.get(verdicts.size() - 1).trainSteps();
    }
    return new CriticalRange(tolerance, List.copyOf(verdicts), below, above);
  }

  /** Returns one sentence stating the range found. */
  public String describe() {
    if (above == null) {
      return String.format(
          Locale.ROOT,
          "no K_train was stable: the critical step count is above %d Euler steps (h < 1/%d)"
              + " for these settings",
          below,
          below);
    }
    if (below == null) {
      return String.format(
          Locale.ROOT,
          "every K_train was stable: the critical step count is at most %d Euler steps",
          above);
    }
    return String.format(
        Locale.ROOT,
        "the critical step count lies between %d and %d Euler steps (h between 1/%d and 1/%d)",
        below,
        above,
        below,
        above);
  }
}

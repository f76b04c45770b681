package org.node4j.lab.experiment;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The report's section on Ott et al.'s Fig. 4 and tolerance adaptation (ICLR 2021, §2.4 and §3): a
 * verdict per training configuration from the same rule as the main grid ({@link Stability}),
 * sentences generated from those verdicts only, every accuracy (mean +- sd over seeds), and the
 * tolerance-adaptation runs next to the fixed-tolerance ones.
 */
final class Fig4Section implements ReportSection {
  private final ResnetAfterAllSettings s;
  private final FactorTable table;
  private final int classes;

  Fig4Section(ResnetAfterAllSettings s, FactorTable table, int classes) {
    this.s = s;
    this.table = table;
    this.classes = classes;
  }

  /** Returns every configuration's verdict, training solver by training solver. */
  List<FactorTable.Verdict> verdicts() {
    List<FactorTable.Verdict> out = new ArrayList<>();
    for (String train : table.trainSolvers()) {
      for (String training : table.trainings(train)) {
        out.add(table.verdict(training, classes));
      }
    }
    return out;
  }

  /**
   * Returns the generated sentences: one per verdict that occurred, naming its configurations and
   * the accuracies behind it.
   */
  List<String> sentences() {
    Map<Stability, List<FactorTable.Verdict>> by = new EnumMap<>(Stability.class);
    verdicts().forEach(v -> by.computeIfAbsent(v.stability(), x -> new ArrayList<>()).add(v));
    List<String> out = new ArrayList<>();
    for (Map.Entry<Stability, List<FactorTable.Verdict>> e : by.entrySet()) {
      List<FactorTable.Verdict> vs = e.getValue();
      String names = String.join("; ", vs.stream().map(FactorTable.Verdict::training).toList());
      out.add(
          switch (e.getKey()) {
            case STABLE ->
                ReportWriter.fmt(
                    "**Stable** (no test at least as accurate as the training solve loses more"
                        + " than %.2f): %s.",
                    CriticalRange.DEFAULT_TOLERANCE, names);
            case COLLAPSES ->
                ReportWriter.fmt(
                    "**Collapse** (a test at least as accurate leaves the model within %.2f of"
                        + " chance, %.2f): %s.",
                    CriticalRange.COLLAPSE_MARGIN, 1.0 / classes, names);
            case SOLVER_DEPENDENT ->
                ReportWriter.fmt(
                    "**Solver-dependent** (a test at least as accurate loses more than %.2f"
                        + " without collapsing): %s.",
                    CriticalRange.DEFAULT_TOLERANCE, names);
            case NOT_TRAINED -> "**Not trained** (no verdict): " + names + ".";
          });
    }
    return out;
  }

  @Override
  public void write(ReportDoc doc) {
    if (table.rows().isEmpty()) {
      return;
    }
    Fig4Settings f = s.fig4();
    doc.heading(2, "Fig. 4: rk4-38, adaptive solvers and tolerance adaptation");
    doc.paragraph(
        ReportWriter.fmt(
            "Models trained with rk4-38 at K_train = %s, with %s at tol_train = %s (rtol = atol),"
                + " and with %s under the paper's tolerance adaptation (from %s, checked every %d"
                + " iterations: the batch accuracy with dopri5 at tol/5 after fehlberg2 or tol/10"
                + " after dopri5, refined by 10 while it is no more expensive than the training"
                + " solve; a gap above 0.1 halves tol, otherwise 1.1 tol is tried and kept unless"
                + " its accuracy leaves 0.1 or it costs as many evaluations as each of the last 5"
                + " iterations; Ott et al. §3 and their released code). %d iterations each, Adam lr %s, seeds %s. Each is"
                + " tested as `node4j evaluate` tests it: rk4-38 with rk4-38 at K_test = factor x"
                + " K_train, factors %s; fehlberg2 with fehlberg2 and dopri5, dopri5 with dopri5,"
                + " at tol_test = factor x tol_train, factors %s. A test is at least as accurate as"
                + " the training solve when its step factor is >= 1 or its tolerance factor <= 1.",
            f.rk4TrainSteps(),
            String.join(" and ", f.adaptiveSolvers()),
            f.tolerances().stream().map(FactorRow::tol).toList(),
            String.join(" and ", f.adaptiveSolvers()),
            FactorRow.tol(f.initialTolerance()),
            f.checkInterval(),
            f.iterations(),
            s.lr(),
            s.seeds(),
            org.node4j.lab.train.TestGrid.STEP_FACTORS,
            org.node4j.lab.train.TestGrid.TOLERANCE_FACTORS));
    doc.paragraph(String.join(" ", sentences()));
    List<List<String>> rows = new ArrayList<>();
    for (FactorTable.Verdict v : verdicts()) {
      rows.add(
          List.of(
              v.training(),
              ReportWriter.meanSpread(v.own(), v.ownSpread(), v.seeds()),
              Double.isFinite(v.worst())
                  ? ReportWriter.meanSpread(v.worst(), v.worstSpread(), v.seeds())
                  : "",
              v.where(),
              ReportWriter.fmt("%.1f", v.trainEvaluations()),
              v.stability().label()));
    }
    doc.table(
        List.of(
            "training",
            "acc. training solve",
            "worst acc. at least as accurate",
            "where",
            "NFE / iteration",
            "verdict"),
        rows);
    accuracies(doc);
    adaptation(doc);
    if (!"full".equals(s.mode())) {
      Fig4Settings full = ResnetAfterAllSettings.full(s.dataset()).fig4();
      doc.paragraph(
          ReportWriter.fmt(
              "This reduced run differs from the paper's protocol (%s): rk4-38 K_train %s instead"
                  + " of %s, tolerances %s instead of %s, tolerance adaptation from %s instead of"
                  + " %s (from 1e-6, fehlberg2 needs hundreds of evaluations per solve), %d"
                  + " iterations at lr %s instead of %d at lr 1e-4, seeds %s. With %d checks the"
                  + " adapted tolerance can move by at most a factor 1.1^%d = %.1f upwards.",
              "full mode",
              f.rk4TrainSteps(),
              full.rk4TrainSteps(),
              f.tolerances().stream().map(FactorRow::tol).toList(),
              full.tolerances().stream().map(FactorRow::tol).toList(),
              FactorRow.tol(f.initialTolerance()),
              FactorRow.tol(full.initialTolerance()),
              f.iterations(),
              s.lr(),
              full.iterations(),
              s.seeds(),
              f.iterations() / f.checkInterval(),
              f.iterations() / f.checkInterval(),
              Math.pow(1.1, f.iterations() / f.checkInterval())));
    }
  }

  /** Every accuracy: one table for step factors, one for tolerance factors. */
  private void accuracies(ReportDoc doc) {
    for (boolean fixed : List.of(true, false)) {
      List<Double> factors =
          fixed
              ? org.node4j.lab.train.TestGrid.STEP_FACTORS
              : org.node4j.lab.train.TestGrid.TOLERANCE_FACTORS;
      List<String> header = new ArrayList<>(List.of("training", "test solver"));
      factors.forEach(x -> header.add("factor " + x));
      List<List<String>> rows = new ArrayList<>();
      for (String train : table.trainSolvers()) {
        for (String training : table.trainings(train)) {
          if ((table.runs(training).get(0).trainSteps() != null) != fixed) {
            continue;
          }
          for (String test : table.testSolvers(training)) {
            List<String> r = new ArrayList<>(List.of(training, test));
            for (double x : factors) {
              OptionalDouble m = table.mean(training, test, x, FactorRow::accuracy);
              r.add(
                  m.isPresent()
                      ? ReportWriter.meanSpread(
                          m.getAsDouble(),
                          table.std(training, test, x),
                          table.cell(training, test, x).size())
                      : "");
            }
            rows.add(r);
          }
        }
      }
      if (!rows.isEmpty()) {
        doc.paragraph(
            fixed
                ? "Accuracy by step factor (K_test = factor x K_train), mean +- sd over seeds; per"
                    + " seed in `fig4.csv`."
                : "Accuracy by tolerance factor (tol_test = factor x tol_train, the adapted tol_train"
                    + " for tolerance adaptation), mean +- sd over seeds; per seed in `fig4.csv`.");
        doc.table(header, rows);
      }
    }
  }

  /** The tolerance-adaptation runs, seed by seed. */
  private void adaptation(ReportDoc doc) {
    List<List<String>> rows = new ArrayList<>();
    for (String train : table.trainSolvers()) {
      for (String training : table.trainings(train)) {
        for (FactorRow r : table.runs(training)) {
          if (r.adapted()) {
            rows.add(
                List.of(
                    r.trainSolver(),
                    Long.toString(r.seed()),
                    FactorRow.tol(s.fig4().initialTolerance()),
                    FactorRow.tol(r.trainTolerance()),
                    ReportWriter.fmt("%.1f", r.trainEvaluations()),
                    ReportWriter.fmt("%.3f", r.trainAccuracy())));
          }
        }
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    doc.paragraph(
        "Tolerance adaptation, run by run (the fixed-tolerance runs above are the runs without"
            + " it):");
    doc.table(
        List.of("solver", "seed", "tol at start", "tol at end", "NFE / iteration", "accuracy"),
        rows);
  }
}

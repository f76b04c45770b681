package org.node4j.lab.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.node4j.lab.data.DatasetSplit;
import org.node4j.nn.io.AtomicFiles;

/**
 * Writes {@code report.md} and {@code report.html}: the headline (does the coarse-step model
 * collapse under finer solvers while the fine-step one does not?), the critical step range next to
 * the paper's, the step-adaptation result against Table 1, every accuracy, and the plots.
 */
final class ReportWriter {
  private final ResnetAfterAllSettings s;
  private final DatasetSplit data;
  private final ResultsTable table;
  private final CriticalRange critical;
  private final List<AdaptationRun> adaptation;
  private final List<ReportSection> sections;
  private final List<ExperimentPlots.Plot> plots;
  private final double seconds;

  ReportWriter(
      ResnetAfterAllSettings s,
      DatasetSplit data,
      ResultsTable table,
      CriticalRange critical,
      List<AdaptationRun> adaptation,
      List<ReportSection> sections,
      List<ExperimentPlots.Plot> plots,
      double seconds) {
    this.sections = List.copyOf(sections);
    this.s = s;
    this.data = data;
    this.table = table;
    this.critical = critical;
    this.adaptation = List.copyOf(adaptation);
    this.plots = List.copyOf(plots);
    this.seconds = seconds;
  }

  /** Writes both reports into {@code out} and returns their paths. */
  List<Path> write(Path out) throws IOException {
    ReportDoc doc = new ReportDoc();
    doc.heading(1, "ResNet after all? (" + s.dataset().id() + ", " + s.mode() + " run)");
    setup(doc);
    headline(doc);
    criticalRange(doc);
    if (s.dataset() == org.node4j.lab.config.DatasetName.SPHERE2) {
      figureOne(doc);
    }
    new AdaptationSection(s, adaptation).write(doc);
    accuracies(doc);
    sections.forEach(x -> x.write(doc));
    doc.heading(2, "Plots");
    for (ExperimentPlots.Plot p : plots) {
      doc.image("plots/" + p.name() + ".png", p.caption() + " (also `plots/" + p.name() + ".svg`)");
    }
    notes(doc);
    Path md = out.resolve("report.md");
    Path html = out.resolve("report.html");
    AtomicFiles.writeString(md, doc.markdown());
    AtomicFiles.writeString(html, doc.html("ResNet after all? " + s.dataset().id()));
    return List.of(md, html);
  }

  private void setup(ReportDoc doc) {
    doc.paragraph(
        "Ott et al. (ICLR 2021) ask whether a trained neural ODE is an ODE or a ResNet that only"
            + " works with its training solver: train with Euler at K_train steps, then test with"
            + " solvers of equal or smaller error. A model above the critical step size loses its"
            + " accuracy as the test solver gets finer; below it, accuracy does not depend on the"
            + " test solver.");
    doc.items(
        List.of(
            fmt(
                "data: %s, %d training and %d test samples, %d classes",
                s.dataset().id(), data.train().size(), data.test().size(), data.numClasses()),
            fmt(
                "model: %s block, width %d; Kaiming-normal init; backpropagation through the solver",
                s.images() ? "image (Conv2d)" : "Sphere2 (Conv1d)", s.width()),
            fmt(
                "training: Adam lr %s, batch %d, %d iterations, seeds %s",
                s.lr(), s.batchSize(), s.iterations(), s.seeds()),
            "K_train (Euler): " + s.trainSteps(),
            "test solvers: " + String.join(", ", s.testSolvers()) + "; K_test: " + s.testSteps(),
            fmt("mode: %s; wall time %.0f s", s.mode(), seconds)));
  }

  private void headline(ReportDoc doc) {
    doc.heading(2, "Headline");
    doc.paragraph(new Headline(critical, data.numClasses()).paragraph());
  }

  private void criticalRange(ReportDoc doc) {
    doc.heading(2, "Critical step range");
    PaperNumbers.Reference paper = PaperNumbers.of(s.dataset());
    doc.paragraph(
        fmt(
            "Found: **%s**. A K_train counts as stable when its accuracy with the training solver is"
                + " well above chance and no test solver at K_test >= K_train loses more than %.2f."
                + " Paper: %s.",
            critical.describe(),
            critical.tolerance(),
            paper == null
                ? "no number for this data set"
                : paper.criticalRange()
                    + " Euler steps (Table 1: grid NFE "
                    + paper.gridNfe()
                    + ", accuracy "
                    + paper.gridAccuracy()
                    + ")"));
    List<List<String>> rows = new ArrayList<>();
    for (CriticalRange.Verdict v : critical.verdicts()) {
      rows.add(
          List.of(
              Integer.toString(v.trainSteps()),
              meanSpread(v.trainAccuracy(), v.trainSpread(), v.seeds()),
              meanSpread(v.worstAccuracy(), v.worstSpread(), v.seeds()),
              v.worstCase(),
              verdict(v)));
    }
    doc.paragraph(
        fmt(
            "A K_train **collapses** when a finer test solver leaves it within %.2f of chance"
                + " (%.2f). Accuracies are means over %s; +- is the sample standard deviation over"
                + " seeds (as in the paper's Table 1).",
            CriticalRange.COLLAPSE_MARGIN,
            1.0 / data.numClasses(),
            s.seeds().size() == 1 ? "the one seed" : s.seeds().size() + " seeds"));
    doc.table(
        List.of("K_train", "acc. training solver", "worst finer acc.", "where", "verdict"), rows);
    tableOne(doc, paper);
  }

  /** The analogue of Table 1's grid-search column: the stable run with the largest step. */
  private void tableOne(ReportDoc doc, PaperNumbers.Reference paper) {
    if (critical.above() == null) {
      return;
    }
    CriticalRange.Verdict v =
        critical.verdicts().stream()
            .filter(x -> x.trainSteps() == critical.above())
            .findFirst()
            .orElseThrow();
    doc.paragraph(
        fmt(
            "Table 1 analogue (grid search: accuracy of the run with the largest step that is"
                + " stable): K_train = %d, NFE %d per forward pass, accuracy %s over %d seed%s."
                + " Paper: %s.",
            v.trainSteps(),
            v.trainSteps(),
            meanSpread(v.trainAccuracy(), v.trainSpread(), v.seeds()),
            v.seeds(),
            v.seeds() == 1 ? "" : "s",
            paper == null
                ? "no number for this data set"
                : "NFE " + paper.gridNfe() + ", accuracy " + paper.gridAccuracy()));
  }

  private static String verdict(CriticalRange.Verdict v) {
    if (v.stable()) {
      return "stable";
    }
    if (v.collapsed()) {
      return "collapses";
    }
    return v.trained() ? "solver-dependent" : "not trained";
  }

  /** "0.990" for one seed, "0.990 +- 0.004" for several. */
  static String meanSpread(double mean, double spread, int seeds) {
    return seeds > 1 ? fmt("%.3f +- %.3f", mean, spread) : fmt("%.3f", mean);
  }

  private void figureOne(ReportDoc doc) {
    doc.heading(2, "Against the paper's Fig. 1 (Euler test solver)");
    doc.paragraph(
        "Paper rows are digitised reported values; divide them by 0.9766 (quirk Q2) for true"
            + " accuracies, e.g. the plateaus 0.97 and 0.49 are 1.00 and 0.50. Rows of this run are"
            + " true accuracies, mean over seeds.");
    List<String> header = new ArrayList<>(List.of("model"));
    PaperNumbers.FIG1_STEPS.forEach(k -> header.add("K_test " + k));
    List<List<String>> rows = new ArrayList<>();
    rows.add(paperRow("paper, K_train 256", PaperNumbers.FIG1_K256));
    rows.add(paperRow("paper, K_train 2", PaperNumbers.FIG1_K2));
    for (int k : table.trainSteps()) {
      List<String> r = new ArrayList<>(List.of("this run, K_train " + k));
      for (int kt : PaperNumbers.FIG1_STEPS) {
        OptionalDouble m = table.mean(k, "euler", kt);
        r.add(m.isPresent() ? fmt("%.3f", m.getAsDouble()) : "");
      }
      rows.add(r);
    }
    doc.table(header, rows);
  }

  private static List<String> paperRow(String name, List<Double> values) {
    List<String> r = new ArrayList<>(List.of(name));
    values.forEach(v -> r.add(fmt("%.2f", v)));
    return r;
  }

  private void accuracies(ReportDoc doc) {
    doc.heading(2, "Every accuracy (true, mean over seeds)");
    List<String> header = new ArrayList<>(List.of("K_train", "test solver"));
    table.testSteps().forEach(k -> header.add(Integer.toString(k)));
    List<List<String>> rows = new ArrayList<>();
    for (int k : table.trainSteps()) {
      for (String solver : table.testSolvers()) {
        List<String> r = new ArrayList<>(List.of(Integer.toString(k), solver));
        for (int kt : table.testSteps()) {
          OptionalDouble m = table.mean(k, solver, kt);
          r.add(
              m.isPresent()
                  ? meanSpread(m.getAsDouble(), table.std(k, solver, kt), table.seeds(k))
                  : "");
        }
        rows.add(r);
      }
    }
    doc.paragraph("Columns are K_test; +- is the spread over seeds. Per seed in `results.csv`.");
    doc.table(header, rows);
  }

  private void notes(ReportDoc doc) {
    doc.heading(2, "Notes");
    List<String> notes = new ArrayList<>();
    notes.add(
        "Accuracies are true accuracies, correct / samples. The seeds' code divides by the nominal"
            + " batch size (quirk Q2), so its reported values are about 0.9766 times these.");
    notes.add(
        "K_test is a number of steps (h_test = 1 / K_test); the seeds' evaluation code inverts"
            + " this (quirk Q1). `rk4-38` is torchdiffeq's `rk4`, the 3/8-rule RK4.");
    if (!"full".equals(s.mode())) {
      notes.add(reducedRunNote());
    }
    doc.items(notes);
  }

  /** Says how this reduced run differs from the paper's protocol, and why. */
  private String reducedRunNote() {
    ResnetAfterAllSettings full = ResnetAfterAllSettings.full(s.dataset());
    return fmt(
        "This is a reduced run (%s), not the paper's protocol (%s): seeds %s instead of %s,"
            + " K_train %s instead of %s, %d iterations at lr %s instead of %d at lr %s. A"
            + " larger learning rate for fewer iterations trains the models about as far in a"
            + " fraction of the time; the K_train values are chosen around the paper's critical"
            + " range so that both sides of it can show. The critical range it finds"
            + " is as coarse as its K_train grid, and with one seed it has no spread. Run without"
            + " --quick for the full protocol.",
        s.mode(),
        full.mode(),
        s.seeds(),
        full.seeds(),
        s.trainSteps(),
        full.trainSteps(),
        s.iterations(),
        s.lr(),
        full.iterations(),
        full.lr());
  }

  /** Returns {@code adaptation.csv}: one row per step-adaptation run. */
  static String adaptationCsv(List<AdaptationRun> runs) {
    StringBuilder sb =
        new StringBuilder("seed,iterations,nfe_forward_per_iteration,accuracy,final_steps\n");
    for (AdaptationRun r : runs) {
      sb.append(
          fmt(
              "%d,%d,%.2f,%.6f,%d%n",
              r.seed(),
              r.iterations(),
              r.meanEvaluationsForward(),
              r.testAccuracy(),
              r.finalSteps()));
    }
    return sb.toString();
  }

  static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}

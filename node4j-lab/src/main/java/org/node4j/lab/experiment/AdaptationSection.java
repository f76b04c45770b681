package org.node4j.lab.experiment;

import java.util.ArrayList;
import java.util.List;

/** The report's section on step-size adaptation, set against the paper's Table 1. */
final class AdaptationSection {
  private final ResnetAfterAllSettings s;
  private final List<AdaptationRun> runs;

  AdaptationSection(ResnetAfterAllSettings s, List<AdaptationRun> runs) {
    this.s = s;
    this.runs = runs;
  }

  void write(ReportDoc doc) {
    doc.heading(2, "Step adaptation (released variant) against Table 1");
    if (runs.isEmpty()) {
      doc.paragraph(
          "Not run in this mode ("
              + s.mode()
              + "); the full protocol trains with step adaptation.");
      return;
    }
    double[] nfe = runs.stream().mapToDouble(AdaptationRun::meanEvaluationsForward).toArray();
    double[] acc = runs.stream().mapToDouble(r -> 100 * r.testAccuracy()).toArray();
    PaperNumbers.Reference paper = PaperNumbers.of(s.dataset());
    doc.paragraph(
        ReportWriter.fmt(
            "Euler training whose step size starts at Hairer's estimate and is halved or grown every"
                + " 50 iterations by comparing the batch accuracy with a midpoint solve (Ott et al."
                + " 2021, §3, Algorithm 2). This run: **%.1f NFE per iteration, accuracy %s %%** over %d"
                + " seed%s, %d iterations each. Paper (Table 1): %s.",
            Stats.mean(nfe),
            acc.length > 1
                ? ReportWriter.fmt("%.1f +- %.1f", Stats.mean(acc), Stats.std(acc))
                : ReportWriter.fmt("%.1f", Stats.mean(acc)),
            runs.size(),
            runs.size() == 1 ? "" : "s",
            runs.get(0).iterations(),
            paper == null
                ? "no number for this data set"
                : ReportWriter.fmt(
                    "%.1f NFE per iteration, accuracy %s (grid search: NFE %s, %s)",
                    paper.adaptationNfe(),
                    paper.adaptationAccuracy(),
                    paper.gridNfe(),
                    paper.gridAccuracy())));
    if (!"full".equals(s.mode())) {
      doc.paragraph(
          "This reduced run trains for fewer iterations than the paper's 10 000, so the step"
              + " count may not have settled: it grows and shrinks while the vector field adapts to"
              + " it (the step-adaptation plot; the paper's Fig. 5 shows the same oscillation), and"
              + " the figures above are indicative, not a reproduction of Table 1.");
    }
    List<List<String>> rows = new ArrayList<>();
    for (AdaptationRun r : runs) {
      rows.add(
          List.of(
              Long.toString(r.seed()),
              ReportWriter.fmt("%.1f", r.meanEvaluationsForward()),
              ReportWriter.fmt("%.3f", r.testAccuracy()),
              Long.toString(r.finalSteps())));
    }
    doc.table(List.of("seed", "NFE / iteration", "accuracy", "steps at the end"), rows);
  }
}

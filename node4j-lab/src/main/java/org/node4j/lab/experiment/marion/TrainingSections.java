package org.node4j.lab.experiment.marion;

import static org.node4j.lab.experiment.marion.MarionReport.fmt;
import static org.node4j.lab.experiment.marion.MarionReport.row;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.node4j.lab.analysis.LogLogFit;
import org.node4j.lab.experiment.ReportDoc;
import org.node4j.lab.experiment.marion.MarionCharts.LogLinear;
import org.node4j.lab.experiment.marion.RunData.Loaded;

/**
 * The report's other sections: the long-time run (Fig. 2), the depth agreement, σ × initialisation,
 * the ReLU counter-example and the setup; each measures from the run data, then writes its table,
 * plots and results.csv rows.
 */
final class TrainingSections extends ReportSection {

  TrainingSections(
      MarionSettings s, RunData data, ReportDoc doc, MarionReport.ResultsCsv csv, Path out) {
    super(s, data, doc, csv, out);
  }

  private Optional<Loaded> longRun() {
    return data.find(MarionGrid.longTime(s, s.longDepth(), s.longIterations()));
  }

  /** The exponential fit of the long run's loss over its second half, or null. */
  LogLinear lossFit() throws IOException {
    Optional<Loaded> run = longRun();
    if (run.isEmpty()) {
      return null;
    }
    double[] loss = RunData.series(run.get()).loss();
    int to = loss.length - 1;
    return LogLinear.fit(loss, to / 2, to);
  }

  void longTime() throws IOException {
    doc.heading(2, "Long-time limit (Fig. 2)");
    doc.paragraph(
        String.format(
            Locale.ROOT,
            "n = %d, d = %d, m = %d, L = %d, GELU, weight-tied W, rate %.2f, %d iterations (the"
                + " paper: 80 000). **Paper's claim** (Thm. 6, Fig. 2): the loss decays"
                + " exponentially to 0 (a straight line on a log scale) and the weights stay"
                + " smooth in k, converging as t grows.",
            MarionSettings.N2,
            MarionSettings.D,
            MarionSettings.M2,
            s.longDepth(),
            s.longDepth() * 5e-3,
            s.longIterations()));
    Optional<Loaded> run = longRun();
    LogLinear f = lossFit();
    if (run.isEmpty() || f == null) {
      doc.paragraph("The long run did not finish.");
      return;
    }
    CellResult r = run.get().result();
    doc.table(
        List.of("measure", "value", "paper's claim"),
        List.of(
            row("initial loss", r.initialLoss(), ""),
            row("final loss", r.finalLoss(), "→ 0"),
            row(
                String.format(Locale.ROOT, "fitted rate of ln loss, t = %d..%d", f.from(), f.to()),
                f.rate(),
                "> 0 (exponential decay)"),
            row("R² of that fit", f.rSquared(), "≈ 1 (a straight line)"),
            row("max over k, t of ‖ΔZ‖", r.maxGap(), "O(1/L)"),
            row("L · max over k, t of ‖ΔZ‖", s.longDepth() * r.maxGap(), "bounded in L")));
    csv.add(
        "long-time", "loss", s.longDepth(), s.longIterations(), "final_loss", r.finalLoss(), "0");
    csv.add("long-time", "loss-fit", s.longDepth(), s.longIterations(), "rate", f.rate(), "> 0");
    csv.add("long-time", "loss-fit", s.longDepth(), s.longIterations(), "r2", f.rSquared(), "");
    csv.add(
        "long-time", "max-gap", s.longDepth(), s.longIterations(), "max_gap", r.maxGap(), "O(1/L)");
    double[] loss = RunData.series(run.get()).loss();
    MarionReport.figure(
        doc,
        out,
        MarionCharts.loss(loss, f, "training loss, L = " + s.longDepth()),
        "fig2-loss",
        "Fig. 2: the loss on a log scale with its fitted exponential decay (dashed).");
    List<double[]> entries = RunData.entries(run.get());
    MarionReport.figure(
        doc,
        out,
        MarionCharts.entries(entries, s.longDepth(), false, "one entry of W_k against k"),
        "fig2-w-entries",
        "Fig. 2: one random entry of W_k against the layer k at several iterations.");
    MarionReport.figure(
        doc,
        out,
        MarionCharts.entries(entries, s.longDepth(), true, "one entry of V_k against k"),
        "fig2-v-entries",
        "Fig. 2: one random entry of V_k against the layer k at several iterations.");
  }

  void agreement() throws IOException {
    int t = s.agreementIterations();
    doc.heading(2, "Depth agreement in the long-time setting");
    doc.paragraph(
        "The Fig. 2 run at depths L = "
            + s.agreementDepths()
            + " with rate 5L × 10⁻³, compared after "
            + t
            + " iterations. **Claim implied by the theory** (Thm. 4 and 6): the trained weights"
            + " approach one Lipschitz limit, so L · max_k ‖Z_{k+1} − Z_k‖_F and the loss agree"
            + " across L.");
    List<List<String>> rows = new ArrayList<>();
    List<Double> scaled = new ArrayList<>();
    for (int l : s.agreementDepths()) {
      Optional<Loaded> run =
          l == s.longDepth()
              ? longRun()
              : data.find(MarionGrid.longTime(s, l, s.agreementIterations()));
      if (run.isEmpty()) {
        rows.add(row(l, "not run", "", ""));
        continue;
      }
      RunData.Series series = RunData.series(run.get());
      double gap = l * series.gap()[t];
      scaled.add(gap);
      rows.add(row(l, l * 5e-3, gap, series.loss()[t]));
      csv.add("agreement", "scaled-gap", l, t, "L_max_gap", gap, "equal across L");
      csv.add("agreement", "loss", l, t, "loss", series.loss()[t], "equal across L");
    }
    doc.table(List.of("L", "rate", "L · max_k ‖ΔZ‖ at t", "loss at t"), rows);
    if (scaled.size() > 1) {
      double lo = Collections.min(scaled);
      double hi = Collections.max(scaled);
      doc.paragraph(
          String.format(
              Locale.ROOT,
              "L · max_k ‖ΔZ‖ ranges over %.4f..%.4f across L (ratio %.3f).",
              lo,
              hi,
              hi / lo));
    }
  }

  void activations() throws IOException {
    int t = s.activationIterations();
    doc.heading(2, "Activation and initialisation");
    doc.paragraph(
        "The Fig. 1 run (rate L × 10⁻²) for "
            + t
            + " iterations at L = "
            + s.activationDepths()
            + ", with W tied, i.i.d. or drawn from a Gaussian process in s = k/L (squared-exponential"
            + " kernel, length scale "
            + s.gpLengthScale()
            + "); V = 0. Smoothness metrics: max_k ‖Z_{k+1}(T) − Z_k(T)‖_F, and the same for the"
            + " change made by training, ΔZ_k = Z_k(T) − Z_k(0). **Paper's claim** (§4.3, §5.2,"
            + " App. 10): weights stay smooth (gaps O(1/L)) for a smooth σ from a smooth (tied or"
            + " GP) initialisation; an i.i.d. initialisation is not smooth, and with ReLU"
            + " smoothness can be lost (see the counter-example below).");
    List<String> header = new ArrayList<>(List.of("σ", "init"));
    for (int l : s.activationDepths()) {
      header.add("loss, L = " + l);
      header.add("max ‖ΔZ‖(T), L = " + l);
      header.add("training's gap, L = " + l);
    }
    header.add("slope of training's gap in L (" + s.activationDepths().size() + " depths)");
    List<List<String>> rows = new ArrayList<>();
    for (Sigma sigma : Sigma.values()) {
      for (WeightInit init : WeightInit.values()) {
        List<String> r = new ArrayList<>(List.of(sigma.id(), init.id()));
        List<double[]> pts = new ArrayList<>();
        for (int l : s.activationDepths()) {
          Optional<Loaded> run = data.find(MarionGrid.activation(s, sigma, init, l, t));
          if (run.isEmpty()) {
            r.addAll(List.of("not run", "", ""));
            continue;
          }
          CellResult c = run.get().result();
          r.add(fmt(c.finalLoss()));
          r.add(fmt(c.finalGap()));
          r.add(fmt(c.trainedGap()));
          pts.add(new double[] {l, c.trainedGap()});
          String label = sigma.id() + "-" + init.id();
          csv.add("activation-init", label, l, t, "final_loss", c.finalLoss(), "");
          csv.add("activation-init", label, l, t, "final_gap", c.finalGap(), "");
          csv.add("activation-init", label, l, t, "trained_gap", c.trainedGap(), "");
        }
        LogLogFit f = DepthSections.fit(pts.toArray(new double[0][]));
        r.add(f == null ? "n/a" : String.format(Locale.ROOT, "%.2f", f.slope()));
        rows.add(r);
      }
    }
    doc.table(header, rows);
  }

  /** The ReLU counter-example's max gap at its largest depth, or NaN. */
  double reluGap() {
    return data.relu().stream()
        .max((a, b) -> Integer.compare(a.cell().half(), b.cell().half()))
        .map(ReluResult::maxGap)
        .orElse(Double.NaN);
  }

  void relu() {
    doc.heading(2, "The ReLU counter-example (Appendix)");
    doc.paragraph(
        String.format(
            Locale.ROOT,
            "1-D, depth 2L, h_k = h_{k−1} + (1/2L) ReLU(w_k h_{k−1}), w_k(0) = (−1)^k/(2L), one"
                + " sample (x, Cx) with x = %.0f, C = %.0f, %d gradient steps of %.2f on the"
                + " depth-scaled flow. **Paper's claim**: the odd layers never move; the even ones"
                + " converge to w* with (1 + w*/2L)^L = C, so w* ≥ 2 log C = %.4f and successive"
                + " weights end Ω(1) apart: smoothness is lost.",
            MarionGrid.RELU_X,
            MarionGrid.RELU_C,
            MarionGrid.RELU_ITERATIONS,
            MarionGrid.RELU_RATE,
            2 * Math.log(MarionGrid.RELU_C)));
    List<List<String>> rows = new ArrayList<>();
    for (ReluResult r : data.relu()) {
      int l = r.cell().half();
      rows.add(row(l, r.wStar(), r.oddMaxChange(), r.evenMaxError(), r.maxGap(), r.finalLoss()));
      csv.add(
          "relu-counter-example",
          "odd-change",
          l,
          r.cell().iterations(),
          "max_change",
          r.oddMaxChange(),
          "0");
      csv.add(
          "relu-counter-example",
          "even-error",
          l,
          r.cell().iterations(),
          "max_error",
          r.evenMaxError(),
          "0");
      csv.add(
          "relu-counter-example",
          "gap",
          l,
          r.cell().iterations(),
          "max_gap",
          r.maxGap(),
          ">= 2 log C");
    }
    doc.table(
        List.of(
            "L",
            "w*",
            "odd layers: largest change",
            "even layers: largest distance to w*",
            "largest gap between neighbours",
            "final loss"),
        rows);
  }

  void setup() {
    doc.heading(2, "Setup and cost");
    doc.items(
        List.of(
            "Mode: " + s.mode() + "; seed " + s.seed() + " draws the data, then the weights.",
            "The perceptron runs in float64 (the image experiment in float32); each run is a"
                + " cell of `runs/`, resumable from checkpoints every "
                + s.checkpointEvery()
                + " iterations ("
                + s.images().checkpointEvery()
                + " for the image trainings).",
            String.format(
                Locale.ROOT,
                "This grid is %.2f million layer-iterations (depth × iterations summed over the"
                    + " perceptron cells); the full mode (the paper's sizes, reference depth 2¹⁴,"
                    + " 80 000 iterations for Fig. 2) is %.1f million.",
                MarionGrid.layerIterations(s) / 1e6,
                MarionGrid.layerIterations(MarionSettings.full()) / 1e6),
            cost(s),
            "One seed only."));
  }

  /**
   * The estimated CPU time of this grid and of the full one, from the per-cell model that orders
   * the grid ({@link MarionGrid#cpuSeconds}, whose unit costs were measured on the quick run).
   */
  private static String cost(MarionSettings s) {
    double[] here = MarionGrid.cpuByKind(s);
    double[] full = MarionGrid.cpuByKind(MarionSettings.full());
    return String.format(
        Locale.ROOT,
        "Cost, estimated from CPU time (user + sys measured with /usr/bin/time on a shared 2-core"
            + " machine, per cell from the thread's CPU time): this grid's perceptron cells about"
            + " %.0f CPU-seconds and its image cells about %.0f; run one cell per core (the default"
            + " without --jobs), that is about %.1f minutes of wall time on 2 idle cores, plus the"
            + " JVM's start, the report and, from a fresh clone, the jar's build (together about"
            + " 40 CPU-seconds). The full mode: about %.1f CPU-hours for the perceptron"
            + " cells and %.0f CPU-days for the image experiment's %d trainings (GPU work).",
        here[0],
        here[1],
        (here[0] + here[1]) / 2 / 60,
        full[0] / 3600,
        full[1] / 86400,
        MarionSettings.full().images().cells(0).size());
  }
}

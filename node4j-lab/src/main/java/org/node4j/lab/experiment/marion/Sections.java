package org.node4j.lab.experiment.marion;

import static org.node4j.lab.experiment.marion.MarionReport.fmt;
import static org.node4j.lab.experiment.marion.MarionReport.row;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.node4j.lab.analysis.LogLogFit;
import org.node4j.lab.experiment.ReportDoc;
import org.node4j.lab.experiment.marion.MarionCharts.Curve;
import org.node4j.lab.experiment.marion.MarionCharts.LogLinear;
import org.node4j.lab.experiment.marion.RunData.Loaded;
import org.node4j.nn.tensor.Tensor;

/** The report's sections: each measures from the run data, then writes its table and plots. */
final class Sections {
  private final MarionSettings s;
  private final RunData data;
  private final ReportDoc doc;
  private final MarionReport.ResultsCsv csv;
  private final Path out;

  Sections(MarionSettings s, RunData data, ReportDoc doc, MarionReport.ResultsCsv csv, Path out) {
    this.s = s;
    this.data = data;
    this.doc = doc;
    this.csv = csv;
    this.out = out;
  }

  private Optional<Loaded> depthRun(int depth) {
    return data.find(MarionGrid.largeDepth(s, depth, s.horizon()));
  }

  /** max_{k, t ≤ T} ‖ΔZ‖ per finished depth: {L, value} pairs. */
  private double[][] depthCurve(int horizon) throws IOException {
    List<double[]> pts = new ArrayList<>();
    for (int l : s.depths()) {
      Optional<Loaded> run = depthRun(l);
      if (run.isPresent()) {
        pts.add(new double[] {l, RunData.series(run.get()).maxGapUpTo(horizon)});
      }
    }
    return pts.toArray(new double[0][]);
  }

  /** The Fig. 1-left fit at T = horizon, or null with fewer than two depths. */
  LogLogFit depthFit(int horizon) throws IOException {
    return fit(depthCurve(horizon));
  }

  private static LogLogFit fit(double[][] pts) {
    List<double[]> positive = new ArrayList<>();
    for (double[] p : pts) {
      if (p[1] > 0) {
        positive.add(p);
      }
    }
    if (positive.size() < 2) {
      return null;
    }
    double[] x = positive.stream().mapToDouble(p -> p[0]).toArray();
    double[] y = positive.stream().mapToDouble(p -> p[1]).toArray();
    return LogLogFit.of(x, y);
  }

  private static double[] column(double[][] pts, int j) {
    double[] c = new double[pts.length];
    for (int i = 0; i < pts.length; i++) {
      c[i] = pts[i][j];
    }
    return c;
  }

  void largeDepth() throws IOException {
    doc.heading(2, "Large-depth limit (Fig. 1-left)");
    doc.paragraph(
        String.format(
            Locale.ROOT,
            "n = %d, d = %d, m = %d, GELU, weight-tied W, rate L × 10⁻², T = %d iterations,"
                + " depths L = %s. **Paper's claim** (§5.1, Prop. 3, Thm. 4): max over k and t ≤"
                + " T of ‖Z_{k+1}(t) − Z_k(t)‖_F is O(1/L), a log-log slope of −1, growing with T"
                + " much more slowly than the exponential bound.",
            MarionSettings.N1,
            MarionSettings.D,
            MarionSettings.M1,
            s.horizon(),
            s.depths()));
    List<double[][]> perT = new ArrayList<>();
    for (int t : s.horizons()) {
      perT.add(depthCurve(t));
    }
    sweep(new Sweep("large-depth", "max ‖ΔZ‖, T = ", s.horizons(), perT, "max_gap", "O(1/L)"));
    List<Curve> curves = curves("T = ", s.horizons(), perT);
    if (!curves.isEmpty()) {
      MarionReport.figure(
          doc,
          out,
          MarionCharts.logLog(
              "max over k, t ≤ T of ‖Z_{k+1} − Z_k‖_F against depth",
              "depth L",
              "max ‖Z_{k+1} − Z_k‖_F",
              curves,
              -1),
          "fig1-left-max-gap",
          "Fig. 1-left: the true maximum over layers and iterations t ≤ T, one line per T; dashed:"
              + " the claimed slope −1.");
    }
  }

  /**
   * Values against the depth at several times: one row per depth, one column per time, a last row
   * of fitted log-log slopes; every value and fit also goes to results.csv.
   */
  private record Sweep(
      String section,
      String column,
      List<Integer> times,
      List<double[][]> perTime,
      String metric,
      String claim) {}

  private void sweep(Sweep w) {
    List<String> header = new ArrayList<>(List.of("L"));
    List<String> fits = new ArrayList<>(List.of("fitted slope"));
    for (int j = 0; j < w.times().size(); j++) {
      int t = w.times().get(j);
      header.add(w.column() + t);
      LogLogFit f = fit(w.perTime().get(j));
      fits.add(f == null ? "n/a" : MarionCharts.describe(f, "L"));
      if (f != null) {
        csv.add(w.section(), "fit", 0, t, "slope", f.slope(), w.claim());
        csv.add(w.section(), "fit", 0, t, "r2", f.rSquared(), "");
      }
    }
    List<List<String>> rows = new ArrayList<>();
    double[][] first = w.perTime().get(0);
    for (int i = 0; i < first.length; i++) {
      int l = (int) first[i][0];
      List<String> r = new ArrayList<>(List.of(Integer.toString(l)));
      for (int j = 0; j < w.times().size(); j++) {
        double v = w.perTime().get(j)[i][1];
        r.add(fmt(v));
        csv.add(w.section(), w.metric(), l, w.times().get(j), w.metric(), v, w.claim());
      }
      rows.add(r);
    }
    rows.add(fits);
    doc.table(header, rows);
  }

  private static List<Curve> curves(String prefix, List<Integer> times, List<double[][]> perT) {
    List<Curve> curves = new ArrayList<>();
    for (int j = 0; j < times.size(); j++) {
      double[][] pts = perT.get(j);
      if (pts.length > 0) {
        curves.add(new Curve(prefix + times.get(j), column(pts, 0), column(pts, 1)));
      }
    }
    return curves;
  }

  private Optional<Loaded> reference() {
    return data.find(MarionGrid.largeDepth(s, s.referenceDepth(), s.horizon()));
  }

  /** {L, distance} at snapshot time t, for the depths that finished. */
  private double[][] limitCurve(int t) throws IOException {
    Optional<Loaded> ref = reference();
    if (ref.isEmpty()) {
      return new double[0][];
    }
    Map<String, Tensor> refSnap = RunData.snapshot(ref.get(), t);
    int stride = ref.get().result().cell().layerStride();
    List<double[]> pts = new ArrayList<>();
    for (int l : s.depths()) {
      Optional<Loaded> run = depthRun(l);
      if (run.isPresent()) {
        double d =
            DepthDistance.rms(
                RunData.snapshot(run.get(), t), l, refSnap, s.referenceDepth(), stride);
        pts.add(new double[] {l, d});
      }
    }
    return pts.toArray(new double[0][]);
  }

  /** Fig. 1-right's fit at the last snapshot time, or null. */
  LogLogFit limitFit() throws IOException {
    return fit(limitCurve(s.snapshots().get(s.snapshots().size() - 1)));
  }

  void limit() throws IOException {
    doc.heading(2, "Convergence to the limit (Fig. 1-right)");
    doc.paragraph(
        "Distance (∫₀¹ ‖Z^L(s, t) − Z(s, t)‖²_F ds)^{1/2} of the depth-L weights to a reference run"
            + " of depth "
            + s.referenceDepth()
            + " (the paper uses 2¹⁴), layer k of depth L matched with reference layer k·L_ref/L."
            + " **Paper's claim**: the distance decreases with L, more slowly for larger t (no"
            + " numbers given); Prop. 2 gives O(1/L) for weights Lipschitz in depth.");
    if (reference().isEmpty()) {
      doc.paragraph("The reference run did not finish: no distances.");
      return;
    }
    List<double[][]> perT = new ArrayList<>();
    for (int t : s.snapshots()) {
      perT.add(limitCurve(t));
    }
    sweep(new Sweep("limit", "distance, t = ", s.snapshots(), perT, "distance", "decreasing"));
    List<Curve> curves = curves("t = ", s.snapshots(), perT);
    if (!curves.isEmpty()) {
      MarionReport.figure(
          doc,
          out,
          MarionCharts.logLog(
              "distance to the depth-" + s.referenceDepth() + " weights",
              "depth L",
              "‖Z^L − Z^ref‖",
              curves,
              -1),
          "fig1-right-distance",
          "Fig. 1-right: distance of the depth-L weights to the reference depth at training time"
              + " t; dashed: slope −1 for comparison.");
    }
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
    header.add("slope of training's gap in L");
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
        LogLogFit f = fit(pts.toArray(new double[0][]));
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
            "odd layers: max |w_k(T) − w_k(0)|",
            "even layers: max |w_k − w*|",
            "max_k |w_{k+1} − w_k|",
            "final loss"),
        rows);
  }

  void setup() {
    doc.heading(2, "Setup and cost");
    doc.items(
        List.of(
            "Mode: " + s.mode() + "; seed " + s.seed() + " draws the data, then the weights.",
            "Float64 throughout; each run is a cell of `runs/`, resumable from checkpoints every "
                + s.checkpointEvery()
                + " iterations.",
            String.format(
                Locale.ROOT,
                "This grid is %.2f million layer-iterations (depth × iterations summed over the"
                    + " perceptron cells); at about 1 ms of CPU per layer-iteration (n·m = 3200,"
                    + " estimated from CPU time on a shared 2-core machine) that is about %.1f"
                    + " CPU-hours. The full mode (the paper's sizes, reference depth 2¹⁴, 80 000"
                    + " iterations for Fig. 2) is %.1f million: about %.0f CPU-hours.",
                MarionGrid.layerIterations(s) / 1e6,
                MarionGrid.layerIterations(s) * 1e-3 / 3600,
                MarionGrid.layerIterations(MarionSettings.full()) / 1e6,
                MarionGrid.layerIterations(MarionSettings.full()) * 1e-3 / 3600),
            "Not reproduced here: the image experiment (Table 1); one seed only."));
  }
}

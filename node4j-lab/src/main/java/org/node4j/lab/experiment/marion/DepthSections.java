package org.node4j.lab.experiment.marion;

import static org.node4j.lab.experiment.marion.MarionReport.fmt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.node4j.lab.analysis.LogLogFit;
import org.node4j.lab.experiment.ReportDoc;
import org.node4j.lab.experiment.marion.MarionCharts.Curve;
import org.node4j.lab.experiment.marion.RunData.Loaded;
import org.node4j.nn.tensor.Tensor;

/**
 * The report's Fig. 1 sections (Marion et al., ICLR 2024, §5.1): the largest jump between
 * successive layers against the depth, and the distance to a deep reference run; each measures from
 * the run data, then writes its table, plot and results.csv rows.
 */
final class DepthSections extends ReportSection {

  DepthSections(
      MarionSettings s, RunData data, ReportDoc doc, MarionReport.ResultsCsv csv, Path out) {
    super(s, data, doc, csv, out);
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

  static LogLogFit fit(double[][] pts) {
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
    return LogLogFit.fit(x, y);
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
}

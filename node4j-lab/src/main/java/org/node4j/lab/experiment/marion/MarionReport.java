package org.node4j.lab.experiment.marion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.node4j.lab.analysis.LogLogFit;
import org.node4j.lab.experiment.Charts;
import org.node4j.lab.experiment.ReportDoc;
import org.node4j.nn.io.AtomicFiles;

/**
 * Builds {@code report.md}, {@code report.html}, {@code results.csv} and the plots from the run
 * directories alone, stating Marion et al.'s claim (ICLR 2024) next to every measured figure.
 * Sections missing cells (failed or not run) say so instead of guessing.
 */
public final class MarionReport {
  private final MarionSettings settings;
  private final Path out;
  private final ReportDoc doc = new ReportDoc();
  private final ResultsCsv csv = new ResultsCsv();

  /**
   * The report's headline figures, also rows of results.csv.
   *
   * @param depthSlope Fig. 1-left's fitted slope of max ‖Z_{k+1} − Z_k‖_F against L at T (NaN when
   *     missing)
   * @param depthR2 its R²
   * @param limitSlope Fig. 1-right's fitted slope at the last snapshot time (NaN when missing)
   * @param lossRate the long run's fitted exponential rate of the loss (NaN when missing)
   * @param reluGap the ReLU counter-example's max gap at its largest depth (NaN when missing)
   */
  public record Headline(
      double depthSlope, double depthR2, double limitSlope, double lossRate, double reluGap) {}

  /** A report of the runs under {@code out/runs}. */
  public MarionReport(MarionSettings settings, Path out) {
    this.settings = settings;
    this.out = out;
  }

  /** Writes every file and returns the headline. */
  public Headline write() throws IOException {
    RunData data = new RunData(out.resolve("runs"), MarionGrid.cells(settings));
    doc.heading(1, "Implicit regularization of deep residual networks towards neural ODEs");
    doc.paragraph(
        "Marion, Wu, Sander and Biau (ICLR 2024), reproduced by `node4j experiment"
            + " implicit-regularization` in "
            + settings.mode()
            + " mode (seed "
            + settings.seed()
            + "). The residual perceptron h_{k+1} = h_k + (1/L) V_k σ(W_k h_k) is trained by"
            + " full-batch gradient descent on the mean squared error in float64, with A and B"
            + " fixed to the identity, V = 0 and W ~ N(0, 1) at the start, and no 1/√m, 1/√q"
            + " factors (as in the authors' code). ‖Z_{k+1} − Z_k‖_F means ‖V_{k+1} − V_k‖_F +"
            + " ‖W_{k+1} − W_k‖_F, and max ‖ΔZ‖ is the true maximum over k (and over t ≤ T where"
            + " stated), not the authors' script's aggregate.");
    DepthSections s = new DepthSections(settings, data, doc, csv, out);
    TrainingSections r = new TrainingSections(settings, data, doc, csv, out);
    LogLogFit depth = s.depthFit(settings.horizon());
    LogLogFit limit = s.limitFit();
    MarionCharts.LogLinear loss = r.lossFit();
    double relu = r.reluGap();
    Headline h =
        new Headline(
            depth == null ? Double.NaN : depth.slope(),
            depth == null ? Double.NaN : depth.rSquared(),
            limit == null ? Double.NaN : limit.slope(),
            loss == null ? Double.NaN : loss.rate(),
            relu);
    doc.paragraph(headline(h));
    s.largeDepth();
    s.limit();
    r.longTime();
    r.agreement();
    r.activations();
    r.relu();
    new ImageSection(settings, data, doc, csv, out).write();
    r.setup();
    csv.add("headline", "depth-slope", 0, settings.horizon(), "slope", h.depthSlope(), "-1");
    csv.add("headline", "depth-slope", 0, settings.horizon(), "r2", h.depthR2(), "");
    csv.add("headline", "loss-rate", settings.longDepth(), 0, "rate", h.lossRate(), "> 0");
    AtomicFiles.writeString(out.resolve("report.md"), doc.markdown());
    AtomicFiles.writeString(
        out.resolve("report.html"), doc.html("Implicit regularization (Marion et al. 2024)"));
    AtomicFiles.writeString(out.resolve("results.csv"), csv.text());
    return h;
  }

  /** The headline sentence of the report (Markdown bold kept). */
  public static String headline(Headline h) {
    if (Double.isNaN(h.depthSlope())) {
      return "**Headline.** The large-depth runs did not finish; no slope is reported.";
    }
    return String.format(
        Locale.ROOT,
        "**Headline.** max over k and t ≤ T of ‖Z_{k+1}(t) − Z_k(t)‖_F falls with the depth L at a"
            + " fitted log-log slope of %.2f (R² = %.3f); the paper claims 1/L, slope −1 (Fig. 1)."
            + " The distance to the reference depth falls at slope %.2f. The long run's loss"
            + " decays at a fitted exponential rate of %.3g per iteration; in the ReLU"
            + " counter-example successive weights end %.3f apart at the largest depth.",
        h.depthSlope(),
        h.depthR2(),
        h.limitSlope(),
        h.lossRate(),
        h.reluGap());
  }

  /** The long-format results table. */
  static final class ResultsCsv {
    private final StringBuilder sb =
        new StringBuilder("section,label,depth,iterations,metric,value,paper_claim\n");

    void add(
        String section,
        String label,
        int depth,
        int iterations,
        String metric,
        double value,
        String claim) {
      sb.append(section)
          .append(',')
          .append(label)
          .append(',')
          .append(depth)
          .append(',')
          .append(iterations)
          .append(',')
          .append(metric)
          .append(',')
          .append(PerceptronCellRunner.num(value))
          .append(',')
          .append(claim)
          .append('\n');
    }

    String text() {
      return sb.toString();
    }
  }

  /** Saves a chart as PNG and SVG and puts it in the document. */
  static void figure(ReportDoc doc, Path out, org.knowm.xchart.XYChart c, String name, String cap)
      throws IOException {
    Charts.save(c, out, name);
    doc.image(name + ".png", cap);
  }

  static List<String> row(Object... cells) {
    List<String> r = new ArrayList<>();
    for (Object c : cells) {
      r.add(c instanceof Double d ? fmt(d) : String.valueOf(c));
    }
    return r;
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return String.format(
        Locale.ROOT, Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? "%.4f" : "%.3e", v);
  }
}

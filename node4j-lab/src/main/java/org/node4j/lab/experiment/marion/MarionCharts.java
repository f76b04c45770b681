package org.node4j.lab.experiment.marion;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.node4j.lab.analysis.LogLogFit;
import org.node4j.lab.experiment.Charts;

/** The experiment's plots, in the common style of {@link Charts}. */
final class MarionCharts {
  private static final BasicStroke DASHED =
      new BasicStroke(
          1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0);

  private MarionCharts() {}

  /** A named curve y(x). */
  record Curve(String name, double[] x, double[] y) {}

  /**
   * A log-log plot of {@code curves} with the reference slope drawn as a dashed line through the
   * last curve's first point.
   */
  static XYChart logLog(
      String title, String xLabel, String yLabel, List<Curve> curves, double refSlope) {
    XYChart c = Charts.chart(title, xLabel, yLabel);
    c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    for (int i = 0; i < curves.size(); i++) {
      Curve cv = curves.get(i);
      XYSeries s = c.addSeries(cv.name(), cv.x(), cv.y());
      Color col = Charts.ramp(i, curves.size());
      s.setLineColor(col);
      s.setMarkerColor(col);
      s.setMarker(SeriesMarkers.CIRCLE);
    }
    Curve last = curves.get(curves.size() - 1);
    double x0 = last.x()[0];
    double x1 = last.x()[last.x().length - 1];
    double y0 = last.y()[0];
    XYSeries ref =
        c.addSeries(
            "slope " + refSlope + " (claim)",
            new double[] {x0, x1},
            new double[] {y0, y0 * Math.pow(x1 / x0, refSlope)});
    ref.setLineColor(Color.BLACK);
    ref.setLineStyle(DASHED);
    ref.setMarker(SeriesMarkers.NONE);
    return c;
  }

  /** The loss on a log scale, with the fitted exponential decay over its fit range. */
  static XYChart loss(double[] loss, LogLinear fit, String title) {
    XYChart c = Charts.chart(title, "iteration t", "training loss (log scale)");
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    int stride = Math.max(1, loss.length / 2000);
    int n = (loss.length + stride - 1) / stride;
    double[] t = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = i * stride;
      y[i] = loss[i * stride];
    }
    XYSeries s = c.addSeries("loss", t, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(new Color(0x1f77b4));
    XYSeries f =
        c.addSeries(
            String.format(java.util.Locale.ROOT, "fit: rate %.3g per iteration", fit.rate()),
            new double[] {fit.from(), fit.to()},
            new double[] {fit.at(fit.from()), fit.at(fit.to())});
    f.setLineColor(Color.BLACK);
    f.setLineStyle(DASHED);
    f.setMarker(SeriesMarkers.NONE);
    return c;
  }

  /** One weight entry against the layer index k, one line per recorded iteration (Fig. 2). */
  static XYChart entries(List<double[]> rows, int depth, boolean v, String title) {
    XYChart c = Charts.chart(title, "layer k", v ? "entry of V_k" : "entry of W_k");
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    double[] k = new double[depth];
    for (int i = 0; i < depth; i++) {
      k[i] = i;
    }
    int lines = Math.min(8, rows.size());
    for (int j = 0; j < lines; j++) {
      double[] row = rows.get(lines == 1 ? 0 : j * (rows.size() - 1) / (lines - 1));
      double[] y = new double[depth];
      System.arraycopy(row, 1 + (v ? depth : 0), y, 0, depth);
      XYSeries s = c.addSeries("t = " + (int) row[0], k, y);
      Color col = Charts.ramp(j, lines);
      s.setLineColor(col);
      s.setMarker(SeriesMarkers.NONE);
    }
    return c;
  }

  /** An exponential fit ln loss ≈ a − rate·t over [from, to]. */
  record LogLinear(double rate, double intercept, double rSquared, int from, int to) {
    double at(double t) {
      return Math.exp(intercept - rate * t);
    }

    static LogLinear fit(double[] loss, int from, int to) {
      double[] t = new double[to - from + 1];
      double[] y = new double[t.length];
      for (int i = 0; i < t.length; i++) {
        t[i] = from + i;
        y[i] = Math.log(loss[from + i]);
      }
      org.node4j.lab.analysis.LineFit f = org.node4j.lab.analysis.LineFit.of(t, y);
      return new LogLinear(-f.slope(), f.intercept(), f.rSquared(), from, to);
    }
  }

  /** A label such as "−0.99 (L = 2..64, R² = 0.998)". */
  static String describe(LogLogFit f, String variable) {
    return String.format(
        java.util.Locale.ROOT,
        "%.2f (%s = %.0f..%.0f, R² = %.3f)",
        f.slope(),
        variable,
        f.xMin(),
        f.xMax(),
        f.rSquared());
  }
}

package org.node4j.lab.experiment.sander;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.node4j.lab.analysis.LogLogFit;
import org.node4j.lab.experiment.Charts;

/** The experiment's charts: measured series on log-log axes with dashed reference slopes. */
final class SeriesPlots {
  /** Series with more points than this are drawn without markers. */
  static final int MARKED_POINTS = 40;

  private SeriesPlots() {}

  /** A measured series: x and y values. */
  record Series(double[] x, double[] y) {}

  /**
   * A reference slope: a dashed line C x^slope over the range of {@code through}, drawn through its
   * last (most asymptotic) point.
   */
  record Reference(String label, double slope, Series through) {}

  /** Draws {@code series} and {@code references}; log x and log y when {@code logY}. */
  static XYChart chart(
      String title,
      String xLabel,
      String yLabel,
      Map<String, Series> series,
      List<Reference> references,
      boolean logX,
      boolean logY) {
    XYChart c = Charts.chart(title, xLabel, yLabel);
    c.getStyler().setXAxisLogarithmic(logX);
    c.getStyler().setYAxisLogarithmic(logY);
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    int i = 0;
    for (Map.Entry<String, Series> e : series.entrySet()) {
      if (e.getValue().x().length == 0) {
        continue;
      }
      XYSeries s = c.addSeries(e.getKey(), e.getValue().x(), e.getValue().y());
      Color col = Charts.SOLVER_COLOURS[i++ % Charts.SOLVER_COLOURS.length];
      s.setLineColor(col);
      s.setMarkerColor(col);
      s.setMarker(
          e.getValue().x().length > MARKED_POINTS ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }
    int j = 0;
    for (Reference r : references) {
      double[] x = r.through().x();
      if (x.length < 2) {
        continue;
      }
      double x0 = x[0];
      double x1 = x[x.length - 1];
      double y1 = r.through().y()[x.length - 1];
      XYSeries s =
          c.addSeries(
              r.label(),
              new double[] {x0, x1},
              new double[] {y1 * Math.pow(x0 / x1, r.slope()), y1});
      s.setLineColor(j == 0 ? Color.GRAY : Color.BLACK);
      s.setMarker(SeriesMarkers.NONE);
      float[] dash = j++ == 0 ? new float[] {6, 4} : new float[] {2, 3};
      s.setLineStyle(
          new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, dash, 0));
    }
    return c;
  }

  /** Saves as PNG and SVG under {@code dir/name}. */
  static void save(XYChart c, Path dir, String name) throws IOException {
    Charts.save(c, dir, name);
  }

  /** The fit of {@code s} from {@code from} on, or null when fewer than two points remain. */
  static LogLogFit fit(Series s, double from) {
    int n = 0;
    for (double x : s.x()) {
      if (x >= from) {
        n++;
      }
    }
    return n < 2 ? null : LogLogFit.fit(s.x(), s.y(), from, Double.POSITIVE_INFINITY);
  }
}

package org.node4j.lab.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.node4j.nn.io.AtomicFiles;

/**
 * The experiment's plots as XChart charts, saved as PNG and SVG: accuracy against the number of
 * test steps (Ott et al.'s Fig. 1c/d and Fig. 4), trajectories in phase space (Fig. 1a/b), decision
 * regions of the head (Fig. 2) and the step count under step adaptation (Fig. 5). Step counts go on
 * a log2 axis: x = log2 K, labelled K.
 */
public final class Charts {
  static final int WIDTH = 640;
  static final int HEIGHT = 440;
  public static final Color[] SOLVER_COLOURS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)
  };
  static final Color[] LABEL_COLOURS = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c)
  };
  static final Color[] REGION_COLOURS = {
    new Color(0xc6dbef), new Color(0xfdd0a2), new Color(0xc7e9c0)
  };

  private Charts() {}

  /** A chart with the common style. */
  public static XYChart chart(String title, String xLabel, String yLabel) {
    XYChart c =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xLabel)
            .yAxisTitle(yLabel)
            .build();
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setPlotGridLinesVisible(true);
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    c.getStyler().setChartTitleFont(c.getStyler().getChartTitleFont().deriveFont(13f));
    return c;
  }

  /** Labels the x axis, which holds log2 K, with K at integer positions. */
  public static void log2Axis(XYChart c) {
    c.getStyler()
        .setxAxisTickLabelsFormattingFunction(
            v -> Math.abs(v - Math.rint(v)) < 1e-9 ? Long.toString(1L << (int) Math.rint(v)) : "");
  }

  /** Accuracy against K_test for each test solver, for one K_train (Fig. 1c/d, Fig. 4). */
  static XYChart accuracyVsTestSteps(ResultsTable t, int trainSteps, String dataset) {
    XYChart c =
        chart(
            dataset + ": trained with Euler, K_train = " + trainSteps,
            "number of test steps K_test (log2 scale)",
            "test accuracy (true)");
    log2Axis(c);
    c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    int i = 0;
    for (String solver : t.testSolvers()) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int k : t.testSteps()) {
        OptionalDouble m = t.mean(trainSteps, solver, k);
        if (m.isPresent()) {
          xs.add(log2(k));
          ys.add(m.getAsDouble());
        }
      }
      XYSeries s = c.addSeries("test " + solver, xs, ys);
      s.setLineColor(SOLVER_COLOURS[i % SOLVER_COLOURS.length]);
      s.setMarkerColor(SOLVER_COLOURS[i++ % SOLVER_COLOURS.length]);
      s.setMarker(SeriesMarkers.CIRCLE);
    }
    XYSeries train =
        c.addSeries(
            "training solver",
            new double[] {log2(trainSteps)},
            new double[] {t.meanTrainAccuracy(trainSteps)});
    train.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    train.setMarker(SeriesMarkers.DIAMOND);
    train.setMarkerColor(Color.BLACK);
    return c;
  }

  /** Accuracy against K_test with one test solver, one line per K_train (Fig. 4 overview). */
  static XYChart overview(ResultsTable t, String solver, String dataset) {
    XYChart c =
        chart(
            dataset + ": every K_train tested with " + solver,
            "number of test steps K_test (log2 scale)",
            "test accuracy (true)");
    log2Axis(c);
    c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    List<Integer> ks = t.trainSteps();
    for (int j = 0; j < ks.size(); j++) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int k : t.testSteps()) {
        OptionalDouble m = t.mean(ks.get(j), solver, k);
        if (m.isPresent()) {
          xs.add(log2(k));
          ys.add(m.getAsDouble());
        }
      }
      XYSeries s = c.addSeries("K_train " + ks.get(j), xs, ys);
      Color col = ramp(j, ks.size());
      s.setLineColor(col);
      s.setMarkerColor(col);
      s.setMarker(SeriesMarkers.CIRCLE);
    }
    return c;
  }

  /** A colour from red (first) to blue (last). */
  public static Color ramp(int j, int n) {
    float f = n <= 1 ? 1f : (float) j / (n - 1);
    return new Color(
        Math.round(214 * (1 - f) + 31 * f),
        Math.round(39 * (1 - f) + 119 * f),
        Math.round(40 * (1 - f) + 180 * f));
  }

  /** Returns log2 k. */
  public static double log2(int k) {
    return Math.log(k) / Math.log(2);
  }

  /** A thin line series without markers. */
  static XYSeries line(XYChart c, String name, double[] xs, double[] ys, Color colour) {
    XYSeries s = c.addSeries(name, xs, ys);
    s.setLineColor(colour);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineStyle(new BasicStroke(0.8f));
    s.setShowInLegend(false);
    return s;
  }

  /** Writes {@code chart} as {@code dir/name.png} and {@code dir/name.svg}, atomically. */
  public static List<Path> save(XYChart chart, Path dir, String name) throws IOException {
    Path png = dir.resolve(name + ".png");
    Path svg = dir.resolve(name + ".svg");
    AtomicFiles.write(
        png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    AtomicFiles.write(
        svg,
        out ->
            VectorGraphicsEncoder.saveVectorGraphic(
                chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
    return List.of(png, svg);
  }
}

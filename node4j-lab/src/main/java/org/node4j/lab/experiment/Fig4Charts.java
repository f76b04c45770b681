package org.node4j.lab.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The plots of Ott et al.'s Fig. 4 (ICLR 2021, §2.4): test accuracy against the test solver's
 * discretisation, one line per training configuration, for one training solver and one test solver.
 * Fixed-step tests go on a log2 axis of K_test, adaptive ones on a log10 axis of tol_test; error
 * bars are the standard deviation over seeds. Also the tolerance over training under tolerance
 * adaptation (the adaptive counterpart of Fig. 5).
 */
final class Fig4Charts {
  private Fig4Charts() {}

  /** Accuracy against K_test or tol_test with {@code testSolver}, one line per configuration. */
  static XYChart accuracy(FactorTable t, String trainSolver, String testSolver, String dataset) {
    List<String> trainings = t.trainings(trainSolver);
    boolean fixed = t.runs(trainings.get(0)).get(0).trainSteps() != null;
    XYChart c =
        Charts.chart(
            dataset + ": trained with " + trainSolver + ", tested with " + testSolver,
            fixed ? "number of test steps K_test (log2 scale)" : "test tolerance tol_test (log10)",
            "test accuracy (true)");
    if (fixed) {
      Charts.log2Axis(c);
    } else {
      c.getStyler()
          .setxAxisTickLabelsFormattingFunction(
              v ->
                  Math.abs(v - Math.rint(v)) < 1e-9
                      ? String.format(Locale.ROOT, "1e%d", (long) Math.rint(v))
                      : "");
    }
    c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    for (int j = 0; j < trainings.size(); j++) {
      String training = trainings.get(j);
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      List<Double> es = new ArrayList<>();
      for (double f : t.factors(training)) {
        OptionalDouble y = t.mean(training, testSolver, f, FactorRow::accuracy);
        if (y.isPresent()) {
          xs.add(t.mean(training, testSolver, f, FactorRow::logDiscretisation).getAsDouble());
          ys.add(y.getAsDouble());
          es.add(t.std(training, testSolver, f));
        }
      }
      if (xs.isEmpty()) {
        continue;
      }
      XYSeries s =
          c.addSeries(
              training.substring(trainSolver.length() + 2),
              xs.stream().mapToDouble(d -> d).toArray(),
              ys.stream().mapToDouble(d -> d).toArray(),
              es.stream().mapToDouble(d -> d).toArray());
      Color col = training.endsWith("adaptation") ? Color.BLACK : Charts.ramp(j, trainings.size());
      s.setLineColor(col);
      s.setMarkerColor(col);
      s.setMarker(SeriesMarkers.CIRCLE);
      if (training.endsWith("adaptation")) {
        s.setLineStyle(
            new BasicStroke(
                2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
      }
    }
    return c;
  }

  /** The training tolerance (log10) over iterations, one line per tolerance-adaptation run. */
  static XYChart toleranceHistory(Map<String, List<Double>> histories) {
    XYChart c =
        Charts.chart(
            "Tolerance adaptation: training tolerance per iteration",
            "iteration",
            "log10 tol_train");
    int j = 0;
    for (Map.Entry<String, List<Double>> e : histories.entrySet()) {
      List<Double> tol = e.getValue();
      double[] xs = new double[tol.size()];
      double[] ys = new double[xs.length];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = i + 1;
        ys[i] = Math.log10(tol.get(i));
      }
      XYSeries s = c.addSeries(e.getKey(), xs, ys);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(Charts.SOLVER_COLOURS[j++ % Charts.SOLVER_COLOURS.length]);
    }
    return c;
  }
}

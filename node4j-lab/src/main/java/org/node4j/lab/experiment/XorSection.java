package org.node4j.lab.experiment;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.node4j.lab.data.Dataset;
import org.node4j.lab.models.OdeClassifierModel;

/**
 * For {@code --dataset xor}: Ott et al.'s Fig. 3 ("Lady Windermere's fan", ICLR 2021, §2.2) and the
 * separability of the trained models' ODE outputs. The plots show the four XOR points moved by the
 * fixed ODE of {@link LadyWindermere} under Euler at the paper's two step sizes, with whether their
 * end points are linearly separable; the table says, for each drawn model, whether the ODE outputs
 * of the test points are linearly separable with its training step and with the finest test step.
 */
final class XorSection implements ReportSection {
  private final List<String[]> windermere = new ArrayList<>();
  private final List<List<String>> models = new ArrayList<>();
  private final int finest;

  /**
   * Measures the fixed ODE and every drawn model.
   *
   * @param drawn the models by K_train (2-D state)
   * @param test the test set
   * @param finest the largest K_test
   */
  XorSection(Map<Integer, OdeClassifierModel> drawn, Dataset test, int finest) {
    this.finest = finest;
    for (double h : LadyWindermere.PAPER_STEPS) {
      double[][] ends = LadyWindermere.CHOSEN.endPoints(h);
      windermere.add(
          new String[] {
            exponent(h),
            Integer.toString((int) Math.ceil(LadyWindermere.CHOSEN.t1() / h - 1e-9)),
            LadyWindermere.separable(ends, LadyWindermere.LABELS) ? "yes" : "no",
            points(ends)
          });
    }
    int n = Math.min(ExperimentPlots.POINTS, test.size());
    for (Map.Entry<Integer, OdeClassifierModel> e : drawn.entrySet()) {
      int k = e.getKey();
      models.add(
          List.of(
              Integer.toString(k),
              yesNo(PhaseSpace.endPointsSeparable(e.getValue(), test, n, k)),
              yesNo(PhaseSpace.endPointsSeparable(e.getValue(), test, n, finest))));
    }
  }

  /** Draws the fixed ODE's Euler trajectories at each of the paper's step sizes. */
  List<Path> plots(ExperimentPlots plots) throws IOException {
    List<Path> files = new ArrayList<>();
    String[] names = {"lady-windermere-coarse", "lady-windermere-fine"};
    for (int i = 0; i < LadyWindermere.PAPER_STEPS.size(); i++) {
      double h = LadyWindermere.PAPER_STEPS.get(i);
      files.addAll(
          plots.save(
              chart(h),
              names[i],
              "Lady Windermere's fan: the XOR points under the fixed ODE, Euler with h = "
                  + exponent(h)
                  + "; end points "
                  + (windermere.get(i)[2].equals("yes") ? "" : "not ")
                  + "linearly separable (Fig. 3"
                  + (i == 0 ? "a" : "b")
                  + ")"));
    }
    return files;
  }

  private static XYChart chart(double h) {
    LadyWindermere lw = LadyWindermere.CHOSEN;
    double[][][] paths = lw.euler(h);
    double[][] ends = lw.endPoints(h);
    boolean sep = LadyWindermere.separable(ends, LadyWindermere.LABELS);
    XYChart c =
        Charts.chart(
            "Lady Windermere's fan, Euler h = "
                + exponent(h)
                + ": end points "
                + (sep ? "linearly separable" : "not linearly separable"),
            "z_1",
            "z_2");
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    for (int i = 0; i < paths.length; i++) {
      double[] xs = new double[paths[i].length];
      double[] ys = new double[xs.length];
      for (int j = 0; j < xs.length; j++) {
        xs[j] = paths[i][j][0];
        ys[j] = paths[i][j][1];
      }
      Charts.line(c, "trajectory " + i, xs, ys, Charts.LABEL_COLOURS[LadyWindermere.LABELS[i]]);
    }
    for (int label = 0; label < 2; label++) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i = 0; i < ends.length; i++) {
        if (LadyWindermere.LABELS[i] == label) {
          xs.add(ends[i][0]);
          ys.add(ends[i][1]);
        }
      }
      XYSeries s = c.addSeries("z(T), label " + label, xs, ys);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(label == 0 ? Charts.LABEL_COLOURS[0] : Charts.LABEL_COLOURS[1]);
    }
    c.getStyler().setMarkerSize(9);
    c.getStyler().setPlotBackgroundColor(Color.WHITE);
    return c;
  }

  @Override
  public void write(ReportDoc doc) {
    LadyWindermere lw = LadyWindermere.CHOSEN;
    doc.heading(2, "Lady Windermere's fan and XOR separability (Fig. 3)");
    doc.paragraph(
        ReportWriter.fmt(
            "The four XOR points under the fixed ODE z' = [[alpha, 1], [-gamma |z|^delta, beta]] z"
                + " (Ott et al. §2.2), solved by Euler in float64 over [0, %s], with alpha = %s,"
                + " beta = %s, gamma = %s, delta = %s. The paper does not give these constants in"
                + " its main text; these were found by a search over a small grid for constants"
                + " under which its outcome shows (separable at h = 10^-2.5, not at 10^-3.5), so"
                + " this illustrates the mechanism rather than measuring the paper's setting. The"
                + " plots `plots/lady-windermere-coarse.png` and `plots/lady-windermere-fine.png`"
                + " draw the trajectories, next to the trained models' trajectory plots.",
            lw.t1(), lw.alpha(), lw.beta(), lw.gamma(), lw.delta()));
    List<List<String>> rows = new ArrayList<>();
    windermere.forEach(r -> rows.add(List.of(r)));
    doc.table(List.of("h", "Euler steps", "end points linearly separable", "end points"), rows);
    if (!models.isEmpty()) {
      doc.paragraph(
          ReportWriter.fmt(
              "Trained models (lowest seed): are the ODE outputs z(1) of the test points linearly"
                  + " separable by label (exactly, over every direction), with Euler at K_train"
                  + " steps and at %d steps? The head is linear, so a model can only classify"
                  + " well where they are.",
              finest));
      doc.table(
          List.of("K_train", "separable at K_train steps", "separable at " + finest + " steps"),
          models);
    }
  }

  private static String exponent(double h) {
    return String.format(Locale.ROOT, "10^%.1f", Math.log10(h));
  }

  private static String yesNo(boolean b) {
    return b ? "yes" : "no";
  }

  private static String points(double[][] p) {
    List<String> out = new ArrayList<>();
    for (double[] x : p) {
      out.add(String.format(Locale.ROOT, "(%.3f, %.3f)", x[0], x[1]));
    }
    return String.join(" ", out);
  }
}

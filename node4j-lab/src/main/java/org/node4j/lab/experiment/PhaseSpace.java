package org.node4j.lab.experiment;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.node4j.lab.data.Dataset;
import org.node4j.lab.models.OdeClassifierModel;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.SaveAt;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;

/**
 * The plots in the ODE's own state space, for 2-D data (Sphere2: the state is [1, 2], so it is
 * drawn directly): trajectories coloured by label (Ott et al.'s Fig. 1a/b, where crossing
 * trajectories betray a non-ODE) and the head's decision regions over the ODE output plane with the
 * outputs of the test points (Fig. 2).
 */
final class PhaseSpace {
  private static final int GRID = 90;

  private PhaseSpace() {}

  /** Returns whether {@code data} has [1, 2] samples, whose ODE state can be drawn directly. */
  static boolean drawable(Dataset data) {
    int[] s = data.sampleShape();
    return s.length == 2 && s[0] == 1 && s[1] == 2;
  }

  /** Index of the i-th of n samples spread evenly over the data (which may be sorted by class). */
  private static int pick(Dataset data, int i, int n) {
    return (int) ((long) i * data.size() / n);
  }

  /** {@code n} samples spread over the data as a [n, 1, 2] tensor of the model's dtype. */
  private static Tensor points(OdeClassifierModel m, Dataset data, int n) {
    Tensor x = Tensor.zeros(m.dtype(), n, 1, 2);
    double[] row = new double[2];
    for (int i = 0; i < n; i++) {
      data.copySample(pick(data, i, n), row, 0);
      x.set(2 * i, row[0]);
      x.set(2 * i + 1, row[1]);
    }
    return x;
  }

  /**
   * Returns the fraction of pairs of {@code n} test points whose trajectories under {@code solver}
   * at {@code steps} steps cross ({@link Crossings}).
   */
  static double crossingFraction(
      OdeClassifierModel m, Dataset data, int n, String solver, int steps) {
    double[][][] xy = paths(m, data, n, SolveSetup.steps(Solvers.byName(solver), steps));
    return Crossings.fraction(xy[0], xy[1]);
  }

  /**
   * The trajectories of {@code n} test points: [0][i][j] and [1][i][j] are the coordinates of point
   * i after step j.
   */
  private static double[][][] paths(OdeClassifierModel m, Dataset data, int n, SolveSetup setup) {
    int count = Math.min(n, data.size());
    List<Tensor> states =
        m.classifier().trajectory(points(m, data, count), setup, SaveAt.steps()).states();
    double[][][] xy = new double[2][count][states.size()];
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < states.size(); j++) {
        xy[0][i][j] = states.get(j).get(2 * i);
        xy[1][i][j] = states.get(j).get(2 * i + 1);
      }
    }
    return xy;
  }

  /**
   * Returns whether the ODE outputs z(1) of {@code n} test points, solved by Euler with {@code
   * steps} steps, are linearly separable by label ({@link LadyWindermere#separable}; two classes).
   */
  static boolean endPointsSeparable(OdeClassifierModel m, Dataset data, int n, int steps) {
    double[][][] xy = paths(m, data, n, SolveSetup.steps(Solvers.euler(), steps));
    int count = xy[0].length;
    double[][] ends = new double[count][];
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      int last = xy[0][i].length - 1;
      ends[i] = new double[] {xy[0][i][last], xy[1][i][last]};
      labels[i] = data.label(pick(data, i, count));
    }
    return LadyWindermere.separable(ends, labels);
  }

  /** Euler trajectories of {@code n} test points with {@code steps} steps (Fig. 1a/b). */
  static XYChart trajectories(
      OdeClassifierModel m, Dataset data, int n, int steps, int trainSteps) {
    int count = Math.min(n, data.size());
    double[][][] xy = paths(m, data, n, SolveSetup.steps(Solvers.euler(), steps));
    XYChart c =
        Charts.chart(
            String.format(
                Locale.ROOT,
                "K_train = %d model, Euler trajectories with %d step%s",
                trainSteps,
                steps,
                steps == 1 ? "" : "s"),
            "z_1",
            "z_2");
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    List<List<double[]>> ends = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double[] xs = xy[0][i];
      double[] ys = xy[1][i];
      int label = data.label(pick(data, i, count));
      Charts.line(c, "trajectory " + i, xs, ys, colour(Charts.LABEL_COLOURS, label));
      while (ends.size() <= label) {
        ends.add(new ArrayList<>());
      }
      ends.get(label).add(new double[] {xs[xs.length - 1], ys[ys.length - 1]});
    }
    for (int label = 0; label < ends.size(); label++) {
      scatter(c, "z(1), label " + label, ends.get(label), colour(Charts.LABEL_COLOURS, label), 5);
    }
    return c;
  }

  /**
   * The head's decision regions over the plane of ODE outputs, with the outputs of {@code n} test
   * points solved by Euler with {@code steps} steps (Fig. 2).
   */
  static XYChart decisionRegions(
      OdeClassifierModel m, Dataset data, int n, int steps, int trainSteps) {
    int count = Math.min(n, data.size());
    Tensor out =
        m.classifier()
            .trajectory(
                points(m, data, count), SolveSetup.steps(Solvers.euler(), steps), SaveAt.t1())
            .y();
    double[] box = bounds(out, count);
    Tensor grid = Tensor.zeros(m.dtype(), GRID * GRID, 1, 2);
    for (int i = 0; i < GRID; i++) {
      for (int j = 0; j < GRID; j++) {
        int r = i * GRID + j;
        grid.set(2 * r, box[0] + (box[1] - box[0]) * (j + 0.5) / GRID);
        grid.set(2 * r + 1, box[2] + (box[3] - box[2]) * (i + 0.5) / GRID);
      }
    }
    int[] regionOf = classify(m.classifier().head(), grid);
    int[] outputOf = classify(m.classifier().head(), out);
    int correct = 0;
    for (int i = 0; i < count; i++) {
      correct += outputOf[i] == data.label(pick(data, i, count)) ? 1 : 0;
    }
    XYChart c =
        Charts.chart(
            String.format(
                Locale.ROOT,
                "K_train = %d, h_test = 1/%d: ODE outputs, decision regions (acc %.2f)",
                trainSteps,
                steps,
                (double) correct / count),
            "z_1(1)",
            "z_2(1)");
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    List<List<double[]>> regions = byClass(grid, regionOf, regionOf.length);
    for (int k = 0; k < regions.size(); k++) {
      scatter(c, "region of class " + k, regions.get(k), colour(Charts.REGION_COLOURS, k), 6)
          .setMarker(SeriesMarkers.SQUARE);
    }
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = data.label(pick(data, i, count));
    }
    List<List<double[]>> points = byClass(out, labels, count);
    for (int k = 0; k < points.size(); k++) {
      scatter(c, "z(1), label " + k, points.get(k), colour(Charts.LABEL_COLOURS, k), 5);
    }
    return c;
  }

  private static int[] classify(Sequential head, Tensor z) {
    Tensor logits = head.forward(z, head.newCache(z.shape(), z.dtype()));
    int rows = logits.dim(0);
    int k = logits.dim(1);
    int[] cls = new int[rows];
    for (int r = 0; r < rows; r++) {
      for (int j = 1; j < k; j++) {
        if (logits.get(r * k + j) > logits.get(r * k + cls[r])) {
          cls[r] = j;
        }
      }
    }
    return cls;
  }

  private static List<List<double[]>> byClass(Tensor z, int[] cls, int count) {
    List<List<double[]>> groups = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      while (groups.size() <= cls[i]) {
        groups.add(new ArrayList<>());
      }
      groups.get(cls[i]).add(new double[] {z.get(2 * i), z.get(2 * i + 1)});
    }
    return groups;
  }

  /** Returns {xmin, xmax, ymin, ymax} of the points, widened by 15 %. */
  private static double[] bounds(Tensor z, int count) {
    double[] b = {
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
    };
    for (int i = 0; i < count; i++) {
      b[0] = Math.min(b[0], z.get(2 * i));
      b[1] = Math.max(b[1], z.get(2 * i));
      b[2] = Math.min(b[2], z.get(2 * i + 1));
      b[3] = Math.max(b[3], z.get(2 * i + 1));
    }
    double dx = Math.max(1e-3, b[1] - b[0]) * 0.15;
    double dy = Math.max(1e-3, b[3] - b[2]) * 0.15;
    return new double[] {b[0] - dx, b[1] + dx, b[2] - dy, b[3] + dy};
  }

  private static XYSeries scatter(
      XYChart c, String name, List<double[]> pts, Color colour, int size) {
    double[] xs = new double[Math.max(1, pts.size())];
    double[] ys = new double[xs.length];
    for (int i = 0; i < pts.size(); i++) {
      xs[i] = pts.get(i)[0];
      ys[i] = pts.get(i)[1];
    }
    if (pts.isEmpty()) {
      xs[0] = Double.NaN;
      ys[0] = Double.NaN;
    }
    XYSeries s = c.addSeries(name, xs, ys);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setMarkerColor(colour);
    c.getStyler().setMarkerSize(size);
    return s;
  }

  private static Color colour(Color[] palette, int k) {
    return palette[k % palette.length];
  }
}

package org.node4j.lab.experiment.sander;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.node4j.lab.experiment.Charts;
import org.node4j.lab.experiment.ReportDoc;
import org.node4j.nn.model.ResidualNetwork;

/**
 * Part 5 of the report, the image depth sweep (Sander et al., NeurIPS 2022, Fig. 3c / 4): test
 * error = 100 − best test accuracy against depth per (scheme, gradient method), mean and 25–75 %
 * quantiles over seeds, in a table and a log-log plot, next to the paper's qualitative claims.
 */
final class SweepSection {
  /**
   * Gaps (percentage points) below this, at every depth, are reported as no depth effect: with one
   * to four seeds on a subset, differences of a point are within seed-to-seed spread.
   */
  static final double NO_EFFECT = 1.0;

  /** The quantiles the table gives per cell group: min, 25 %, median, 75 %, max. */
  static final double[] BAND = {0, 0.25, 0.5, 0.75, 1};

  /** The depth-sweep table's columns: the group, its seed count, the mean, then {@link #BAND}. */
  static final List<String> TABLE_HEADER =
      List.of(
          "step rule", "gradient", "N", "seeds", "mean", "min", "25 %", "median", "75 %", "max");

  private SweepSection() {}

  /** One (scheme, gradient) series: depth -> test errors of its seeds. */
  record Series(String name, TreeMap<Integer, List<Double>> errors) {
    double mean(int depth) {
      return errors.get(depth).stream()
          .mapToDouble(Double::doubleValue)
          .average()
          .orElse(Double.NaN);
    }
  }

  /** The series of {@code r}, in the order ResNet/HeunNet × backprop/memory-free. */
  static Map<String, Series> series(SanderResults r) {
    Map<String, Series> m = new LinkedHashMap<>();
    for (ResidualNetwork.Scheme scheme : ResidualNetwork.Scheme.values()) {
      for (MemoryMethod g : List.of(MemoryMethod.BACKPROP, MemoryMethod.MEMORY_FREE)) {
        String name = name(scheme, g);
        TreeMap<Integer, List<Double>> errors = new TreeMap<>();
        for (var e : r.sweep()) {
          if (e.cell().scheme() == scheme && e.cell().gradient() == g) {
            errors
                .computeIfAbsent(e.cell().depth(), k -> new ArrayList<>())
                .add(e.result().testError());
          }
        }
        if (!errors.isEmpty()) {
          m.put(name, new Series(name, errors));
        }
      }
    }
    return m;
  }

  static String name(ResidualNetwork.Scheme scheme, MemoryMethod g) {
    return (scheme == ResidualNetwork.Scheme.EULER ? "ResNet" : "HeunNet")
        + (g == MemoryMethod.BACKPROP ? " backprop" : " memory-free");
  }

  /** The q-quantile (0..1) of {@code v} by linear interpolation, as numpy's default. */
  static double quantile(List<Double> v, double q) {
    double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double pos = q * (s.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, s.length - 1);
    return s[lo] + (pos - lo) * (s[hi] - s[lo]);
  }

  /** Writes the section. */
  static void write(ReportDoc doc, SanderResults r, List<String> csv, Path out) throws IOException {
    doc.heading(2, "5. Depth sweep on images (Fig. 3c / 4)");
    if (r.sweep().isEmpty()) {
      doc.paragraph("Not run in this mode.");
      return;
    }
    Cells.Sweep c0 = r.sweep().get(0).cell();
    // The cells record their test split's name ("fashion-mnist-test"); the report names the set.
    String dataset = r.sweep().get(0).result().dataset().replaceFirst("-test$", "");
    boolean standIn = !dataset.startsWith("cifar");
    doc.paragraph(
        "The tiny ResNet of the paper (stem Conv2d(C → 16, 5 × 5, stride 3, padding 1, no bias) +"
            + " BatchNorm + ReLU; N residual functions bn₂(conv₂(ReLU(bn₁(conv₁ x))))/N with 3 × 3"
            + " 16-channel convolutions with bias and bn₂ scale = shift = 0 at the start; average"
            + " pool 4; Linear(64 → 10)), trained with Euler steps (ResNet) or Heun steps (HeunNet),"
            + " with backpropagation or the memory-free gradient (Euler or Heun reconstruction), by"
            + " SGD (rate "
            + c0.rate()
            + ", momentum "
            + c0.momentum()
            + ", weight decay "
            + c0.weightDecay()
            + ", batch "
            + c0.batch()
            + ", "
            + c0.epochs()
            + " epochs, rate / 10 at epochs "
            + c0.milestones()
            + "), no augmentation, float32. Data: "
            + dataset
            + (standIn
                ? " as a stand-in for CIFAR-10, which is not present here (1 × 28 × 28 inputs: the"
                    + " stem takes one channel and maps 28 × 28 to 9 × 9, pooled to 2 × 2)"
                : "")
            + (c0.trainSamples() == Integer.MAX_VALUE
                ? ", the whole training and test sets."
                : ", the first "
                    + c0.trainSamples()
                    + " training and "
                    + c0.testSamples()
                    + " test images.")
            + " Metric: test error = 100 − the best test accuracy over epochs (percent).");
    doc.paragraph(
        "BatchNorm in the memory-free reverse pass: the authors put each function in eval mode"
            + " (running statistics) while reconstructing. node4j's depth-indexed network computes"
            + " every layer through one function that reads layer n's parameters in place, so"
            + " running statistics would be shared by all layers; this run instead keeps the"
            + " residual BatchNorms in batch-statistics mode everywhere — in the forward pass, in"
            + " the reconstruction (f_n recomputed on the reconstructed batch with that batch's"
            + " statistics) and at test time (test batches of the training batch size). Only the"
            + " stem's BatchNorm uses running statistics at test time. This differs from the"
            + " authors' choice.");
    Map<String, Series> series = series(r);
    List<Integer> depths =
        r.sweep().stream().map(e -> e.cell().depth()).distinct().sorted().toList();
    List<List<String>> rows = new ArrayList<>();
    for (Series s : series.values()) {
      String[] rule = s.name().split(" ", 2);
      for (var d : s.errors().entrySet()) {
        List<Double> v = d.getValue();
        String step = rule[0].equals("ResNet") ? "Euler (ResNet)" : "Heun (HeunNet)";
        List<String> row = new ArrayList<>(List.of(step, rule[1], "" + d.getKey()));
        row.add("" + v.size());
        row.add(SanderReport.fmt1(s.mean(d.getKey())));
        for (double q : BAND) {
          row.add(SanderReport.fmt1(quantile(v, q)));
        }
        rows.add(row);
      }
    }
    for (var e : r.sweep()) {
      csv.add(
          "sweep,"
              + name(e.cell().scheme(), e.cell().gradient()).replace(' ', '_')
              + ","
              + e.cell().depth()
              + ","
              + e.cell().seed()
              + ",test_error,"
              + e.result().testError());
    }
    int seeds = r.sweep().stream().mapToInt(e -> e.cell().seed()).max().orElse(0) + 1;
    doc.paragraph(
        "Test error in percent over "
            + seeds
            + (seeds == 1 ? " seed" : " seeds")
            + " per (step rule, gradient, depth): the mean, and the minimum, 25 % quantile,"
            + " median, 75 % quantile and maximum (quantiles by linear interpolation between the"
            + " sorted seeds, numpy's default"
            + (seeds == 3
                ? "; with 3 seeds the 25 % and 75 % quantiles are the midpoints of min–median and"
                    + " median–max)."
                : ")."));
    doc.table(TABLE_HEADER, rows);
    doc.paragraph(
        "Paper (Sander et al., Fig. 3c / 4, CIFAR-10, numbers not published): the memory-free"
            + " gradient trains as well as backpropagation once the network is deep enough (it"
            + " fails at small depth, where the ResNet is far from an ODE), and HeunNet needs"
            + " fewer layers than ResNet for that. Measured here: "
            + verdict(series, depths)
            + (standIn ? " These are Fashion-MNIST figures, not a CIFAR-10 reproduction." : ""));
    XYChart chart = chart(series, depths);
    Charts.save(chart, out, "depth-sweep");
    doc.image(
        "depth-sweep.png",
        "Test error against depth, mean over seeds (line with markers) and the band between the"
            + " 25 % and 75 % quantiles over seeds (shaded, same colour; absent with one seed).");
  }

  /**
   * Per scheme, the gap memory-free − backprop (mean test error, percentage points) at the smallest
   * and the largest depth, stated as measured.
   */
  static String verdict(Map<String, Series> series, List<Integer> depths) {
    List<String> parts = new ArrayList<>();
    double largest = 0;
    String where = "";
    for (String scheme : List.of("ResNet", "HeunNet")) {
      Series bp = series.get(scheme + " backprop");
      Series mf = series.get(scheme + " memory-free");
      if (bp == null || mf == null) {
        continue;
      }
      List<Integer> both =
          depths.stream()
              .filter(d -> bp.errors().containsKey(d) && mf.errors().containsKey(d))
              .toList();
      if (both.isEmpty()) {
        continue;
      }
      int lo = both.get(0);
      int hi = both.get(both.size() - 1);
      double gapLo = gap(bp, mf, lo);
      double gapHi = gap(bp, mf, hi);
      for (int d : both) {
        if (Math.abs(gap(bp, mf, d)) > Math.abs(largest)) {
          largest = gap(bp, mf, d);
          where = scheme + ", N = " + d;
        }
      }
      parts.add(
          scheme
              + ", memory-free minus backprop test error: "
              + signed(gapLo)
              + " points at N = "
              + lo
              + " and "
              + signed(gapHi)
              + " points at N = "
              + hi);
    }
    String gaps = String.join("; ", parts) + ".";
    if (Math.abs(largest) < NO_EFFECT) {
      return gaps
          + " At every depth measured the two gradients' test errors differ by at most "
          + SanderReport.fmt1(Math.abs(largest))
          + " points, so this run shows neither the memory-free gradient failing at small depth"
          + " nor HeunNet succeeding at fewer layers than ResNet: the paper's depth effect is not"
          + " reproduced at this size.";
    }
    return gaps + " The largest gap is " + signed(largest) + " points (" + where + ").";
  }

  /**
   * Memory-free minus backprop mean test error at {@code depth}, from the table's rounded means so
   * that the sentence and the table agree.
   */
  private static double gap(Series bp, Series mf, int depth) {
    return Double.parseDouble(SanderReport.fmt1(mf.mean(depth)))
        - Double.parseDouble(SanderReport.fmt1(bp.mean(depth)));
  }

  static String signed(double v) {
    return (v >= 0 ? "+" : "") + SanderReport.fmt1(v);
  }

  private static XYChart chart(Map<String, Series> series, List<Integer> depths) {
    XYChart c = Charts.chart("Depth sweep: test error against depth", "depth N", "test error (%)");
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    int i = 0;
    for (Series s : series.values()) {
      Color col = Charts.SOLVER_COLOURS[i++ % Charts.SOLVER_COLOURS.length];
      double[] x = s.errors().keySet().stream().mapToDouble(Integer::doubleValue).toArray();
      double[] mean = s.errors().keySet().stream().mapToDouble(s::mean).toArray();
      XYSeries m = c.addSeries(s.name(), x, mean);
      m.setLineColor(col);
      m.setMarkerColor(col);
      m.setMarker(SeriesMarkers.CIRCLE);
      boolean spread = s.errors().values().stream().anyMatch(v -> v.size() > 1);
      if (spread) {
        band(c, s, col);
      }
    }
    return c;
  }

  /**
   * The 25–75 % band of {@code s} as one closed polygon (upper quantiles left to right, then the
   * lower ones back), filled translucent in the series' colour.
   */
  private static void band(XYChart c, Series s, Color col) {
    List<Integer> ds = new ArrayList<>(s.errors().keySet());
    int n = ds.size();
    double[] x = new double[2 * n];
    double[] y = new double[2 * n];
    for (int i = 0; i < n; i++) {
      List<Double> v = s.errors().get(ds.get(i));
      x[i] = ds.get(i);
      y[i] = quantile(v, BAND[BAND.length - 2]);
      x[2 * n - 1 - i] = ds.get(i);
      y[2 * n - 1 - i] = quantile(v, BAND[1]);
    }
    XYSeries b = c.addSeries(s.name() + " 25-75 %", x, y);
    b.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    b.setFillColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 60));
    b.setLineColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 0));
    b.setMarker(SeriesMarkers.NONE);
    b.setShowInLegend(false);
  }
}

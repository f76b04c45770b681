package org.node4j.lab.experiment.sander;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.node4j.lab.analysis.LogLogFit;
import org.node4j.lab.experiment.ReportDoc;
import org.node4j.nn.io.AtomicFiles;
import org.node4j.nn.model.ResidualNetwork;

/**
 * Builds report.md, report.html, results.csv and the plots from {@link SanderResults} alone, with
 * the paper's claim next to every measured figure and, for every rate, the fitted log-log slope
 * with its fit range and R^2.
 */
final class SanderReport {
  /** How far a fitted slope may be from the claimed rate to be called consistent with it. */
  static final double SLOPE_TOLERANCE = 0.2;

  private static final double MIB = 1024.0 * 1024.0;

  private SanderReport() {}

  /** The headline rates (null where the part did not run). */
  record Headline(
      LogLogFit smoothDistance,
      LogLogFit alternatingDistance,
      LogLogFit iidDistance,
      LogLogFit eulerSmooth,
      LogLogFit heunSmooth) {}

  /** Writes everything into {@code out}; returns the headline rates. */
  static Headline write(SanderResults r, SanderSettings s, Path out, String costNote)
      throws IOException {
    List<String> csv = new ArrayList<>();
    csv.add("part,series,depth,seed,metric,value");
    ReportDoc doc = new ReportDoc();
    doc.heading(1, "Do residual networks discretise neural ODEs? (" + s.mode() + " run)");
    doc.paragraph(
        "A reproduction of Sander, Ablin and Peyré, \"Do Residual Neural Networks discretize"
            + " Neural ODEs?\" (NeurIPS 2022) with node4j, in float64 for the convergence parts."
            + " Each cell of the sweep wrote its own run directory under `runs/`; this report and"
            + " `results.csv` are built from those directories alone.");
    Map<String, SeriesPlots.Series> dist = distanceSeries(r, csv);
    LogLogFit smooth = SeriesPlots.fit(dist.get("smooth"), s.fitFrom());
    LogLogFit alternating = SeriesPlots.fit(dist.get("alternating"), s.fitFrom());
    LogLogFit iid = SeriesPlots.fit(dist.get("iid"), s.fitFrom());
    Map<String, SeriesPlots.Series> grad = gradientSeries(r, csv, false);
    Map<String, SeriesPlots.Series> recon = gradientSeries(r, csv, true);
    LogLogFit eulerSmooth = SeriesPlots.fit(grad.get("resnet smooth"), s.fitFrom());
    LogLogFit heunSmooth = SeriesPlots.fit(grad.get("heunnet smooth"), s.fitFrom());
    Headline h = new Headline(smooth, alternating, iid, eulerSmooth, heunSmooth);
    headline(doc, h);
    distanceSection(doc, dist, s, out);
    gradientSection(doc, grad, recon, s, out);
    trainedSection(doc, r, csv, out);
    memorySection(doc, r, csv, out);
    linearSection(doc, r, csv, out);
    SweepSection.write(doc, r, csv, out);
    doc.heading(2, "Cost");
    doc.paragraph(costNote);
    AtomicFiles.writeString(out.resolve("results.csv"), String.join("\n", csv) + "\n");
    AtomicFiles.writeString(out.resolve("report.md"), doc.markdown());
    AtomicFiles.writeString(
        out.resolve("report.html"), doc.html("resnet-to-ode (" + s.mode() + ")"));
    return h;
  }

  /** The headline line for a distance fit, shared by the headline and the part 1 table. */
  static String rate(LogLogFit f) {
    return f == null ? "not measured" : f.describe("N");
  }

  private static void headline(ReportDoc doc, Headline h) {
    doc.heading(2, "Headline");
    doc.items(
        List.of(
            "ResNet-to-ODE distance, smooth weights: "
                + rate(h.smoothDistance())
                + " "
                + verdict(h.smoothDistance(), -1)
                + " (paper: → 0 at rate 1/N).",
            "Alternating weights: "
                + rate(h.alternatingDistance())
                + "; i.i.d. weights: "
                + rate(h.iidDistance())
                + " (paper: no 1/N convergence without smoothness).",
            "Memory-free gradient error on smooth weights, ResNet (Euler reconstruction): "
                + rate(h.eulerSmooth())
                + " "
                + verdict(h.eulerSmooth(), -1)
                + "; HeunNet (Heun reconstruction): "
                + rate(h.heunSmooth())
                + " (paper: O(1/N) for Euler, faster for Heun, O(1/N²) per the summaries)."));
  }

  /** "(consistent with slope -1)" when within the tolerance, else "(not slope -1)". */
  static String verdict(LogLogFit f, double claimed) {
    if (f == null) {
      return "";
    }
    String c = String.format(Locale.ROOT, "%.0f", claimed);
    return Math.abs(f.slope() - claimed) <= SLOPE_TOLERANCE
        ? "(consistent with slope " + c + ")"
        : "(not slope " + c + ")";
  }

  private static <C, R> Map<Integer, List<Double>> byDepth(
      List<SanderResults.Entry<C, R>> entries,
      Predicate<C> which,
      Function<C, Integer> depth,
      Function<R, Double> value) {
    Map<Integer, List<Double>> m = new TreeMap<>();
    for (SanderResults.Entry<C, R> e : entries) {
      if (which.test(e.cell())) {
        m.computeIfAbsent(depth.apply(e.cell()), k -> new ArrayList<>())
            .add(value.apply(e.result()));
      }
    }
    return m;
  }

  private static SeriesPlots.Series mean(Map<Integer, List<Double>> m) {
    double[] x = new double[m.size()];
    double[] y = new double[m.size()];
    int i = 0;
    for (Map.Entry<Integer, List<Double>> e : m.entrySet()) {
      x[i] = e.getKey();
      y[i++] = e.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
    return new SeriesPlots.Series(x, y);
  }

  private static Map<String, SeriesPlots.Series> distanceSeries(SanderResults r, List<String> csv) {
    Map<String, SeriesPlots.Series> out = new LinkedHashMap<>();
    for (WeightKind k : WeightKind.values()) {
      out.put(
          k.id(),
          mean(
              byDepth(
                  r.distance(),
                  c -> c.kind() == k,
                  Cells.Distance::depth,
                  DistanceProbe.Result::distance)));
    }
    for (var e : r.distance()) {
      csv.add(
          row("distance", e.cell().kind().id(), e.cell().depth(), e.cell().seed(), "distance")
              + e.result().distance());
    }
    return out;
  }

  private static Map<String, SeriesPlots.Series> gradientSeries(
      SanderResults r, List<String> csv, boolean reconstruction) {
    Map<String, SeriesPlots.Series> out = new LinkedHashMap<>();
    for (ResidualNetwork.Scheme sc : ResidualNetwork.Scheme.values()) {
      for (WeightKind k : List.of(WeightKind.SMOOTH, WeightKind.IID)) {
        out.put(
            Cells.schemeId(sc) + " " + k.id(),
            mean(
                byDepth(
                    r.gradient(),
                    c -> c.scheme() == sc && c.kind() == k,
                    Cells.Gradient::depth,
                    reconstruction
                        ? GradientProbe.Result::reconstructionError
                        : GradientProbe.Result::gradientError)));
      }
    }
    for (var e : r.gradient()) {
      String series = Cells.schemeId(e.cell().scheme()) + " " + e.cell().kind().id();
      csv.add(
          row("gradient", series, e.cell().depth(), e.cell().seed(), metricName(reconstruction))
              + (reconstruction ? e.result().reconstructionError() : e.result().gradientError()));
    }
    return out;
  }

  private static String metricName(boolean reconstruction) {
    return reconstruction ? "reconstruction_error" : "gradient_error";
  }

  private static String row(String part, String series, int depth, int seed, String metric) {
    return part + "," + series + "," + depth + "," + seed + "," + metric + ",";
  }

  private static void distanceSection(
      ReportDoc doc, Map<String, SeriesPlots.Series> dist, SanderSettings s, Path out)
      throws IOException {
    doc.heading(2, "1. ResNet-to-ODE distance against depth");
    doc.paragraph(
        "Residual perceptron f(x, θ) = V tanh(W x), width d = "
            + s.width()
            + ", hidden m = "
            + s.hidden()
            + ", W ~ N(0, 1/d), V ~ N(0, 1/m). The ResNet x_{n+1} = x_n + f(x_n, θ_n)/N is"
            + " compared with its associated ODE x' = f(x, θ(t)), θ the piecewise-linear"
            + " interpolation with θ(n/N) = θ_n, solved by classical RK4 with "
            + s.substeps()
            + " steps per layer interval. Distance: max over "
            + s.batch()
            + " N(0, I) inputs of ‖x_N − x(1)‖₂, mean over "
            + s.distanceSeeds()
            + " weight draw(s). Smooth: θ_n = θ(n/N) for one random function θ(s) = base +"
            + " one sinusoid pair in s (the same function for every N); alternating: θ_n = A for"
            + " even n, B for odd n; i.i.d.: independent per layer.");
    List<List<String>> rows = new ArrayList<>();
    for (var e : dist.entrySet()) {
      LogLogFit f = SeriesPlots.fit(e.getValue(), s.fitFrom());
      rows.add(
          List.of(
              e.getKey(),
              f == null ? "-" : fmt2(f.slope()),
              f == null ? "-" : range(f),
              f == null ? "-" : fmt3(f.rSquared()),
              e.getKey().equals("smooth") ? "→ 0 at rate 1/N (slope −1)" : "need not → 0",
              e.getKey().equals("smooth") ? verdict(f, -1) : ""));
    }
    doc.table(List.of("weights", "slope", "fit range", "R²", "paper's claim", "verdict"), rows);
    doc.table(header("weights", dist), valueRows(dist));
    var c =
        SeriesPlots.chart(
            "ResNet vs its neural ODE",
            "depth N",
            "max ‖x_N − x(1)‖",
            dist,
            List.of(new SeriesPlots.Reference("slope −1", -1, dist.get("smooth"))),
            true,
            true);
    SeriesPlots.save(c, out, "distance");
    doc.image("distance.png", "Distance between the ResNet and its ODE; dashed: slope −1.");
  }

  private static void gradientSection(
      ReportDoc doc,
      Map<String, SeriesPlots.Series> grad,
      Map<String, SeriesPlots.Series> recon,
      SanderSettings s,
      Path out)
      throws IOException {
    doc.heading(2, "2. Memory-free gradients against depth");
    doc.paragraph(
        "The same perceptron as a ResNet (memory-free Euler reconstruction) and a HeunNet"
            + " (memory-free Heun reconstruction), loss mean(x_out²) on "
            + s.batch()
            + " inputs. Gradient error: ‖g_mf − g_bp‖₂ / ‖g_bp‖₂ over all parameters, g_bp"
            + " by backpropagation (stored stages). Reconstruction error: RMS(x̃₀ − x₀) /"
            + " RMS(x₀) of the reverse steps. Smooth-in-depth and i.i.d. weights (the control).");
    List<List<String>> rows = new ArrayList<>();
    for (var e : grad.entrySet()) {
      LogLogFit f = SeriesPlots.fit(e.getValue(), s.fitFrom());
      LogLogFit g = SeriesPlots.fit(recon.get(e.getKey()), s.fitFrom());
      String claim =
          e.getKey().equals("resnet smooth")
              ? "O(1/N) (slope −1)"
              : e.getKey().equals("heunnet smooth")
                  ? "faster than Euler; O(1/N²) per the summaries"
                  : e.getKey().startsWith("heunnet")
                      ? "Heun's advantage largely disappears"
                      : "control";
      rows.add(
          List.of(
              e.getKey(),
              f == null ? "-" : fmt2(f.slope()) + " (R² " + fmt3(f.rSquared()) + ")",
              g == null ? "-" : fmt2(g.slope()) + " (R² " + fmt3(g.rSquared()) + ")",
              f == null ? "-" : range(f),
              claim));
    }
    doc.table(
        List.of(
            "network, weights",
            "gradient-error slope",
            "reconstruction slope",
            "fit range",
            "paper's claim"),
        rows);
    doc.paragraph("Relative gradient error by depth:");
    doc.table(header("network, weights", grad), valueRows(grad));
    doc.paragraph("Relative reconstruction error by depth:");
    doc.table(header("network, weights", recon), valueRows(recon));
    List<SeriesPlots.Reference> refs =
        List.of(
            new SeriesPlots.Reference("slope −1", -1, grad.get("resnet smooth")),
            new SeriesPlots.Reference("slope −2", -2, grad.get("heunnet smooth")));
    SeriesPlots.save(
        SeriesPlots.chart(
            "Memory-free gradient error", "depth N", "relative error", grad, refs, true, true),
        out,
        "gradient-error");
    doc.image("gradient-error.png", "Memory-free against exact gradients; dashed: slopes −1, −2.");
    SeriesPlots.save(
        SeriesPlots.chart(
            "Reconstruction of the input",
            "depth N",
            "relative error",
            recon,
            List.of(
                new SeriesPlots.Reference("slope −1", -1, recon.get("resnet smooth")),
                new SeriesPlots.Reference("slope −2", -2, recon.get("heunnet smooth"))),
            true,
            true),
        out,
        "reconstruction-error");
    doc.image(
        "reconstruction-error.png", "Reconstruction error of the input; dashed: slopes −1, −2.");
  }

  private static void trainedSection(ReportDoc doc, SanderResults r, List<String> csv, Path out)
      throws IOException {
    doc.heading(3, "Trained-network probe");
    if (r.trained().isEmpty()) {
      doc.paragraph("Not run.");
      return;
    }
    var first = r.trained().get(0).cell();
    doc.paragraph(
        "Trained at depth "
            + first.trainDepth()
            + " on a synthetic regression (instead of the paper's CIFAR-10 network): "
            + first.samples()
            + " inputs x ~ N(0, I_"
            + first.width()
            + "), targets y = M x with M = I + G/(2√d), mean squared error, "
            + first.iterations()
            + " full-batch gradient-descent iterations at rate "
            + first.rate()
            + " N from i.i.d. weights. Depth-d copies take layer i = trained layer ⌊"
            + first.trainDepth()
            + " i / d⌋; per parameter tensor, the relative squared error mean((g_bp − g_mf)²) /"
            + " mean(g_bp²) on the training set. Paper: the error falls with depth, and is"
            + " lower for the HeunNet.");
    List<List<String>> rows = new ArrayList<>();
    Map<String, SeriesPlots.Series> med = new LinkedHashMap<>();
    for (var e : r.trained()) {
      String net = Cells.schemeId(e.cell().scheme());
      List<TrainedProbe.DepthErrors> ds = e.result().depths();
      double[] x = new double[ds.size()];
      double[] y = new double[ds.size()];
      for (int i = 0; i < ds.size(); i++) {
        TrainedProbe.DepthErrors d = ds.get(i);
        x[i] = d.depth();
        y[i] = d.median();
        rows.add(
            List.of(
                net,
                Integer.toString(d.depth()),
                fmt3(d.median()),
                fmt3(d.max()),
                Integer.toString(d.errors().length)));
        for (int t = 0; t < d.errors().length; t++) {
          csv.add(
              row("trained", net + " tensor " + t, d.depth(), 0, "rel_sq_error") + d.errors()[t]);
        }
      }
      med.put(net + " median", new SeriesPlots.Series(x, y));
      rows.add(
          List.of(
              net,
              "training loss",
              fmt3(e.result().initialLoss()) + " → " + fmt3(e.result().finalLoss()),
              "",
              ""));
    }
    doc.table(List.of("network", "depth d", "median error", "max error", "tensors"), rows);
    doc.paragraph(trainedVerdict(med));
    SeriesPlots.save(
        SeriesPlots.chart(
            "Trained network: memory-free vs backprop per tensor",
            "depth d of the copy",
            "median relative squared error",
            med,
            List.of(),
            true,
            true),
        out,
        "trained-probe");
    doc.image("trained-probe.png", "Median over parameter tensors of the relative squared error.");
  }

  private static void memorySection(ReportDoc doc, SanderResults r, List<String> csv, Path out)
      throws IOException {
    doc.heading(2, "3. Memory against depth");
    if (r.memory().isEmpty()) {
      doc.paragraph("Not run.");
      return;
    }
    var c0 = r.memory().get(0).cell();
    boolean rss = r.memory().stream().anyMatch(e -> e.result().peakRss() != null);
    doc.paragraph(
        "The paper's probe: one tied MLP "
            + c0.width()
            + " → "
            + c0.hidden()
            + " → "
            + c0.width()
            + " with tanh, repeated as a ResNet of depth N, on a "
            + c0.batch()
            + " × "
            + c0.width()
            + " input of U(0, 1) entries, float32, loss mean(out²). Bytes held: the gradient"
            + " pass's own count of what it keeps for the backward pass, in this process."
            + (rss
                ? " Peak RSS: " + MemoryProbe.PEAK_METHOD + "."
                : " Peak RSS was not measured in this run.")
            + " Paper (their released code's experiments/memory.py, figure digitised): backprop grows by about 124 MiB over"
            + " 150 layers (≈185 → 309 MiB peak RSS), the memory-free adjoint stays about flat"
            + " (≈176 → 185 MiB).");
    Map<String, SeriesPlots.Series> held = new LinkedHashMap<>();
    Map<String, SeriesPlots.Series> peak = new LinkedHashMap<>();
    List<List<String>> rows = new ArrayList<>();
    for (MemoryMethod m : MemoryMethod.values()) {
      var h =
          byDepth(r.memory(), c -> c.method() == m, Cells.Memory::depth, x -> x.bytesHeld() / MIB);
      var p =
          byDepth(
              r.memory(),
              c -> c.method() == m,
              Cells.Memory::depth,
              x -> x.peakRss() == null ? Double.NaN : x.peakRss() / MIB);
      if (h.isEmpty()) {
        continue;
      }
      held.put(m.id(), mean(h));
      peak.put(m.id(), mean(p));
      SeriesPlots.Series sh = mean(h);
      SeriesPlots.Series sp = mean(p);
      int last = sh.x().length - 1;
      rows.add(
          List.of(
              m.id(),
              fmt1(sh.y()[0]) + " → " + fmt1(sh.y()[last]),
              fmt1(sp.y()[0]) + " → " + fmt1(sp.y()[last]),
              fmt1(sp.y()[last] - sp.y()[0]),
              (int) sh.x()[0] + " → " + (int) sh.x()[last]));
    }
    for (var e : r.memory()) {
      csv.add(
          row("memory", e.cell().method().id(), e.cell().depth(), 0, "bytes_held")
              + e.result().bytesHeld());
      csv.add(
          row("memory", e.cell().method().id(), e.cell().depth(), 0, "peak_rss_bytes")
              + e.result().peakRss());
    }
    doc.table(
        List.of("method", "bytes held (MiB)", "peak RSS (MiB)", "RSS growth (MiB)", "depth"), rows);
    doc.paragraph(memoryVerdict(held, peak, rss));
    doc.table(header("bytes held (MiB)", held), valueRows(held));
    if (rss) {
      doc.table(header("peak RSS (MiB)", peak), valueRows(peak));
    }
    SeriesPlots.save(
        SeriesPlots.chart(
            "Bytes held for the backward pass", "depth N", "MiB", held, List.of(), false, false),
        out,
        "memory-held");
    doc.image("memory-held.png", "Bytes the gradient pass holds, against depth.");
    if (rss) {
      SeriesPlots.save(
          SeriesPlots.chart(
              "Peak resident memory (child JVM)",
              "depth N",
              "MiB above baseline",
              peak,
              List.of(),
              false,
              false),
          out,
          "memory-rss");
      doc.image("memory-rss.png", "Peak RSS above the child JVM's baseline, against depth.");
    }
  }

  /** Whether the median errors fall with depth and the HeunNet's are below the ResNet's. */
  private static String trainedVerdict(Map<String, SeriesPlots.Series> med) {
    List<String> parts = new ArrayList<>();
    for (var e : med.entrySet()) {
      double[] y = e.getValue().y();
      boolean falling = true;
      for (int i = 1; i < y.length; i++) {
        falling &= y[i] < y[i - 1];
      }
      parts.add(
          e.getKey()
              + " "
              + fmt3(y[0])
              + " → "
              + fmt3(y[y.length - 1])
              + (falling ? " (falling at every step)" : " (not falling at every step)"));
    }
    SeriesPlots.Series heun = med.get("heunnet median");
    SeriesPlots.Series res = med.get("resnet median");
    String lower = "";
    if (heun != null && res != null && heun.y().length == res.y().length) {
      boolean below = true;
      for (int i = 0; i < heun.y().length; i++) {
        below &= heun.y()[i] < res.y()[i];
      }
      lower =
          below
              ? "; the HeunNet's is lower at every depth"
              : "; the HeunNet's is not lower at every depth";
    }
    return "Measured, from the smallest to the largest copy: "
        + String.join("; ", parts)
        + lower
        + ".";
  }

  /** The measured growth next to the paper's, from the table's first and last depth. */
  private static String memoryVerdict(
      Map<String, SeriesPlots.Series> held, Map<String, SeriesPlots.Series> peak, boolean rss) {
    List<String> parts = new ArrayList<>();
    for (String m : List.of("backprop", "memory-free")) {
      SeriesPlots.Series h = held.get(m);
      if (h == null || h.x().length < 2) {
        continue;
      }
      int last = h.x().length - 1;
      SeriesPlots.Series p = peak.get(m);
      parts.add(
          m
              + " grows by "
              + fmt1(h.y()[last] - h.y()[0])
              + " MiB held"
              + (rss ? " and " + fmt1(p.y()[last] - p.y()[0]) + " MiB peak RSS" : "")
              + " from depth "
              + (int) h.x()[0]
              + " to "
              + (int) h.x()[last]);
    }
    SeriesPlots.Series bp = held.get("backprop");
    if (bp != null && bp.x().length >= 2) {
      int last = bp.x().length - 1;
      parts.add(
          "backprop holds "
              + String.format(
                  Locale.ROOT, "%.2f", (bp.y()[last] - bp.y()[0]) / (bp.x()[last] - bp.x()[0]))
              + " MiB per layer");
    }
    return "Measured: "
        + String.join("; ", parts)
        + ". Paper: backprop about +124 MiB over 150 layers, the memory-free adjoint about flat."
        + " The RSS figures are differences of page counts and carry about the eden size (8 MiB)"
        + " of noise.";
  }

  private static void linearSection(ReportDoc doc, SanderResults r, List<String> csv, Path out)
      throws IOException {
    doc.heading(2, "4. Linear ResNet (Fig. 2)");
    if (r.linear().isEmpty()) {
      doc.paragraph("Not run.");
      return;
    }
    var c0 = r.linear().get(0).cell();
    doc.paragraph(
        "X = ∏ (I + A_n/N) over n = 1..N, 2 × 2, A_n(0) = 0, target B = I + G with G standard"
            + " Gaussian (seed "
            + c0.seed()
            + "; redrawn until det B > 0), loss mean((X − B)²), full-batch gradient descent at the"
            + " depth-scaled rate "
            + c0.rateScale()
            + " N (the authors' script: 100 at N = 100), stopped at loss < "
            + c0.tolerance()
            + " or "
            + c0.maxIterations()
            + " iterations. Paper: the trained A_n are smooth in n, with max_n ‖A_{n+1} − A_n‖"
            + " = O(1/N) uniformly in the iterations, so N max_n ‖A_{n+1} − A_n‖_F stays bounded.");
    List<SanderResults.Entry<Cells.Linear, LinearResnet.Result>> lin =
        r.linear().stream()
            .sorted(java.util.Comparator.comparingInt(e -> e.cell().depth()))
            .toList();
    List<List<String>> rows = new ArrayList<>();
    double[] ns = new double[lin.size()];
    double[] jumps = new double[lin.size()];
    int i = 0;
    for (var e : lin) {
      LinearResnet.Result res = e.result();
      rows.add(
          List.of(
              Integer.toString(e.cell().depth()),
              Integer.toString(res.iterations()),
              String.format(Locale.ROOT, "%.2e", res.finalLoss()),
              res.converged() ? "yes" : "no",
              fmt3(res.smoothness()),
              fmt3(res.smoothnessMaxOverIterations())));
      ns[i] = e.cell().depth();
      jumps[i++] = res.smoothness() / e.cell().depth();
      csv.add(
          row("linear", "final", e.cell().depth(), e.cell().seed(), "n_max_jump")
              + res.smoothness());
      csv.add(
          row("linear", "max_over_iterations", e.cell().depth(), e.cell().seed(), "n_max_jump")
              + res.smoothnessMaxOverIterations());
      csv.add(row("linear", "final", e.cell().depth(), e.cell().seed(), "loss") + res.finalLoss());
    }
    doc.table(
        List.of(
            "N",
            "iterations",
            "final loss",
            "converged",
            "N max ‖ΔA‖_F (end)",
            "N max ‖ΔA‖_F (max over iterations)"),
        rows);
    if (r.linear().size() >= 2) {
      LogLogFit f = LogLogFit.fit(ns, jumps);
      doc.paragraph(
          "max_n ‖A_{n+1} − A_n‖_F at the end against N: "
              + f.describe("N")
              + " "
              + verdict(f, -1)
              + " (paper: slope −1).");
    }
    var pick =
        r.linear().stream()
            .filter(e -> e.cell().depth() == 100)
            .findFirst()
            .orElse(r.linear().get(0));
    Map<String, SeriesPlots.Series> snaps = new LinkedHashMap<>();
    int n = pick.cell().depth();
    double[] idx = new double[n];
    for (int k = 0; k < n; k++) {
      idx[k] = k + 1;
    }
    for (LinearResnet.Snapshot sn : pick.result().snapshots()) {
      snaps.put("iteration " + sn.iteration(), new SeriesPlots.Series(idx, sn.values()));
    }
    SeriesPlots.save(
        SeriesPlots.chart(
            "Linear ResNet, N = " + n + ": entry (1, 2) of A_n",
            "layer n",
            "A_n[1, 2]",
            snaps,
            List.of(),
            false,
            false),
        out,
        "linear-weights");
    doc.image(
        "linear-weights.png", "One entry of A_n against n at several iterations (N = " + n + ").");
  }

  private static List<String> header(String first, Map<String, SeriesPlots.Series> m) {
    List<String> h = new ArrayList<>();
    h.add(first);
    for (SeriesPlots.Series s : m.values()) {
      for (double x : s.x()) {
        String name = "N = " + (int) x;
        if (!h.contains(name)) {
          h.add(name);
        }
      }
      if (s.x().length > 0) {
        break;
      }
    }
    return h;
  }

  private static List<List<String>> valueRows(Map<String, SeriesPlots.Series> m) {
    List<List<String>> rows = new ArrayList<>();
    for (var e : m.entrySet()) {
      if (e.getValue().x().length == 0) {
        continue;
      }
      List<String> row = new ArrayList<>();
      row.add(e.getKey());
      for (double y : e.getValue().y()) {
        row.add(Double.isNaN(y) ? "-" : fmt3(y));
      }
      rows.add(row);
    }
    return rows;
  }

  private static String range(LogLogFit f) {
    return "N = " + (long) f.xMin() + ".." + (long) f.xMax() + " (" + f.points() + " points)";
  }

  static String fmt1(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }

  static String fmt2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String fmt3(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }
}

package org.node4j.lab.experiment.anode;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.node4j.lab.experiment.Charts;
import org.node4j.lab.experiment.ReportDoc;

/**
 * The memory study's part of the anode report: bytes held, records kept, retained heap and peak
 * resident memory against L and N_t (Gholami et al., IJCAI 2019, Section 3: backprop O(L·N_t),
 * ANODE O(L) + O(N_t), OTD O(L)), their growth when L and N_t double, and the plots.
 */
final class MemorySection {
  private static final Color[] COLOURS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)
  };

  /** The figures of a point, by column. */
  private enum Figure {
    HELD(MemoryStudy.Point::peakBytesHeld),
    RECORDS(MemoryStudy.Point::recordBytes),
    HEAP(MemoryStudy.Point::retainedHeapBytes),
    RSS(MemoryStudy.Point::peakRssBytes);

    final ToLongFunction<MemoryStudy.Point> value;

    Figure(ToLongFunction<MemoryStudy.Point> value) {
      this.value = value;
    }
  }

  private final AnodeSettings settings;
  private final List<MemoryStudy.Point> mem;

  MemorySection(AnodeSettings settings, List<MemoryStudy.Point> mem) {
    this.settings = settings;
    this.mem = mem;
  }

  /** Returns every method's growth. */
  List<AnodeReport.Growth> growth() {
    List<AnodeReport.Growth> out = new ArrayList<>();
    for (MemoryMethod m : MemoryMethod.values()) {
      List<Integer> ls = settings.memoryBlocks();
      List<Integer> ns = settings.memorySteps();
      out.add(
          new AnodeReport.Growth(
              m.id(),
              m.claim(),
              ratios(m, Figure.HELD, ls, ns),
              ratios(m, Figure.RECORDS, ls, ns),
              ratios(m, Figure.HEAP, ls, ns),
              ratios(m, Figure.RSS, settings.rssBlocks(), settings.rssSteps())));
    }
    return out;
  }

  private AnodeReport.Ratios ratios(MemoryMethod m, Figure f, List<Integer> ls, List<Integer> ns) {
    if (ls.size() < 2 || ns.size() < 2) {
      return new AnodeReport.Ratios(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    int l1 = ls.get(ls.size() - 1);
    int n1 = ns.get(ns.size() - 1);
    int l0 = ls.get(ls.size() - 2);
    int n0 = ns.get(ns.size() - 2);
    double top = value(m, f, l1, n1);
    double byL = value(m, f, l0, n1);
    double byN = value(m, f, l1, n0);
    double base = value(m, f, l0, n0);
    return new AnodeReport.Ratios(top / byL, top / byN, top / base, top - byL - byN + base);
  }

  private double value(MemoryMethod m, Figure f, int l, int n) {
    return mem.stream()
        .filter(p -> p.method().equals(m.id()) && p.blocks() == l && p.steps() == n)
        .mapToLong(f.value)
        .filter(v -> v >= 0)
        .mapToDouble(v -> v)
        .findFirst()
        .orElse(Double.NaN);
  }

  /** The summary table's cell: each measured figure's ratio when L and N_t both double. */
  static String headline(List<AnodeReport.Growth> growth) {
    StringBuilder sb =
        new StringBuilder(
            "when L and N_t both double, ratio and L·N_t term in KiB of the bytes held, the"
                + " retained heap and the peak RSS: ");
    for (int i = 0; i < growth.size(); i++) {
      AnodeReport.Growth g = growth.get(i);
      sb.append(i == 0 ? "" : "; ").append(g.method());
      for (AnodeReport.Ratios r : List.of(g.held(), g.heap(), g.rss())) {
        sb.append(r == g.held() ? " " : ", ")
            .append("x")
            .append(fmt(r.both()))
            .append(" (")
            .append(signedKib(r.productTerm()))
            .append(")");
      }
    }
    return sb.append(". O(L) + O(N_t) has no L·N_t term (see Memory).").toString();
  }

  void write(ReportDoc doc, List<AnodeReport.Growth> growth, Path plots) throws IOException {
    doc.heading(2, "Memory");
    doc.paragraph(
        "One training iteration of an `OdeResNet` (stem conv + BN + ReLU, then L stages of"
            + " conv3x3 + BN + ReLU and one ODE block f = ReLU(conv3x3(ReLU(conv3x3 z))), width "
            + MemoryStudy.WIDTH
            + ", stride 1) on a float32 batch ["
            + MemoryStudy.BATCH
            + ", 1, "
            + MemoryStudy.SIDE
            + ", "
            + MemoryStudy.SIDE
            + "], Euler with N_t steps per block, the same gradient method in every block;"
            + " binomial keeps at most "
            + MemoryMethod.BINOMIAL_CHECKPOINTS
            + " block states of checkpoints per block. The blocks share one pool of evaluation"
            + " records (`RecordPool`), and the blocks of one width evaluate one compute"
            + " network with their own weights, so that a block's records serve the next block's"
            + " backward pass.");
    doc.paragraph(
        "**Held** is the methods' own accounting of the bytes kept for the backward pass"
            + " (states, stage records, checkpoints, step grid) at the network's peak: blocks"
            + " 1..i-1 holding their forward bytes while block i is pulled back at its own peak."
            + " **Records** are the bytes of the evaluation records in the shared pool after the"
            + " iteration: what the passes keep so that the next iteration allocates nothing per"
            + " step (OTD keeps one record per block outside the pool). **Heap** is the live heap"
            + " the network retains after the iteration (three full GCs, minus the heap before"
            + " it was built): the records and checkpoints kept for the next iteration plus what"
            + " every method shares (parameters, layer caches, buffers, the batch). **Peak RSS**"
            + " is measured by "
            + RssProbe.METHOD
            + ". A JVM's resident memory counts heap pages the collector has freed but not"
            + " returned; with a fixed heap and a small young generation touched before the"
            + " baseline, what grows above the baseline is the old generation's high-water mark:"
            + " what outlived a young collection during the two iterations (what the backward"
            + " pass holds, and garbage promoted before it died) plus native growth. It is"
            + " measured at "
            + (settings.rssBlocks().isEmpty()
                ? "no point in this run"
                : "L in " + settings.rssBlocks() + " and N_t in " + settings.rssSteps())
            + ".");
    List<List<String>> rows = new ArrayList<>();
    for (MemoryStudy.Point p : mem) {
      rows.add(
          List.of(
              p.method(),
              Integer.toString(p.blocks()),
              Integer.toString(p.steps()),
              kib(p.peakBytesHeld()),
              kib(p.recordBytes()),
              kib(p.retainedHeapBytes()),
              kib(p.peakRssBytes())));
    }
    doc.table(
        List.of(
            "method",
            "L",
            "N_t",
            "held at peak (KiB)",
            "records (KiB)",
            "heap (KiB)",
            "peak RSS (KiB)"),
        rows);
    List<Integer> ls = settings.memoryBlocks();
    List<Integer> ns = settings.memorySteps();
    List<List<String>> g = new ArrayList<>();
    for (AnodeReport.Growth x : growth) {
      g.add(row(x.method(), x.claim(), "held", x.held()));
      g.add(row(x.method(), x.claim(), "records", x.records()));
      g.add(row(x.method(), x.claim(), "heap", x.heap()));
      g.add(row(x.method(), x.claim(), "peak RSS", x.rss()));
    }
    doc.table(
        List.of(
            "method",
            "claim",
            "figure",
            "x when L doubles",
            "x when N_t doubles",
            "x when both double",
            "L·N_t term (KiB)"),
        g);
    doc.paragraph(
        "Held, records and heap double L from "
            + pair(ls)
            + " at N_t = "
            + ns.get(ns.size() - 1)
            + " and N_t from "
            + pair(ns)
            + " at L = "
            + ls.get(ls.size() - 1)
            + (settings.rssBlocks().size() < 2 || settings.rssSteps().size() < 2
                ? "; peak RSS was not measured at two L and two N_t."
                : "; peak RSS doubles L from "
                    + pair(settings.rssBlocks())
                    + " and N_t from "
                    + pair(settings.rssSteps())
                    + ".")
            + " O(L) + O(N_t) gives between x1 and x2 for one doubling and at most x2 for both;"
            + " O(L·N_t) gives x2 for one and x4 for both; O(L) gives x1 when N_t doubles. Every"
            + " block's share that does not grow with N_t (its transition's caches, solver"
            + " buffers, the records attached to its stage buffers) weighs on the heap and RSS of"
            + " every method and pulls their ratios towards x2 when L doubles and towards x1"
            + " when N_t doubles; the last column, the second difference f(L1, N1) - f(L1, N0) -"
            + " f(L0, N1) + f(L0, N0), cancels every share that grows with L alone or N_t alone:"
            + " it is zero for O(L) + O(N_t) and (L1 - L0)(N1 - N0) times the bytes of one"
            + " block's step for O(L·N_t).");
    rssAgainstHeap(doc);
    chart(doc, plots, Figure.HELD, "memory", "bytes held at the network's peak", ls, ns);
    if (settings.measureHeap()) {
      chart(doc, plots, Figure.HEAP, "memory-heap", "live heap retained", ls, ns);
    }
    if (settings.rssBlocks().size() >= 2 && settings.rssSteps().size() >= 2) {
      chart(
          doc,
          plots,
          Figure.RSS,
          "memory-rss",
          "peak RSS above baseline",
          settings.rssBlocks(),
          settings.rssSteps());
    }
  }

  /** States how far peak RSS lies from the retained heap where both were measured. */
  private void rssAgainstHeap(ReportDoc doc) {
    java.util.DoubleSummaryStatistics d =
        mem.stream()
            .filter(p -> p.peakRssBytes() >= 0 && p.retainedHeapBytes() >= 0)
            .mapToDouble(p -> (p.peakRssBytes() - p.retainedHeapBytes()) / 1048576.0)
            .summaryStatistics();
    if (d.getCount() == 0) {
      return;
    }
    doc.paragraph(
        String.format(
            Locale.ROOT,
            "Where both were measured (%d points), peak RSS above the baseline minus the retained"
                + " heap lies between %.1f and %.1f MiB: the child's peak follows what the"
                + " iteration keeps, plus garbage promoted to the old generation before it died,"
                + " and the baselines differ (the heap's is taken before the network and batch are"
                + " built, the child's after). Differences of peak RSS smaller than that spread are"
                + " not resolved by this measurement.",
            d.getCount(),
            d.getMin(),
            d.getMax()));
  }

  private static List<String> row(
      String method, String claim, String figure, AnodeReport.Ratios r) {
    return List.of(
        method, claim, figure, fmt(r.l()), fmt(r.n()), fmt(r.both()), signedKib(r.productTerm()));
  }

  /** Plots {@code f} against N_t at the largest L and against L at the largest N_t. */
  private void chart(
      ReportDoc doc,
      Path plots,
      Figure f,
      String name,
      String title,
      List<Integer> ls,
      List<Integer> ns)
      throws IOException {
    int lMax = ls.get(ls.size() - 1);
    int nMax = ns.get(ns.size() - 1);
    XYChart byN = Charts.chart(title + ", L = " + lMax, "N_t (log2 scale)", "KiB (log scale)");
    Charts.log2Axis(byN);
    byN.getStyler().setYAxisLogarithmic(true);
    XYChart byL = Charts.chart(title + ", N_t = " + nMax, "L", "KiB (log scale)");
    byL.getStyler().setYAxisLogarithmic(true);
    int k = 0;
    for (MemoryMethod m : MemoryMethod.values()) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int n : ns) {
        xs.add(Charts.log2(n));
        ys.add(value(m, f, lMax, n) / 1024);
      }
      style(byN.addSeries(m.id(), xs, ys), COLOURS[k]);
      xs = new ArrayList<>();
      ys = new ArrayList<>();
      for (int l : ls) {
        xs.add((double) l);
        ys.add(value(m, f, l, nMax) / 1024);
      }
      style(byL.addSeries(m.id(), xs, ys), COLOURS[k++]);
    }
    Charts.save(byN, plots, name + "-vs-steps");
    Charts.save(byL, plots, name + "-vs-blocks");
    doc.image("plots/" + name + "-vs-steps.png", title + " against N_t");
    doc.image("plots/" + name + "-vs-blocks.png", title + " against L");
  }

  private static void style(XYSeries s, Color c) {
    s.setLineColor(c);
    s.setMarkerColor(c);
    s.setMarker(SeriesMarkers.CIRCLE);
  }

  private static String pair(List<Integer> xs) {
    return xs.get(xs.size() - 2) + " to " + xs.get(xs.size() - 1);
  }

  private static String kib(long bytes) {
    return bytes < 0 ? "not measured" : String.format(Locale.ROOT, "%.1f", bytes / 1024.0);
  }

  private static String signedKib(double bytes) {
    return Double.isNaN(bytes) ? "-" : String.format(Locale.ROOT, "%.1f", bytes / 1024.0);
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }
}

package org.node4j.lab.experiment.anode;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.node4j.lab.experiment.Charts;
import org.node4j.lab.experiment.ReportDoc;
import org.node4j.lab.grid.CellSpec;
import org.node4j.nn.io.AtomicFiles;

/**
 * results.csv, the plots (PNG and SVG) and report.md/report.html of {@code node4j experiment
 * anode}, built from the cells' run directories alone, with ANODE's claims next to the measured
 * figures.
 */
public final class AnodeReport {
  private static final Color[] COLOURS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)
  };

  private final AnodeSettings settings;
  private final Path out;

  /** A report of a run of {@code settings} into {@code out}. */
  public AnodeReport(AnodeSettings settings, Path out) {
    this.settings = settings;
    this.out = out;
  }

  /**
   * The headline figures.
   *
   * @param maxDtoError the largest relative error of DTO against backprop over every point
   * @param fits the OTD order fits, per field and scheme
   * @param growth the memory growth factors per method
   * @param trained the training comparison's final figures (empty without data)
   */
  public record Summary(
      double maxDtoError, List<Fit> fits, List<Growth> growth, List<Trained> trained) {}

  /**
   * The final figures of one (method, N_t) of the training comparison, over seeds.
   *
   * @param method the training method
   * @param steps N_t
   * @param meanLoss the mean over seeds of the last logged training loss
   * @param meanAccuracy the mean over seeds of the last test accuracy
   * @param minAccuracy the smallest last test accuracy
   * @param maxAccuracy the largest last test accuracy
   * @param diverged seeds whose loss became non-finite
   * @param seeds seeds run
   */
  public record Trained(
      String method,
      int steps,
      double meanLoss,
      double meanAccuracy,
      double minAccuracy,
      double maxAccuracy,
      int diverged,
      int seeds) {}

  private List<Trained> trained(List<TrainingStudy.Curve> curves) {
    List<Trained> out = new ArrayList<>();
    for (int n : settings.training().steps()) {
      for (TrainingMethod m : TrainingMethod.values()) {
        List<TrainingStudy.Curve> cs =
            curves.stream()
                .filter(c -> c.cell().method().equals(m.id()) && c.cell().steps() == n)
                .toList();
        if (cs.isEmpty()) {
          continue;
        }
        double loss = 0;
        double acc = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int diverged = 0;
        for (TrainingStudy.Curve c : cs) {
          TrainingStudy.LogPoint last =
              c.points().isEmpty()
                  ? new TrainingStudy.LogPoint(0, Double.NaN, Double.NaN)
                  : c.points().get(c.points().size() - 1);
          loss += last.trainLoss() / cs.size();
          acc += last.testAccuracy() / cs.size();
          lo = Math.min(lo, last.testAccuracy());
          hi = Math.max(hi, last.testAccuracy());
          diverged += c.diverged() ? 1 : 0;
        }
        out.add(new Trained(m.id(), n, loss, acc, lo, hi, diverged, cs.size()));
      }
    }
    return out;
  }

  private void writeCurves(List<TrainingStudy.Curve> curves) throws IOException {
    StringBuilder sb =
        new StringBuilder(
            "dataset,method,steps,seed,iteration,train_loss,test_accuracy,diverged\n");
    for (TrainingStudy.Curve c : curves) {
      for (TrainingStudy.LogPoint p : c.points()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "%s,%s,%d,%d,%d,%.6f,%.4f,%b%n",
                c.cell().dataset(),
                c.cell().method(),
                c.cell().steps(),
                c.cell().seed(),
                p.iteration(),
                p.trainLoss(),
                p.testAccuracy(),
                c.diverged()));
      }
    }
    AtomicFiles.writeString(out.resolve("training.csv"), sb.toString());
  }

  /**
   * One OTD order fit (errors averaged over seeds in log space).
   *
   * @param field the probe field
   * @param scheme the scheme
   * @param order the scheme's order
   * @param fit the fit, or null when too few points lie above rounding
   */
  public record Fit(String field, String scheme, int order, SlopeFit fit) {}

  /**
   * How one figure f grows between the two largest L (L0 &lt; L1) and N_t (N0 &lt; N1): ratios, and
   * the second difference, which cancels every share that grows with L alone or N_t alone (a
   * block's fixed buffers, one block's steps) and leaves the L·N_t term.
   *
   * @param l f(L1, N1) / f(L0, N1)
   * @param n f(L1, N1) / f(L1, N0)
   * @param both f(L1, N1) / f(L0, N0)
   * @param productTerm f(L1, N1) - f(L1, N0) - f(L0, N1) + f(L0, N0), in bytes
   */
  public record Ratios(double l, double n, double both, double productTerm) {}

  /**
   * How one method's figures grow (NaN where not measured).
   *
   * @param method the method
   * @param claim the claimed growth
   * @param held the bytes held at the network's peak (the methods' accounting)
   * @param records the bytes of records kept in the network's pool
   * @param heap the live heap retained after an iteration
   * @param rss the child JVM's peak resident memory above its baseline
   */
  public record Growth(
      String method, String claim, Ratios held, Ratios records, Ratios heap, Ratios rss) {}

  /** Reads the run directories of the cells and writes every output file. */
  public Summary write(
      Path runs,
      List<CellSpec> consistencyCells,
      List<CellSpec> memoryCells,
      List<CellSpec> trainingCells,
      String dataset)
      throws IOException {
    List<TrainingStudy.Curve> curves = new ArrayList<>();
    for (CellSpec c : trainingCells) {
      curves.add(TrainingStudy.read(runs.resolve(c.id())));
    }
    List<AnodeCells.ConsistencyResult> cons = new ArrayList<>();
    for (CellSpec c : consistencyCells) {
      cons.add(AnodeCells.readConsistency(runs.resolve(c.id())));
    }
    List<MemoryStudy.Point> mem = new ArrayList<>();
    for (CellSpec c : memoryCells) {
      mem.add(AnodeCells.readMemory(runs.resolve(c.id())));
    }
    writeCsv(cons, mem);
    writeCurves(curves);
    List<Trained> trained = trained(curves);
    double maxDto =
        cons.stream()
            .flatMap(r -> r.points().stream())
            .mapToDouble(GradientConsistency.Point::dtoError)
            .max()
            .orElse(Double.NaN);
    List<Fit> fits = new ArrayList<>();
    for (ProbeField f : ProbeField.values()) {
      for (Scheme s : Scheme.values()) {
        List<Double> e = mean(cons, f, s, Metric.OTD);
        fits.add(
            new Fit(
                f.id(),
                s.id(),
                s.order(),
                SlopeFit.fit(settings.steps(), e, settings.fitFrom(), 1e-11)));
      }
    }
    MemorySection memory = new MemorySection(settings, mem);
    List<Growth> growth = memory.growth();
    Summary summary = new Summary(maxDto, fits, growth, trained);
    ReportDoc doc = new ReportDoc();
    intro(doc, summary, cons, dataset);
    consistency(doc, cons, summary);
    memory.write(doc, growth, plots());
    new TrainingSection(settings, plots()).write(doc, curves, trained, dataset);
    AtomicFiles.writeString(out.resolve("report.md"), doc.markdown());
    AtomicFiles.writeString(
        out.resolve("report.html"), doc.html("ANODE: gradient consistency and memory"));
    return summary;
  }

  private enum Metric {
    DTO,
    OTD,
    RECONSTRUCTION
  }

  /** The per-N_t geometric mean over seeds of one metric. */
  private List<Double> mean(
      List<AnodeCells.ConsistencyResult> cons, ProbeField f, Scheme s, Metric metric) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < settings.steps().size(); i++) {
      double sum = 0;
      int n = 0;
      boolean zero = false;
      for (AnodeCells.ConsistencyResult r : cons) {
        if (r.field().equals(f.id()) && r.scheme().equals(s.id())) {
          GradientConsistency.Point p = r.points().get(i);
          double v =
              switch (metric) {
                case DTO -> p.dtoError();
                case OTD -> p.otdError();
                case RECONSTRUCTION -> p.reconstructionError();
              };
          zero |= v == 0;
          sum += Math.log(v);
          n++;
        }
      }
      out.add(zero ? 0.0 : Math.exp(sum / n));
    }
    return out;
  }

  private void writeCsv(List<AnodeCells.ConsistencyResult> cons, List<MemoryStudy.Point> mem)
      throws IOException {
    StringBuilder sb =
        new StringBuilder(
            "study,field_or_method,scheme,seed,blocks,steps,dto_error,otd_error,"
                + "reconstruction_error,peak_bytes_held,held_after_forward,record_bytes,"
                + "retained_heap_bytes,peak_rss_bytes\n");
    for (AnodeCells.ConsistencyResult r : cons) {
      for (GradientConsistency.Point p : r.points()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "consistency,%s,%s,%d,1,%d,%.6e,%.6e,%.6e,,,,,%n",
                r.field(),
                r.scheme(),
                r.seed(),
                p.steps(),
                p.dtoError(),
                p.otdError(),
                p.reconstructionError()));
      }
    }
    for (MemoryStudy.Point p : mem) {
      sb.append(
          String.format(
              Locale.ROOT,
              "memory,%s,euler,,%d,%d,,,,%d,%d,%d,%d,%d%n",
              p.method(),
              p.blocks(),
              p.steps(),
              p.peakBytesHeld(),
              p.heldAfterForward(),
              p.recordBytes(),
              p.retainedHeapBytes(),
              p.peakRssBytes()));
    }
    AtomicFiles.writeString(out.resolve("results.csv"), sb.toString());
  }

  private void intro(
      ReportDoc doc, Summary s, List<AnodeCells.ConsistencyResult> cons, String dataset) {
    doc.heading(1, "ANODE: gradient consistency and memory (" + settings.mode() + " run)");
    doc.paragraph(
        "Gholami, Keutzer and Biros, \"ANODE: Unconditionally accurate memory-efficient gradients"
            + " for neural ODEs\" (IJCAI 2019). Produced by `node4j experiment anode"
            + ("quick".equals(settings.mode()) ? " --quick" : "")
            + "`; the consistency and memory figures are in `results.csv`, the training curves in"
            + " `training.csv`, and the cells' run directories under `runs/`. Not in this report:"
            + " ANODEV2.");
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "DTO (checkpointed discrete adjoint) is the exact gradient of the discrete network",
            "largest relative error of DTO against backprop over every field, scheme and N_t: "
                + sci(s.maxDtoError())));
    StringBuilder coarse = new StringBuilder();
    for (int n : List.of(1, 2)) {
      int i = settings.steps().indexOf(n);
      for (ProbeField f : ProbeField.values()) {
        if (i >= 0) {
          coarse
              .append(coarse.length() == 0 ? "" : ", ")
              .append(f.id())
              .append(" N_t = ")
              .append(n)
              .append(": ")
              .append(sci(mean(cons, f, Scheme.EULER, Metric.OTD).get(i)));
        }
      }
    }
    StringBuilder slopes = new StringBuilder();
    for (Fit f : s.fits()) {
      if (f.fit() != null) {
        slopes
            .append(slopes.length() == 0 ? "" : "; ")
            .append(f.field())
            .append(" ")
            .append(f.scheme())
            .append(" ")
            .append(fmt(f.fit().slope()));
      }
    }
    rows.add(
        List.of(
            "OTD is inconsistent at coarse N_t and converges with the scheme's order",
            "relative OTD error with Euler (the paper's default is N_t = 2): "
                + coarse
                + "; fitted slopes of log2 error against log2"
                + " N_t (expected -order): "
                + slopes));
    rows.add(
        List.of(
            "memory: backprop O(L·N_t), ANODE O(L) + O(N_t), OTD O(L)",
            MemorySection.headline(s.growth())));
    StringBuilder tr = new StringBuilder();
    for (Trained t : s.trained()) {
      tr.append(tr.length() == 0 ? "" : "; ")
          .append(t.method())
          .append(" N_t = ")
          .append(t.steps())
          .append(": ")
          .append(String.format(Locale.ROOT, "%.3f", t.meanAccuracy()))
          .append(t.diverged() > 0 ? " (" + t.diverged() + " diverged)" : "");
    }
    rows.add(
        List.of(
            "training with OTD degrades or diverges where DTO does not (CIFAR-10: ANODE 88.6 %,"
                + " neural ODE 67.9 % on ResNet-10)",
            dataset == null
                ? "not measured: no data set found"
                : "final test accuracy on "
                    + dataset
                    + " ("
                    + settings.training().iterations()
                    + " iterations; see Training): "
                    + tr));
    doc.heading(2, "The paper's claims and what this run measured");
    doc.table(List.of("claim (Gholami et al. 2019, §3)", "measured"), rows);
  }

  private void consistency(ReportDoc doc, List<AnodeCells.ConsistencyResult> cons, Summary s)
      throws IOException {
    doc.heading(2, "Gradient consistency");
    doc.paragraph(
        "One ODE block z(1) = z(0) + ∫ f over [0, 1] with N_t constant steps, in float64; loss"
            + " L = <c, z(1)> with a fixed N(0, 1) cotangent c. Relative error, over (dL/dz(0),"
            + " dL/dθ) jointly, of DTO with checkpointing (only the block input kept; the steps"
            + " recomputed and back-propagated) and of OTD (z, α and g_θ solved backward in time"
            + " with the same scheme and N_t) against back-propagation through the stored stages"
            + " of the N_t steps; and the relative error of z(0) reconstructed by solving the"
            + " forward ODE backward from z(1). Geometric means over "
            + settings.seeds().size()
            + " seed(s). Fits: least squares of log2 error on log2 N_t over N_t >= "
            + settings.fitFrom()
            + " with error above 1e-11.");
    for (ProbeField f : ProbeField.values()) {
      doc.heading(3, f.description());
      List<String> header = new ArrayList<>(List.of("N_t"));
      for (Scheme sc : Scheme.values()) {
        header.add(sc.id() + " DTO");
        header.add(sc.id() + " OTD");
        header.add(sc.id() + " z(0) rec.");
      }
      List<List<String>> rows = new ArrayList<>();
      for (int i = 0; i < settings.steps().size(); i++) {
        List<String> row = new ArrayList<>(List.of(Integer.toString(settings.steps().get(i))));
        for (Scheme sc : Scheme.values()) {
          row.add(sci(mean(cons, f, sc, Metric.DTO).get(i)));
          row.add(sci(mean(cons, f, sc, Metric.OTD).get(i)));
          row.add(sci(mean(cons, f, sc, Metric.RECONSTRUCTION).get(i)));
        }
        rows.add(row);
      }
      doc.table(header, rows);
      XYChart c =
          Charts.chart(
              f.id() + ": error against back-propagation",
              "steps N_t (log2 scale)",
              "relative error (log scale)");
      Charts.log2Axis(c);
      c.getStyler().setYAxisLogarithmic(true);
      int k = 0;
      for (Scheme sc : Scheme.values()) {
        series(c, sc.id() + " OTD gradient", mean(cons, f, sc, Metric.OTD), COLOURS[k], false);
        series(
            c,
            sc.id() + " z(0) reconstruction",
            mean(cons, f, sc, Metric.RECONSTRUCTION),
            COLOURS[k],
            true);
        k++;
      }
      Charts.save(c, plots(), "consistency-" + f.id());
      doc.image(
          "plots/consistency-" + f.id() + ".png",
          f.id()
              + ": OTD gradient error (solid) and z(0) reconstruction error (dashed markers) against"
              + " N_t; DTO's error is rounding (table) and is not drawn");
    }
    doc.heading(3, "Order of convergence of the OTD error");
    List<List<String>> rows = new ArrayList<>();
    for (Fit f : s.fits()) {
      SlopeFit x = f.fit();
      rows.add(
          x == null
              ? List.of(
                  f.field(), f.scheme(), Integer.toString(-f.order()), "too few points", "", "")
              : List.of(
                  f.field(),
                  f.scheme(),
                  Integer.toString(-f.order()),
                  fmt(x.slope()),
                  String.format(Locale.ROOT, "%.3f", x.rSquared()),
                  x.fromSteps() + " .. " + x.toSteps() + " (" + x.points() + " points)"));
    }
    doc.table(
        List.of("field", "scheme", "expected slope", "fitted slope", "R²", "fit range N_t"), rows);
    doc.paragraph(
        "A slope near -order with R² near 1 is convergence at the scheme's order. With ReLU the"
            + " adjoint's Jacobian jumps where an activation changes sign, so the points of the"
            + " ReLU fields scatter about the line (lower R²); the tanh field is a smooth control.");
  }

  private static void series(
      XYChart c, String name, List<Double> ys, Color colour, boolean dashed) {
    List<Double> xs = new ArrayList<>();
    List<Double> vs = new ArrayList<>();
    // settings.steps() order matches ys
    for (int i = 0; i < ys.size(); i++) {
      if (ys.get(i) > 0) {
        xs.add((double) i);
        vs.add(ys.get(i));
      }
    }
    XYSeries s = c.addSeries(name, xs, vs);
    s.setLineColor(colour);
    s.setMarkerColor(colour);
    s.setMarker(dashed ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
    if (dashed) {
      s.setLineStyle(Ids.dashed(1f));
    }
  }

  private Path plots() throws IOException {
    return java.nio.file.Files.createDirectories(out.resolve("plots"));
  }

  private static String sci(double v) {
    return String.format(Locale.ROOT, "%.2e", v);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}

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

/** The training comparison's part of the anode report: the table, the curves and what they say. */
final class TrainingSection {
  private static final Color[] COLOURS = {
    new Color(0x2ca02c), new Color(0x1f77b4), new Color(0xd62728)
  };

  private final AnodeSettings settings;
  private final Path plots;

  TrainingSection(AnodeSettings settings, Path plots) {
    this.settings = settings;
    this.plots = plots;
  }

  void write(
      ReportDoc doc,
      List<TrainingStudy.Curve> curves,
      List<AnodeReport.Trained> trained,
      String dataset)
      throws IOException {
    doc.heading(2, "Training: DTO, OTD and backprop");
    if (dataset == null) {
      doc.paragraph(
          "Not run: no CIFAR-10, Fashion-MNIST or MNIST was found in the data directory"
              + " (scripts/fetch-datasets.sh fetches MNIST and Fashion-MNIST).");
      return;
    }
    AnodeSettings.Training t = settings.training();
    doc.paragraph(
        t.dataSentence(dataset)
            + " Network: `OdeResNet`, stem conv3x3 (8) + BN + ReLU, two stages of"
            + " a stride-2 conv3x3 + BN + ReLU transition (8, then 16 channels) and one ODE"
            + " block f = ReLU(conv3x3(ReLU(conv3x3 z))) over [0, 1] with Euler and N_t steps,"
            + " global average pool, linear head. Every block is differentiated with the same"
            + " method: backprop (stored stages), DTO (ANODE: block input checkpointed, steps"
            + " recomputed, exact) or OTD (continuous adjoint, the same scheme and N_t"
            + " backward). Adam, lr "
            + t.lr()
            + ", batch "
            + t.batch()
            + ", "
            + t.iterations()
            + " iterations, "
            + t.seeds().size()
            + " seed(s); the paper trains SqueezeNext and ResNets on CIFAR-10 with SGD for 350"
            + " epochs, so only the direction of its claim can be compared, not its numbers."
            + " Training loss: mean over the iterations since the previous log point.");
    List<List<String>> rows = new ArrayList<>();
    for (AnodeReport.Trained r : trained) {
      rows.add(
          List.of(
              Integer.toString(r.steps()),
              r.method(),
              String.format(Locale.ROOT, "%.4f", r.meanLoss()),
              String.format(Locale.ROOT, "%.3f", r.meanAccuracy()),
              String.format(Locale.ROOT, "%.3f .. %.3f", r.minAccuracy(), r.maxAccuracy()),
              r.diverged() + " / " + r.seeds()));
    }
    doc.table(
        List.of(
            "N_t",
            "method",
            "final training loss",
            "final test accuracy",
            "range over seeds",
            "diverged"),
        rows);
    for (int n : t.steps()) {
      doc.paragraph(verdict(trained, n) + " " + exactness(curves, n));
    }
    for (int n : t.steps()) {
      XYChart loss = Charts.chart(dataset + ", Euler N_t = " + n, "iteration", "training loss");
      XYChart acc = Charts.chart(dataset + ", Euler N_t = " + n, "iteration", "test accuracy");
      acc.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
      int k = 0;
      for (TrainingMethod m : TrainingMethod.values()) {
        for (TrainingStudy.Curve c : curves) {
          if (!c.cell().method().equals(m.id()) || c.cell().steps() != n) {
            continue;
          }
          String name = m.id() + " seed " + c.cell().seed();
          List<Double> xs = new ArrayList<>();
          List<Double> ls = new ArrayList<>();
          List<Double> as = new ArrayList<>();
          for (TrainingStudy.LogPoint p : c.points()) {
            xs.add((double) p.iteration());
            ls.add(p.trainLoss());
            as.add(p.testAccuracy());
          }
          if (xs.isEmpty()) {
            continue;
          }
          style(loss.addSeries(name, xs, ls), COLOURS[k], m == TrainingMethod.DTO);
          style(acc.addSeries(name, xs, as), COLOURS[k], m == TrainingMethod.DTO);
        }
        k++;
      }
      Charts.save(loss, plots, "training-loss-N" + n);
      Charts.save(acc, plots, "test-accuracy-N" + n);
      doc.image("plots/training-loss-N" + n + ".png", "training loss, N_t = " + n);
      doc.image("plots/test-accuracy-N" + n + ".png", "test accuracy, N_t = " + n);
    }
  }

  private static void style(XYSeries s, Color c, boolean dashed) {
    s.setLineColor(c);
    s.setMarkerColor(c);
    s.setMarker(dashed ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    if (dashed) {
      s.setLineStyle(Ids.dashed(2f));
    }
  }

  /** Says, from the table alone, how OTD compares with DTO at N_t = n. */
  private static String verdict(List<AnodeReport.Trained> trained, int n) {
    AnodeReport.Trained dto = find(trained, TrainingMethod.DTO, n);
    AnodeReport.Trained otd = find(trained, TrainingMethod.OTD, n);
    if (dto == null || otd == null) {
      return "";
    }
    double gap = dto.meanAccuracy() - otd.meanAccuracy();
    String head =
        String.format(
            Locale.ROOT,
            "N_t = %d: OTD ends at %.3f test accuracy against DTO's %.3f (%+.3f)",
            n,
            otd.meanAccuracy(),
            dto.meanAccuracy(),
            -gap);
    if (otd.diverged() > 0) {
      return head + "; OTD diverged in " + otd.diverged() + " of " + otd.seeds() + " seed(s).";
    }
    if (gap > Math.max(0.01, dto.maxAccuracy() - dto.minAccuracy())) {
      return head
          + ": OTD trained worse here, in the direction the paper claims"
          + (otd.seeds() < 2
              ? " (one seed: the spread between seeds is not measured, so a small gap may be"
                  + " noise)."
              : ", by more than DTO's spread over seeds.");
    }
    return head
        + ": in this run OTD did not train worse than DTO; the paper's claim is not"
        + " reproduced at this N_t.";
  }

  /** DTO and backprop are both exact: says whether their curves agree. */
  private static String exactness(List<TrainingStudy.Curve> curves, int n) {
    double worst = 0;
    boolean any = false;
    for (TrainingStudy.Curve d : curves) {
      if (!d.cell().method().equals(TrainingMethod.DTO.id()) || d.cell().steps() != n) {
        continue;
      }
      for (TrainingStudy.Curve b : curves) {
        if (b.cell().method().equals(TrainingMethod.BACKPROP.id())
            && b.cell().steps() == n
            && b.cell().seed() == d.cell().seed()
            && b.points().size() == d.points().size()) {
          any = true;
          for (int i = 0; i < b.points().size(); i++) {
            worst =
                Math.max(
                    worst, Math.abs(b.points().get(i).trainLoss() - d.points().get(i).trainLoss()));
          }
        }
      }
    }
    return any
        ? String.format(
            Locale.ROOT,
            "DTO and backprop, both exact, differ by at most %.1e in logged training loss.",
            worst)
        : "";
  }

  private static AnodeReport.Trained find(
      List<AnodeReport.Trained> trained, TrainingMethod m, int n) {
    return trained.stream()
        .filter(t -> t.method().equals(m.id()) && t.steps() == n)
        .findFirst()
        .orElse(null);
  }
}

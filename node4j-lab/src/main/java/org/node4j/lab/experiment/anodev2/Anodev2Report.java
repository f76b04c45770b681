package org.node4j.lab.experiment.anodev2;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.node4j.lab.experiment.Charts;
import org.node4j.lab.experiment.ReportDoc;
import org.node4j.lab.experiment.anode.AnodeSettings;
import org.node4j.lab.experiment.anode.TrainingStudy;
import org.node4j.lab.grid.CellSpec;
import org.node4j.nn.io.AtomicFiles;

/**
 * results.csv, training.csv, the plots (PNG and SVG) and report.md/report.html of {@code node4j
 * experiment anodev2}, built from the cells' run directories alone, with ANODEV2's claim next to
 * the measured figures.
 */
public final class Anodev2Report {
  private static final Color[] COLOURS = {
    new Color(0x7f7f7f), new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)
  };

  private final Anodev2Settings settings;
  private final Path out;

  /** A report of a run of {@code settings} into {@code out}. */
  public Anodev2Report(Anodev2Settings settings, Path out) {
    this.settings = settings;
    this.out = out;
  }

  /**
   * The final figures of one model over its seeds.
   *
   * @param model the model's id
   * @param meanLoss the mean over seeds of the last logged training loss
   * @param meanAccuracy the mean over seeds of the last test accuracy
   * @param spread half the range of the last test accuracies over seeds (0 for one seed)
   * @param diverged seeds whose loss became non-finite
   * @param seeds seeds run
   */
  public record Trained(
      String model, double meanLoss, double meanAccuracy, double spread, int diverged, int seeds) {}

  /**
   * The headline figures.
   *
   * @param dataset the data set trained on
   * @param trained one row per model
   * @param verdict whether an ANODEV2 model beat both baselines, in words
   */
  public record Summary(String dataset, List<Trained> trained, String verdict) {}

  /** Reads the run directories of {@code cells} and writes every output file. */
  public Summary write(Path runs, List<CellSpec> cells, String dataset) throws IOException {
    List<String> models = new ArrayList<>();
    List<TrainingStudy.Curve> curves = new ArrayList<>();
    for (CellSpec c : cells) {
      models.add(Anodev2Cells.read(c).model());
      curves.add(TrainingStudy.read(runs.resolve(c.id())));
    }
    List<Trained> trained = new ArrayList<>();
    for (Anodev2Model m : Anodev2Model.values()) {
      trained.add(trained(m, models, curves));
    }
    writeCsv(models, curves);
    Path plots = out.resolve("plots");
    Files.createDirectories(plots);
    String verdict = verdict(trained);
    ReportDoc doc = new ReportDoc();
    doc.heading(1, "ANODEV2 against a ResNet stage and ANODE (" + settings.mode() + " run)");
    AnodeSettings.Training t = settings.training();
    doc.paragraph(
        "ANODEV2 (Zhang, Yao, Gholami et al., NeurIPS 2019) lets the ODE block's weights evolve"
            + " by their own ODE theta' = q(theta, p), coupled with the activations z' = f(z;"
            + " theta), and differentiates the pair exactly with ANODE's DTO and checkpointing. Its"
            + " abstract claims higher accuracy than the baseline and the neural ODE on CIFAR-10;"
            + " the paper's numbers and its q are not published (docs/REFERENCES.md), so only the"
            + " direction of the claim can be checked.");
    doc.paragraph(
        t.dataSentence(dataset)
            + " Network (`OdeResNet`, the same layers for every model): stem"
            + " conv3x3 (8) + BN + ReLU, two stages of a stride-2 conv3x3 + BN + ReLU transition"
            + " (8, then 16 channels) and one block with body f = ReLU(conv3x3(ReLU(conv3x3 z))),"
            + " global average pool, linear head. Models: **resnet**, the block is one residual"
            + " step z + f(z) (backprop); **anode**, a neural ODE block over [0, 1] with Euler and"
            + " N_t = "
            + settings.steps()
            + ", DTO; **anodev2-gain-drift**, the block's weights evolve by q_j = -lambda theta_j"
            + " + g_j tanh(theta_j) + b_j (lambda = "
            + settings.lambda()
            + ", our choice); **anodev2-rda**, by our reaction-diffusion-advection law on each"
            + " 3x3 kernel, q = d Lap(theta) - u Dx(theta) - v Dy(theta) + r tanh(theta) (five-point"
            + " Laplacian and central differences on the kernel's grid, zero outside it; biases"
            + " only react), with learned scalars (d, u, v, r) per tensor, zero at the start. Both"
            + " ANODEV2 models use Euler, N_t = "
            + settings.steps()
            + ", DTO (the gradient with each q matches central finite differences in float64:"
            + " `WeightDynamicsTest`, `Anodev2ResNetTest`); q = 0 is ANODE exactly. Adam, lr "
            + t.lr()
            + ", batch "
            + t.batch()
            + ", "
            + t.iterations()
            + " iterations, "
            + t.seeds().size()
            + " seed(s). Training loss: mean over the iterations since the previous log point.");
    List<List<String>> rows = new ArrayList<>();
    for (Trained r : trained) {
      rows.add(
          List.of(
              r.model(),
              String.format(Locale.ROOT, "%.4f", r.meanLoss()),
              String.format(Locale.ROOT, "%.3f ± %.3f", r.meanAccuracy(), r.spread()),
              r.diverged() + " / " + r.seeds()));
    }
    doc.table(
        List.of(
            "model",
            "final training loss (mean)",
            "final test accuracy (mean ± half range over seeds)",
            "diverged"),
        rows);
    doc.paragraph(verdict);
    curvesPlot(doc, plots, models, curves, dataset);
    AtomicFiles.writeString(out.resolve("report.md"), doc.markdown());
    AtomicFiles.writeString(
        out.resolve("report.html"), doc.html("ANODEV2 against a ResNet stage and ANODE"));
    return new Summary(dataset, trained, verdict);
  }

  private static Trained trained(
      Anodev2Model m, List<String> models, List<TrainingStudy.Curve> curves) {
    double loss = 0;
    double acc = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    int n = 0;
    int diverged = 0;
    for (int i = 0; i < curves.size(); i++) {
      TrainingStudy.Curve c = curves.get(i);
      if (!models.get(i).equals(m.id())) {
        continue;
      }
      n++;
      if (c.diverged() || c.points().isEmpty()) {
        diverged++;
        continue;
      }
      TrainingStudy.LogPoint last = c.points().get(c.points().size() - 1);
      loss += last.trainLoss();
      acc += last.testAccuracy();
      lo = Math.min(lo, last.testAccuracy());
      hi = Math.max(hi, last.testAccuracy());
    }
    int ok = n - diverged;
    return new Trained(
        m.id(),
        ok == 0 ? Double.NaN : loss / ok,
        ok == 0 ? Double.NaN : acc / ok,
        ok == 0 ? Double.NaN : (hi - lo) / 2,
        diverged,
        n);
  }

  /** Says, from the table alone, whether an ANODEV2 model beat both baselines. */
  static String verdict(List<Trained> trained) {
    Trained best = null;
    for (Trained t : trained) {
      if (!t.model().startsWith("anodev2")
          && (best == null || t.meanAccuracy() > best.meanAccuracy())) {
        best = t;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (Trained t : trained) {
      if (!t.model().startsWith("anodev2")) {
        continue;
      }
      double gap = t.meanAccuracy() - best.meanAccuracy();
      double noise = Math.max(t.spread(), best.spread());
      sb.append(
          String.format(
              Locale.ROOT,
              "%s ends at %.3f mean test accuracy against the best baseline (%s) at %.3f"
                  + " (%+.3f): ",
              t.model(),
              t.meanAccuracy(),
              best.model(),
              best.meanAccuracy(),
              gap));
      if (t.seeds() < 2) {
        sb.append("one seed, so the spread between seeds is not measured. ");
      } else if (gap > noise) {
        sb.append("higher, by more than the half range over seeds, as the paper claims. ");
      } else if (gap < -noise) {
        sb.append("lower, by more than the half range over seeds; the claim is not reproduced. ");
      } else {
        sb.append("within the half range over seeds; the claim is not reproduced in this run. ");
      }
    }
    return sb.toString().trim();
  }

  private void writeCsv(List<String> models, List<TrainingStudy.Curve> curves) throws IOException {
    StringBuilder res =
        new StringBuilder(
            "dataset,model,steps,seed,final_train_loss,final_test_accuracy,diverged\n");
    StringBuilder log =
        new StringBuilder("dataset,model,steps,seed,iteration,train_loss,test_accuracy,diverged\n");
    for (int i = 0; i < curves.size(); i++) {
      TrainingStudy.Curve c = curves.get(i);
      TrainingStudy.Cell cell = c.cell();
      String head =
          String.format(
              Locale.ROOT, "%s,%s,%d,%d", cell.dataset(), models.get(i), cell.steps(), cell.seed());
      for (TrainingStudy.LogPoint p : c.points()) {
        log.append(
            String.format(
                Locale.ROOT,
                "%s,%d,%.6f,%.4f,%b%n",
                head,
                p.iteration(),
                p.trainLoss(),
                p.testAccuracy(),
                c.diverged()));
      }
      TrainingStudy.LogPoint last =
          c.points().isEmpty() ? null : c.points().get(c.points().size() - 1);
      res.append(
          String.format(
              Locale.ROOT,
              "%s,%.6f,%.4f,%b%n",
              head,
              last == null ? Double.NaN : last.trainLoss(),
              last == null ? Double.NaN : last.testAccuracy(),
              c.diverged()));
    }
    AtomicFiles.writeString(out.resolve("results.csv"), res.toString());
    AtomicFiles.writeString(out.resolve("training.csv"), log.toString());
  }

  private static void curvesPlot(
      ReportDoc doc,
      Path plots,
      List<String> models,
      List<TrainingStudy.Curve> curves,
      String dataset)
      throws IOException {
    XYChart loss = Charts.chart(dataset, "iteration", "training loss");
    XYChart acc = Charts.chart(dataset, "iteration", "test accuracy");
    acc.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    Anodev2Model[] all = Anodev2Model.values();
    for (int k = 0; k < all.length; k++) {
      for (int i = 0; i < curves.size(); i++) {
        TrainingStudy.Curve c = curves.get(i);
        if (!models.get(i).equals(all[k].id()) || c.points().isEmpty()) {
          continue;
        }
        List<Double> xs = new ArrayList<>();
        List<Double> ls = new ArrayList<>();
        List<Double> as = new ArrayList<>();
        for (TrainingStudy.LogPoint p : c.points()) {
          xs.add((double) p.iteration());
          ls.add(p.trainLoss());
          as.add(p.testAccuracy());
        }
        String name = all[k].id() + " seed " + c.cell().seed();
        style(loss.addSeries(name, xs, ls), COLOURS[k]);
        style(acc.addSeries(name, xs, as), COLOURS[k]);
      }
    }
    Charts.save(loss, plots, "training-loss");
    Charts.save(acc, plots, "test-accuracy");
    doc.image("plots/training-loss.png", "training loss against iterations, every model and seed");
    doc.image("plots/test-accuracy.png", "test accuracy against iterations, every model and seed");
  }

  private static void style(XYSeries s, Color c) {
    s.setLineColor(c);
    s.setMarkerColor(c);
    s.setMarker(SeriesMarkers.CIRCLE);
  }
}

package org.node4j.lab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.node4j.lab.experiment.anodev2.Anodev2Experiment;
import org.node4j.lab.experiment.anodev2.Anodev2Report;
import org.node4j.lab.experiment.anodev2.Anodev2Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code node4j experiment anodev2}: ANODEV2 against a ResNet stage and ANODE. */
@Command(
    name = "anodev2",
    mixinStandardHelpOptions = true,
    description = {
      "ANODEV2 (Zhang et al., NeurIPS 2019): a small ResNet of two stages whose ODE blocks'"
          + " weights evolve by theta' = q(theta, p) (q = gain-drift, or our reaction-diffusion-"
          + "advection law on the 3x3 kernels; the paper's q is unpublished), trained with DTO at"
          + " Euler N_t = 2, against the same network with a plain residual step (resnet) and"
          + " with a neural ODE block (anode), on CIFAR-10 when present, else Fashion-MNIST, else"
          + " MNIST.",
      "Full: 3 seeds, 3000 iterations on the whole training set (about half a CPU-hour,"
          + " extrapolated from the quick run, not measured). --quick: 2 seeds, 300 iterations on"
          + " 6000 images (about 1.5 CPU-minutes).",
      "Writes OUT/results.csv, OUT/training.csv, plots (PNG and SVG) and"
          + " OUT/report.md/report.html; finished cells in OUT/runs are reused and a cell"
          + " resumes from its last checkpoint, so an interrupted run continues."
    })
final class Anodev2Command implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private JsonOption json;

  @Mixin private ExperimentRunOptions run;

  @Mixin private GridOptions grid;

  @Override
  public Integer call() throws IOException {
    Anodev2Settings s =
        run.tiny
            ? Anodev2Settings.tiny()
            : run.quick ? Anodev2Settings.quick() : Anodev2Settings.full();
    Path dir = run.outDir("anodev2", s.mode());
    PrintWriter err = spec.commandLine().getErr();
    Anodev2Experiment.Outcome o =
        new Anodev2Experiment(s, grid.engine(), dir, run.dataDir(), ExperimentRunOptions.lines(err))
            .run();
    PrintWriter w = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.print(w, o.summary());
      return 0;
    }
    w.printf(Locale.ROOT, "data    %s%n", o.summary().dataset());
    for (Anodev2Report.Trained t : o.summary().trained()) {
      w.printf(
          Locale.ROOT,
          "%-20s test accuracy %.3f ± %.3f  loss %.4f  diverged %d/%d%n",
          t.model(),
          t.meanAccuracy(),
          t.spread(),
          t.meanLoss(),
          t.diverged(),
          t.seeds());
    }
    w.println(o.summary().verdict());
    w.printf(Locale.ROOT, "report  %s%n", dir.resolve("report.html"));
    w.printf(Locale.ROOT, "time    %.0f s%n", o.wallSeconds());
    w.flush();
    return 0;
  }
}

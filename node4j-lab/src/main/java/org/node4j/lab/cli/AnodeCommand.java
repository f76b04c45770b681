package org.node4j.lab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.node4j.lab.experiment.anode.AnodeExperiment;
import org.node4j.lab.experiment.anode.AnodeReport;
import org.node4j.lab.experiment.anode.AnodeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code node4j experiment anode}: ANODE's gradient-consistency and memory claims. */
@Command(
    name = "anode",
    mixinStandardHelpOptions = true,
    description = {
      "ANODE (Gholami et al., IJCAI 2019): for a ReLU MLP field, a tanh control and a conv block"
          + " in float64, the relative error of the OTD gradient (continuous adjoint, same scheme"
          + " and N_t backward) and of DTO with checkpointing against backprop through the N_t"
          + " steps, for euler, midpoint (RK2) and rk4 at N_t = 1 .. 64, with order fits and the"
          + " backward reconstruction error of z(0); then the bytes held, the records kept, the"
          + " retained heap and the peak RSS (a child JVM per point) of one training iteration of"
          + " a network of L ODE blocks for backprop, ANODE checkpointing, binomial"
          + " checkpointing and OTD against L and N_t.",
      "Then a small ResNet of two ODE blocks trained with backprop, DTO and OTD at Euler N_t = 2"
          + " and 8 on CIFAR-10 when present, else Fashion-MNIST, else MNIST.",
      "Full: 3 seeds, memory and peak RSS at L = 1, 2, 4, 8 and N_t = 2 .. 64, 3000 training"
          + " iterations on the whole training set (about two CPU-hours, extrapolated). --quick:"
          + " 1 seed, L = 1, 2, 4, N_t = 2 .. 16, peak RSS at L = 2, 4 and N_t = 8, 16, 300"
          + " iterations on 6000 images (about 3.2 CPU-minutes).",
      "The consistency cells run on --engine (--jobs at a time locally); the memory cells run"
          + " one at a time in this JVM, since their heap figure needs it to themselves.",
      "Writes OUT/results.csv, plots (PNG and SVG) and OUT/report.md/report.html; finished cells"
          + " in OUT/runs are reused, so an interrupted run continues."
    })
final class AnodeCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private JsonOption json;

  @Mixin private ExperimentRunOptions run;

  @Mixin private GridOptions grid;

  @Override
  public Integer call() throws IOException {
    AnodeSettings s =
        run.tiny ? AnodeSettings.tiny() : run.quick ? AnodeSettings.quick() : AnodeSettings.full();
    Path dir = run.outDir("anode", s.mode());
    PrintWriter err = spec.commandLine().getErr();
    AnodeExperiment.Outcome o =
        new AnodeExperiment(s, grid.engine(), dir, run.dataDir(), ExperimentRunOptions.lines(err))
            .run();
    PrintWriter w = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.print(w, o.summary());
      return 0;
    }
    w.printf(Locale.ROOT, "DTO max relative error  %.2e%n", o.summary().maxDtoError());
    for (AnodeReport.Fit f : o.summary().fits()) {
      w.printf(
          Locale.ROOT,
          "OTD slope %-9s %-9s %s%n",
          f.field(),
          f.scheme(),
          f.fit() == null
              ? "too few points"
              : String.format(
                  Locale.ROOT,
                  "%.2f (R² %.3f, N_t %d..%d; expected %d)",
                  f.fit().slope(),
                  f.fit().rSquared(),
                  f.fit().fromSteps(),
                  f.fit().toSteps(),
                  -f.order()));
    }
    for (AnodeReport.Growth g : o.summary().growth()) {
      w.printf(
          Locale.ROOT,
          "memory %-9s %-24s x when L, N_t, both double [L·N_t term KiB]: held x%.2f x%.2f"
              + " x%.2f [%.0f], heap x%.2f x%.2f x%.2f [%.0f], RSS x%.2f x%.2f x%.2f [%.0f]%n",
          g.method(),
          g.claim(),
          g.held().l(),
          g.held().n(),
          g.held().both(),
          g.held().productTerm() / 1024,
          g.heap().l(),
          g.heap().n(),
          g.heap().both(),
          g.heap().productTerm() / 1024,
          g.rss().l(),
          g.rss().n(),
          g.rss().both(),
          g.rss().productTerm() / 1024);
    }
    w.printf(Locale.ROOT, "report  %s%n", dir.resolve("report.html"));
    w.printf(Locale.ROOT, "time    %.0f s%n", o.wallSeconds());
    w.flush();
    return 0;
  }
}

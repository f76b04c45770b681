package org.node4j.lab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.node4j.lab.experiment.sander.ResnetToOde;
import org.node4j.lab.experiment.sander.SanderSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code node4j experiment resnet-to-ode}: Sander, Ablin and Peyré (NeurIPS 2022). */
@Command(
    name = "resnet-to-ode",
    mixinStandardHelpOptions = true,
    description = {
      "Sander, Ablin and Peyré, \"Do residual neural networks discretize neural ODEs?\""
          + " (NeurIPS 2022): the distance between a ResNet and its neural ODE against depth for"
          + " smooth, alternating and i.i.d. weights (N = 4..1024); memory-free Euler and Heun"
          + " gradients against backpropagation (N = 8..512) and on a trained network; memory"
          + " against depth on the paper's tied 500-8-500 MLP probe (child JVMs); the linear"
          + " ResNet of Fig. 2 (N = 50..400); the image depth sweep of Fig. 3c/4 (tiny ResNet,"
          + " Euler or Heun steps, backprop or memory-free gradients, N = 2..64, CIFAR-10 when"
          + " present, else Fashion-MNIST as a stand-in). Writes results.csv, PNG and SVG plots and"
          + " report.md/report.html.",
      "--quick: N = 4..256 and 8..128, one seed, memory at depths 1, 51, 101, 151; depth sweep"
          + " at N = 2, 4, 8, three seeds, on 1280 images for 4 epochs (about 340 CPU-seconds with"
          + " the jar's build: some 3 to 4 minutes on 2 idle cores).",
      "Parts 1, 2, 4 and 5 run on --engine (--jobs at a time locally, by default one cell per"
          + " processor, each on one thread; one Spark task per cell with --engine spark); the"
          + " memory cells of part 3 run afterwards one at a time on this machine, since each"
          + " measures the peak RSS of a child JVM that needs the machine to itself.",
      "Finished cells in OUT/runs are reused and training cells resume from their checkpoints,"
          + " so an interrupted run continues."
    })
final class ResnetToOdeCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private JsonOption json;

  @Option(names = "--quick", description = "Run the reduced protocol described above.")
  private boolean quick;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "The output directory (default: runs/resnet-to-ode[-quick]).")
  private Path out;

  @Mixin private GridOptions grid;

  @Option(names = "--tiny", hidden = true, description = "Test-only: a seconds-long run.")
  private boolean tiny;

  @Override
  public Integer call() throws IOException {
    SanderSettings s =
        tiny ? SanderSettings.tiny() : quick ? SanderSettings.quick() : SanderSettings.full();
    Path dir =
        out != null
            ? out
            : Path.of(
                "runs", "full".equals(s.mode()) ? "resnet-to-ode" : "resnet-to-ode-" + s.mode());
    int jobs = grid.jobsOrProcessors(spec);
    PrintWriter err = spec.commandLine().getErr();
    ResnetToOde.Outcome o =
        new ResnetToOde(
                s,
                dir,
                grid.engine(jobs),
                grid.threadsPerCell(jobs),
                line -> {
                  err.println(line);
                  err.flush();
                })
            .run();
    PrintWriter w = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.print(w, new Summary(dir.toString(), o.headline(), o.failed(), o.wallSeconds()));
    } else {
      o.headline().forEach(w::println);
      o.failed().forEach(f -> w.println("FAILED " + f));
      w.printf(Locale.ROOT, "report  %s%n", dir.resolve("report.html"));
      w.printf(Locale.ROOT, "results %s%n", dir.resolve("results.csv"));
      w.printf(Locale.ROOT, "time    %.0f s%n", o.wallSeconds());
    }
    w.flush();
    return o.failed().isEmpty() ? 0 : 1;
  }

  /** What {@code --json} prints. */
  record Summary(String out, List<String> headline, List<String> failed, double wallSeconds) {}
}

package org.node4j.lab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.node4j.lab.config.UsageException;
import org.node4j.lab.experiment.marion.ImageSettings;
import org.node4j.lab.experiment.marion.ImplicitRegularization;
import org.node4j.lab.experiment.marion.MarionReport;
import org.node4j.lab.experiment.marion.MarionSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code node4j experiment implicit-regularization}: Marion et al. (ICLR 2024). */
@Command(
    name = "implicit-regularization",
    mixinStandardHelpOptions = true,
    description = {
      "Marion et al.'s \"Implicit regularization of deep residual networks towards neural ODEs\""
          + " (ICLR 2024): the residual perceptron trained by gradient descent from a weight-tied"
          + " initialisation. Fig. 1 (max over layers and iterations of the jump between"
          + " successive layers against the depth L = 2 .. 1024 at T = 500, and the distance to a"
          + " depth-2^14 reference), Fig. 2 (L = 64, 80 000 iterations: loss and weights against"
          + " the layer), the depth-agreement check (L = 32, 64, 128), sigma x initialisation,"
          + " the ReLU counter-example, and the image experiment (Table 1: the tiny ResNet of depth"
          + " 256 with identity, GELU or ReLU and tied or i.i.d. initialisation, on CIFAR-10, else"
          + " Fashion-MNIST as a stand-in); writes results.csv, plots (PNG and SVG) and"
          + " report.md/report.html. Full mode: about 0.9 CPU-hours without the image experiment,"
          + " which is GPU work (about a CPU-week per training, 30 trainings).",
      "--quick: L = 2 .. 64 against a depth-256 reference, 10 000 iterations for Fig. 2, the"
          + " check at L = 16, 32, 64 for 1000, sigma x init at L = 8, 32 for 200, and a CPU-sized"
          + " image experiment (L = 16, 1024 training images, 64 iterations per training; drop it"
          + " with --no-images). Without --jobs, one cell per processor, each on one thread; the"
          + " report gives the run's estimated cost.",
      "Finished cells in OUT/runs are reused and interrupted ones resume, so a killed"
          + " experiment continues."
    })
final class ImplicitRegularizationCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private JsonOption json;
  @Mixin private GridOptions grid;

  @Option(names = "--quick", description = "Run the reduced protocol described above.")
  private boolean quick;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "The output directory (default: runs/implicit-regularization[-quick]).")
  private Path out;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed (default 0).")
  private long seed;

  @Option(names = "--tiny", hidden = true, description = "Test-only: a seconds-long run.")
  private boolean tiny;

  @Option(
      names = "--no-images",
      description =
          "Skip the image experiment (Table 1), in any mode; without data (CIFAR-10 or"
              + " Fashion-MNIST) it is skipped anyway, and the report says how to fetch some.")
  private boolean noImages;

  @Option(
      names = "--images",
      hidden = true,
      description = "Kept for old scripts: the image experiment now runs by default.")
  private boolean images;

  @Override
  public Integer call() throws IOException {
    MarionSettings s =
        (tiny ? MarionSettings.tiny() : quick ? MarionSettings.quick() : MarionSettings.full())
            .withSeed(seed);
    if (noImages) {
      if (images) {
        throw new UsageException("--images and --no-images contradict each other; give one");
      }
      s = s.withImages(ImageSettings.none());
    } else if (tiny) {
      s = s.withImages(ImageSettings.tiny());
    }
    Path dir =
        out != null ? out : Path.of("runs", "implicit-regularization" + (quick ? "-quick" : ""));
    int jobs = grid.jobsOrProcessors(spec);
    PrintWriter err = spec.commandLine().getErr();
    ImplicitRegularization.Outcome o =
        new ImplicitRegularization(
                s,
                dir,
                grid.engine(jobs),
                grid.threadsPerCell(jobs),
                line -> {
                  err.println(line);
                  err.flush();
                })
            .run();
    MarionReport.Headline h = o.headline();
    PrintWriter w = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.print(w, new Summary(dir.toString(), h, o.failedCells(), o.wallSeconds()));
    } else {
      w.printf(Locale.ROOT, "%s%n", MarionReport.headline(h).replace("**", ""));
      w.printf(Locale.ROOT, "report   %s%n", dir.resolve("report.html"));
      w.printf(Locale.ROOT, "results  %s%n", dir.resolve("results.csv"));
      w.printf(Locale.ROOT, "time     %.0f s%n", o.wallSeconds());
      w.flush();
    }
    return o.failedCells() == 0 ? 0 : 1;
  }

  /** What {@code --json} prints. */
  record Summary(String out, MarionReport.Headline headline, int failedCells, double wallSeconds) {}
}

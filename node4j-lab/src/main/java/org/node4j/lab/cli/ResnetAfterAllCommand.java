package org.node4j.lab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.node4j.lab.config.DatasetName;
import org.node4j.lab.config.UsageException;
import org.node4j.lab.experiment.CriticalRange;
import org.node4j.lab.experiment.Fig4Settings;
import org.node4j.lab.experiment.ResnetAfterAll;
import org.node4j.lab.experiment.ResnetAfterAllSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code node4j experiment resnet-after-all}: Ott et al.'s protocol, the project's main job. */
@Command(
    name = "resnet-after-all",
    mixinStandardHelpOptions = true,
    description = {
      "Ott et al.'s \"ResNet after all?\" protocol (ICLR 2021): train the neural ODE classifier"
          + " with Euler at K_train = 2, 4, ..., 256 steps (5 seeds, 10 000 iterations, Adam lr"
          + " 1e-4, batch 128), test every model with euler, midpoint and rk4-38 at K_test = 1, 2,"
          + " ..., 1024, train with step-size adaptation, then write results.csv, plots (PNG and"
          + " SVG) and report.md/report.html with the critical step range and Table 1.",
      "Images (--dataset mnist|fashion-mnist|cifar10) use the image block with K_train = 2 .. 32,"
          + " K_test = 1 .. 128, batch 256, lr 1e-3, 7 800 iterations.",
      "--quick reduces this to 1 seed and, on sphere2, K_train = 2, 8, 32, 64, 128 with 1000"
          + " iterations at lr 1e-3, K_test = 1 .. 256 and 1000 step-adaptation iterations (a few"
          + " minutes on 2 cores); on images to K_train = 2, 8, 4000 training and 500 test"
          + " images, width 8, batch 64, 150 iterations, K_test = 1 .. 16, no step adaptation.",
      "Fig. 4 (on by default for the planar sets): rk4-38 at K_train = 1 .. 32, fehlberg2 and"
          + " dopri5 at tol_train = 1e-1 .. 1e-4 and under the paper's tolerance adaptation (from"
          + " 1e-6), tested at step factors 0.5 .. 2 or tolerance factors 0.1, 1, 10 with the"
          + " paper's test solvers (those of node4j evaluate); --quick: rk4-38 at K_train = 1, 2,"
          + " 8, tolerances 1e-1 .. 1e-3, adaptation from 1e-3, 1000 iterations. --fig4 off skips"
          + " it.",
      "Every run is a cell with its own directory in OUT/runs and writes checkpoints: finished runs"
          + " are reused and unfinished ones resume, so an interrupted (even killed) experiment"
          + " continues with the same results when started again."
    })
final class ResnetAfterAllCommand implements Callable<Integer> {
  private static final List<DatasetName> DATASETS =
      List.of(
          DatasetName.SPHERE2,
          DatasetName.THREE_MINIMA,
          DatasetName.XOR,
          DatasetName.MNIST,
          DatasetName.FASHION_MNIST,
          DatasetName.CIFAR10);

  @Spec private CommandSpec spec;
  @ParentCommand private ExperimentCommand parent;
  @Mixin private JsonOption json;

  @Option(names = "--quick", description = "Run the reduced protocol described above.")
  private boolean quick;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "The output directory (default: runs/resnet-after-all[-DATASET][-quick]).")
  private Path out;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      defaultValue = "sphere2",
      description =
          "sphere2 (default), three-minima, xor (the paper's planar sets, with Sphere2's model),"
              + " mnist, fashion-mnist or cifar10 (the image block).")
  private String dataset;

  @Option(
      names = "--seeds",
      split = ",",
      paramLabel = "S",
      description =
          "The training seeds, a list with ranges, e.g. 0,1,2 or 0..4 (default: 0..4, quick: 0)."
              + " Runs already finished for a seed are reused.")
  private List<String> seeds;

  @Option(
      names = "--k-train",
      split = ",",
      paramLabel = "K",
      description = "The Euler step counts to train with, e.g. 2,8,32,128.")
  private List<Integer> kTrain;

  @Option(names = "--lr", paramLabel = "LR", description = "Override Adam's learning rate.")
  private Double lr;

  @Mixin private GridOptions grid;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      description = "Override the training iterations of every run.")
  private Integer iterations;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where the real data sets are (default: $NODE4J_DATASETS or ~/.cache/node4j/datasets).")
  private Path dataDir;

  @Option(
      names = "--fig4",
      paramLabel = "on|off",
      description =
          "Run the Fig. 4 part (rk4-38, adaptive solvers, tolerance adaptation): on (default for"
              + " sphere2, three-minima, xor) or off (default for images).")
  private String fig4;

  @Option(names = "--tiny", hidden = true, description = "Test-only: a seconds-long Sphere2 run.")
  private boolean tiny;

  @Override
  public Integer call() throws IOException {
    ResnetAfterAllSettings s = settings();
    Path dir = out != null ? out : defaultOut(s);
    // Without --jobs, the local engine runs one cell per processor, each on one thread.
    boolean jobsGiven = spec.commandLine().getParseResult().hasMatchedOption("--jobs");
    int jobs = jobsGiven ? grid.jobs() : Runtime.getRuntime().availableProcessors();
    PrintWriter err = spec.commandLine().getErr();
    ResnetAfterAll.Outcome o =
        new ResnetAfterAll(
                s,
                dir,
                grid.engine(jobs),
                grid.local() && jobs == 1 ? 0 : 1,
                line -> {
                  err.println(line);
                  err.flush();
                })
            .run();
    PrintWriter w = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.print(
          w,
          new Summary(
              dir.toString(),
              o.critical().describe(),
              o.critical().below(),
              o.critical().above(),
              o.wallSeconds()));
      return 0;
    }
    w.printf(Locale.ROOT, "K_train  own solver  worst finer solver%n");
    for (CriticalRange.Verdict v : o.critical().verdicts()) {
      w.printf(
          Locale.ROOT,
          "%7d  %10.3f  %18.3f  (%s)%n",
          v.trainSteps(),
          v.trainAccuracy(),
          v.worstAccuracy(),
          v.worstCase());
    }
    w.printf(Locale.ROOT, "critical range  %s%n", o.critical().describe());
    w.printf(Locale.ROOT, "report          %s%n", dir.resolve("report.html"));
    w.printf(Locale.ROOT, "results         %s%n", dir.resolve("results.csv"));
    w.printf(Locale.ROOT, "time            %.0f s%n", o.wallSeconds());
    w.flush();
    return 0;
  }

  /** What {@code --json} prints. */
  record Summary(String out, String critical, Integer below, Integer above, double wallSeconds) {}

  private ResnetAfterAllSettings settings() {
    DatasetName d =
        DATASETS.stream()
            .filter(n -> n.id().equals(dataset))
            .findFirst()
            .orElseThrow(
                () ->
                    new UsageException(
                        "unknown --dataset '"
                            + dataset
                            + "'; valid: "
                            + String.join(", ", DATASETS.stream().map(DatasetName::id).toList())));
    if (tiny && !ResnetAfterAllSettings.planar(d)) {
      throw new UsageException("--tiny runs on the planar sets only");
    }
    ResnetAfterAllSettings s =
        tiny
            ? ResnetAfterAllSettings.tiny().toBuilder().dataset(d).build()
            : quick ? ResnetAfterAllSettings.quick(d) : ResnetAfterAllSettings.full(d);
    if (fig4 != null) {
      s = s.toBuilder().fig4(fig4Settings(s)).build();
    }
    ResnetAfterAllSettings base = s;
    if (seeds != null) {
      s = UserInput.of("--seeds", () -> base.withSeeds(seedList(seeds)));
    }
    if (kTrain != null) {
      s = s.withTrainSteps(kTrain);
    }
    if (lr != null) {
      s = s.withLearningRate(lr);
    }
    ResnetAfterAllSettings seeded = s;
    if (iterations != null) {
      s = UserInput.of("--iterations", () -> seeded.withIterations(iterations));
    }
    if (dataDir != null) {
      s = s.withDataDir(dataDir.toString());
    }
    return s;
  }

  /** Reads {@code --fig4}: off, or on with the mode's Fig. 4 settings. */
  private Fig4Settings fig4Settings(ResnetAfterAllSettings s) {
    switch (fig4) {
      case "off":
        return Fig4Settings.off();
      case "on":
        if (s.fig4().enabled()) {
          return s.fig4();
        }
        return switch (s.mode()) {
          case "tiny" -> Fig4Settings.tiny(s.iterations());
          case "quick" -> Fig4Settings.quick(s.iterations());
          default -> Fig4Settings.full(s.iterations());
        };
      default:
        throw new UsageException("invalid --fig4 '" + fig4 + "'; valid: on, off");
    }
  }

  /** Reads {@code --seeds}: numbers and ranges {@code a..b} (both ends included). */
  static List<Long> seedList(List<String> items) {
    List<Long> out = new java.util.ArrayList<>();
    for (String item : items) {
      String t = item.trim();
      try {
        int dots = t.indexOf("..");
        if (dots < 0) {
          out.add(Long.parseLong(t));
        } else {
          long from = Long.parseLong(t.substring(0, dots));
          long to = Long.parseLong(t.substring(dots + 2));
          if (to < from || to - from > 10_000) {
            throw new NumberFormatException();
          }
          for (long x = from; x <= to; x++) {
            out.add(x);
          }
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "invalid --seeds item '" + item + "'; give seeds like 0,1,2 or a range like 0..4");
      }
    }
    return out;
  }

  private static Path defaultOut(ResnetAfterAllSettings s) {
    String name = "resnet-after-all";
    if (s.dataset() != DatasetName.SPHERE2) {
      name += "-" + s.dataset().id();
    }
    if (!"full".equals(s.mode())) {
      name += "-" + s.mode();
    }
    return Path.of("runs", name);
  }
}

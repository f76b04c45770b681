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
      "--quick reduces this to 1 seed and, on sphere2, K_train = 2, 8, 32, 128 with 3000"
          + " iterations at lr 3e-4, K_test = 1 .. 256 and 3000 step-adaptation iterations (about"
          + " 3 minutes on 2 cores); on images to K_train = 2, 8, 4000 training and 500 test"
          + " images, width 8, batch 64, 150 iterations, K_test = 1 .. 16, no step adaptation.",
      "Finished runs in OUT/runs are reused, so an interrupted experiment continues."
    })
final class ResnetAfterAllCommand implements Callable<Integer> {
  private static final List<DatasetName> DATASETS =
      List.of(
          DatasetName.SPHERE2, DatasetName.MNIST, DatasetName.FASHION_MNIST, DatasetName.CIFAR10);

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
      description = "sphere2 (default), mnist, fashion-mnist or cifar10.")
  private String dataset;

  @Option(names = "--seeds", paramLabel = "N", description = "Override the number of seeds.")
  private Integer seeds;

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

  @Option(names = "--tiny", hidden = true, description = "Test-only: a seconds-long Sphere2 run.")
  private boolean tiny;

  @Override
  public Integer call() throws IOException {
    ResnetAfterAllSettings s = settings();
    Path dir = out != null ? out : defaultOut(s);
    PrintWriter err = spec.commandLine().getErr();
    ResnetAfterAll.Outcome o =
        new ResnetAfterAll(
                s,
                dir,
                parent.lab().training(),
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
    if (tiny && d != DatasetName.SPHERE2) {
      throw new UsageException("--tiny runs on sphere2 only");
    }
    ResnetAfterAllSettings s =
        tiny
            ? ResnetAfterAllSettings.tiny()
            : quick ? ResnetAfterAllSettings.quick(d) : ResnetAfterAllSettings.full(d);
    ResnetAfterAllSettings base = s;
    if (seeds != null) {
      s = UserInput.of("--seeds", () -> base.withSeeds(seeds));
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

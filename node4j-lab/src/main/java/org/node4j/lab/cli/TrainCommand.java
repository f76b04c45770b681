package org.node4j.lab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.config.UsageException;
import org.node4j.lab.train.ConsoleProgress;
import org.node4j.lab.train.RunDirectory;
import org.node4j.lab.train.TrainingListener;
import org.node4j.lab.train.TrainingSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code node4j train}: trains an experiment configuration into a run directory. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train the model of an experiment configuration (YAML or JSON) and write a run directory:",
      "config.yaml, metrics.csv, eval.csv, checkpoints/, final.params, summary.json.",
      "A directory that holds a checkpoint is resumed from it with the same configuration."
    })
final class TrainCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private JsonOption json;
  @ParentCommand private Main main;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The experiment configuration; optional with --resume (the run's own is used).")
  private Path config;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "The run directory (default: runs/<config file name without extension>).")
  private Path out;

  @Option(
      names = "--resume",
      description = "Resume the run in --out; fail if it has no checkpoint.")
  private boolean resume;

  @Option(names = "--iterations", paramLabel = "N", description = "Override training.iterations.")
  private Integer iterations;

  @Option(names = "--seed", paramLabel = "S", description = "Override training.seed.")
  private Long seed;

  @Option(names = "--lr", paramLabel = "RATE", description = "Override optimizer.lr.")
  private Double lr;

  @Option(
      names = "--steps",
      paramLabel = "K",
      description = "Override integration.steps (and clear integration.stepSize).")
  private Integer steps;

  @Option(
      names = "--gradient",
      paramLabel = "NAME",
      description =
          "Override integration.gradient: stored, checkpointed, adjoint or memory-free (options"
              + " with --set integration.gradient.KEY=VALUE).")
  private String gradient;

  @Option(
      names = "--controller",
      paramLabel = "NAME",
      description =
          "Override integration.controller of an adaptive solver: integral, pi or pid"
              + " (coefficients with --set integration.controller.pcoeff=...).")
  private String controller;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override any key, e.g. --set stepAdaptation.mode=released; repeatable.")
  private List<String> sets = new ArrayList<>();

  @Option(names = "--no-progress", description = "Do not draw the progress bar.")
  private boolean noProgress;

  @Override
  public Integer call() throws IOException {
    Path dir = outDirectory();
    ExperimentConfig experiment = resolve(dir);
    if (resume && !new RunDirectory(dir).hasCheckpoint()) {
      throw new UsageException(
          dir + " has no checkpoint to resume; run without --resume to start it");
    }
    List<TrainingListener> listeners = new ArrayList<>();
    try (ConsoleProgress progress = new ConsoleProgress(System.err, "train")) {
      if (!noProgress && !json.enabled() && ConsoleProgress.isTerminal()) {
        listeners.add(progress);
      }
      TrainingSummary summary = main.lab().training().train(experiment, dir, listeners);
      print(dir, summary);
    }
    return 0;
  }

  private Path outDirectory() {
    if (out != null) {
      return out;
    }
    if (config == null) {
      throw new UsageException("give --config FILE, or --out DIR --resume");
    }
    String name = config.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return Path.of("runs", dot > 0 ? name.substring(0, dot) : name);
  }

  private ExperimentConfig resolve(Path dir) {
    List<String> overrides = new ArrayList<>();
    if (iterations != null) {
      overrides.add("training.iterations=" + iterations);
    }
    if (seed != null) {
      overrides.add("training.seed=" + seed);
    }
    if (lr != null) {
      overrides.add("optimizer.lr=" + lr);
    }
    if (steps != null) {
      overrides.add("integration.stepSize=null");
      overrides.add("integration.steps=" + steps);
    }
    if (gradient != null) {
      overrides.add("integration.gradient=" + gradient);
    }
    if (controller != null) {
      overrides.add("integration.controller=" + controller);
    }
    overrides.addAll(sets);
    if (config != null) {
      return main.lab().configs().load(config, overrides);
    }
    if (!resume) {
      throw new UsageException("give --config FILE, or --out DIR --resume");
    }
    RunDirectory existing = new RunDirectory(dir);
    existing.readConfig(main.lab().configs()); // fails with a clear message when DIR holds no run
    return main.lab().configs().load(existing.config(), overrides);
  }

  private void print(Path dir, TrainingSummary s) {
    PrintWriter w = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.print(w, s);
      return;
    }
    w.printf(Locale.ROOT, "run            %s%n", dir);
    w.printf(Locale.ROOT, "iterations     %d%n", s.iterations());
    if (s.testMeanSquaredError() != null) {
      w.printf(Locale.ROOT, "test MSE       %.4g%n", s.testMeanSquaredError());
    } else {
      w.printf(Locale.ROOT, "test accuracy  %.4f%n", s.testAccuracy());
    }
    w.printf(Locale.ROOT, "final loss     %.4f%n", s.finalLoss());
    w.printf(
        Locale.ROOT,
        "NFE/iteration  %.1f forward, %.1f backward%n",
        s.meanEvaluationsForward(),
        s.meanEvaluationsBackward());
    w.printf(Locale.ROOT, "integration    %s%n", describe(s));
    w.printf(Locale.ROOT, "time           %.1f s%n", s.wallSeconds());
    w.flush();
  }

  static String describe(TrainingSummary s) {
    return s.trainTolerance() != null
        ? s.trainSolver() + ", tol " + s.trainTolerance()
        : s.trainSolver() + ", " + s.trainSteps() + " steps (h = " + s.trainStepSize() + ")";
  }
}

package org.node4j.lab.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.node4j.lab.config.ConfigLoader;
import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.config.UsageException;
import org.node4j.lab.io.Json;
import org.node4j.nn.io.AtomicFiles;

/**
 * The files of one training run:
 *
 * <pre>
 *   DIR/config.yaml       the resolved configuration (every default written out)
 *   DIR/metrics.csv       one row per iteration ({@link IterationRecord})
 *   DIR/eval.csv          one row per periodic test evaluation ({@link EvaluationRecord})
 *   DIR/checkpoints/      the newest checkpoints, ckpt-&lt;iteration&gt;.n4j
 *   DIR/final.params      the final parameters (a parameter tensor file)
 *   DIR/summary.json      the outcome ({@link TrainingSummary})
 *   DIR/evaluation.csv    written by {@code node4j evaluate}
 * </pre>
 *
 * @param root the directory
 */
public record RunDirectory(Path root) {

  /** Returns {@code config.yaml}. */
  public Path config() {
    return root.resolve("config.yaml");
  }

  /** Returns {@code metrics.csv}. */
  public Path metrics() {
    return root.resolve("metrics.csv");
  }

  /** Returns {@code eval.csv}. */
  public Path evaluations() {
    return root.resolve("eval.csv");
  }

  /** Returns {@code checkpoints/}. */
  public Path checkpoints() {
    return root.resolve("checkpoints");
  }

  /** Returns {@code final.params}. */
  public Path finalParams() {
    return root.resolve("final.params");
  }

  /** Returns {@code summary.json}. */
  public Path summary() {
    return root.resolve("summary.json");
  }

  /** Returns {@code evaluation.csv}, the output of {@code node4j evaluate}. */
  public Path evaluation() {
    return root.resolve("evaluation.csv");
  }

  /** Writes the resolved configuration atomically, with the names of {@code configs}. */
  public void writeConfig(ExperimentConfig config, ConfigLoader configs) throws IOException {
    AtomicFiles.writeString(config(), configs.toYaml(config));
  }

  /**
   * Reads the run's configuration.
   *
   * @param configs the loader that reads it
   * @throws UsageException when the directory holds no run
   */
  public ExperimentConfig readConfig(ConfigLoader configs) {
    if (!Files.isRegularFile(config())) {
      throw new UsageException(
          root + " is not a run directory: it has no config.yaml; train into it first");
    }
    return configs.load(config(), List.of());
  }

  /** Returns whether the run has at least one checkpoint. */
  public boolean hasCheckpoint() throws IOException {
    return new Checkpoints(checkpoints(), 1).any();
  }

  /**
   * Reads {@code summary.json}.
   *
   * @throws UsageException when the run has not finished
   */
  public TrainingSummary readSummary() throws IOException {
    if (!Files.isRegularFile(summary()) || !Files.isRegularFile(finalParams())) {
      throw new UsageException(
          root
              + " holds no finished run (summary.json or final.params is missing);"
              + " finish it with: node4j train --out "
              + root
              + " --resume");
    }
    return Json.newMapper().readValue(summary().toFile(), TrainingSummary.class);
  }
}

package org.node4j.lab.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.node4j.lab.config.ConfigLoader;
import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.config.NameRegistry;
import org.node4j.lab.data.DatasetSplit;

/**
 * Runs experiment configurations end to end: loads the data, builds the model through the model
 * registry it was given, and trains into a run directory (resuming it when it holds a checkpoint).
 * The {@code train} and {@code evaluate} commands and the experiments use one, built by {@code
 * Main}; it holds values only (the configuration loader and the model registry), no static state.
 */
public final class TrainingRun {
  private final ConfigLoader configs;
  private final NameRegistry<ModelFactory> models;

  /**
   * Creates the runner.
   *
   * @param configs reads and writes the runs' {@code config.yaml}
   * @param models the models {@code model.name} may name
   */
  public TrainingRun(ConfigLoader configs, NameRegistry<ModelFactory> models) {
    this.configs = Objects.requireNonNull(configs, "configs");
    this.models = Objects.requireNonNull(models, "models");
  }

  /** Returns the configuration loader. */
  public ConfigLoader configs() {
    return configs;
  }

  /** Returns the model registry. */
  public NameRegistry<ModelFactory> models() {
    return models;
  }

  /**
   * Trains {@code config} into {@code out}.
   *
   * @param config the experiment
   * @param out the run directory
   * @param listeners observers such as a progress bar
   * @return the summary of the finished run
   * @throws IOException when the data cannot be read or the directory written
   */
  public TrainingSummary train(ExperimentConfig config, Path out, List<TrainingListener> listeners)
      throws IOException {
    DatasetSplit data = ExperimentData.load(config.data());
    TrainableModel model = build(config, data);
    return trainer(config, model, data, new RunDirectory(out), listeners).run();
  }

  /**
   * Builds a freshly initialised model for {@code config} and the data's shape.
   *
   * @throws org.node4j.lab.config.UsageException when {@code model.name} is not registered
   */
  public TrainableModel build(ExperimentConfig config, DatasetSplit data) {
    ModelFactory factory = models.get(config.model().name());
    return factory.create(
        new ModelRequest(
            config, data.sampleShape(), data.numClasses(), Integrations.initial(config)));
  }

  /** Returns a trainer of {@code model} into {@code run}, which writes its config with this. */
  public Trainer trainer(
      ExperimentConfig config,
      TrainableModel model,
      DatasetSplit data,
      RunDirectory run,
      List<TrainingListener> listeners) {
    return new Trainer(config, model, data, run, configs, listeners);
  }
}

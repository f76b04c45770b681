package org.node4j.lab.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.data.DatasetSplit;

/**
 * Runs an experiment configuration end to end: loads the data, builds the model through {@link
 * ModelRegistry}, and trains into a run directory (resuming it when it holds a checkpoint). The
 * {@code train} command and the experiments call this.
 */
public final class TrainingRun {
  private TrainingRun() {}

  /**
   * Trains {@code config} into {@code out}.
   *
   * @param config the experiment
   * @param out the run directory
   * @param listeners observers such as a progress bar
   * @return the summary of the finished run
   * @throws IOException when the data cannot be read or the directory written
   */
  public static TrainingSummary train(
      ExperimentConfig config, Path out, List<TrainingListener> listeners) throws IOException {
    DatasetSplit data = ExperimentData.load(config.data());
    TrainableModel model = build(config, data);
    return new Trainer(config, model, data, new RunDirectory(out), listeners).run();
  }

  /** Builds a freshly initialised model for {@code config} and the data's shape. */
  public static TrainableModel build(ExperimentConfig config, DatasetSplit data) {
    ModelFactory factory = ModelRegistry.get(config.model().name());
    return factory.create(
        new ModelRequest(
            config, data.sampleShape(), data.numClasses(), Integrations.initial(config)));
  }
}

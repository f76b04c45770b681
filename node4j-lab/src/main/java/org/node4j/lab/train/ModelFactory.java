package org.node4j.lab.train;

/**
 * Builds the {@link TrainableModel} an experiment configuration names. Factories are registered
 * under a model name in the model registry that {@code Main} builds and hands to a {@link
 * TrainingRun}; {@code train}, {@code evaluate} and the experiments look them up by {@code
 * model.name}.
 */
@FunctionalInterface
public interface ModelFactory {

  /**
   * Builds a freshly initialised model (initial weights drawn from {@code
   * request.config().training().seed()}, so the same seed gives the same model).
   *
   * @param request the configuration and the data's shape
   * @return the model, with {@code request.integration()} set
   * @throws IllegalArgumentException for options the model does not support, naming them
   */
  TrainableModel create(ModelRequest request);
}

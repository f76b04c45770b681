package org.node4j.lab.cli;

import java.util.Objects;
import org.node4j.lab.config.Catalogue;
import org.node4j.lab.config.ConfigLoader;
import org.node4j.lab.config.NameRegistry;
import org.node4j.lab.train.ModelFactory;
import org.node4j.lab.train.TrainingRun;

/**
 * What the commands share, built once by {@link Main}: the name catalogues (solvers, controllers,
 * gradient methods, adjoint norms), the configuration loader that reads them, and the training
 * runner with the model registry. Values, not static state: a test builds its own with extra
 * models.
 *
 * @param catalogue the names of solvers, controllers, gradient methods and adjoint norms
 * @param configs reads and writes experiment configurations with those names
 * @param training builds and trains the models of the model registry
 */
record Lab(Catalogue catalogue, ConfigLoader configs, TrainingRun training) {

  /** Checks the parts. */
  Lab {
    Objects.requireNonNull(catalogue, "catalogue");
    Objects.requireNonNull(configs, "configs");
    Objects.requireNonNull(training, "training");
  }

  /** Returns the built-in models, one line each; add a model here (or to a copy, in a test). */
  static NameRegistry.Builder<ModelFactory> standardModels() {
    return org.node4j.lab.models.StandardModels.builder();
  }

  /** Returns the lab with everything node4j implements. */
  static Lab standard() {
    return of(standardModels().build());
  }

  /** Returns the standard catalogue with the models of {@code models}. */
  static Lab of(NameRegistry<ModelFactory> models) {
    Catalogue catalogue = Catalogue.standard();
    ConfigLoader configs = new ConfigLoader(catalogue);
    return new Lab(catalogue, configs, new TrainingRun(configs, models));
  }
}

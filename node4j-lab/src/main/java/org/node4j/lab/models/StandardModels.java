package org.node4j.lab.models;

import org.node4j.lab.config.Catalogue;
import org.node4j.lab.config.ConfigLoader;
import org.node4j.lab.config.NameRegistry;
import org.node4j.lab.train.ModelFactory;
import org.node4j.lab.train.TrainingRun;

/**
 * The models node4j implements, by their configuration name, and the training runner over them:
 * what the command line uses, and what a grid cell rebuilds on an executor from its configuration
 * alone. Every call builds new values; nothing is kept in a static field.
 */
public final class StandardModels {
  private StandardModels() {}

  /** Returns the built-in models, one line each; add a model here (or to a copy, in a test). */
  public static NameRegistry.Builder<ModelFactory> builder() {
    return NameRegistry.<ModelFactory>builder("model")
        .add("sphere2", SeedModelFactories::sphere2)
        .add("linear-odenet", SeedModelFactories::linearOdenet)
        .add("image-block", SeedModelFactories::imageBlock)
        .add("resnet", ResidualModelFactories::resnet)
        .add("heunnet", ResidualModelFactories::heunnet);
  }

  /** Returns a training runner over the standard catalogue and these models. */
  public static TrainingRun training() {
    return new TrainingRun(new ConfigLoader(Catalogue.standard()), builder().build());
  }
}

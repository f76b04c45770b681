package org.node4j.lab.train;

import java.util.Objects;
import org.node4j.lab.config.ExperimentConfig;

/**
 * What a {@link ModelFactory} gets to build a model: the whole experiment (model name, width,
 * options, dtype, time span, gradient method, seed) and what the data dictate.
 *
 * @param config the experiment; the factory reads {@code model()}, {@code integration().t0()/t1()/
 *     gradient()} and {@code training().seed()} (the seed of the initial weights)
 * @param sampleShape the shape of one input sample, e.g. [1, 2] for Sphere2
 * @param numClasses the number of classes of the head
 * @param integration the integration to start with; for the released step adaptation it is a
 *     placeholder that the trainer replaces with Hairer's estimate before the first iteration
 */
public record ModelRequest(
    ExperimentConfig config, int[] sampleShape, int numClasses, Integration integration) {

  /** Checks and copies the arguments. */
  public ModelRequest {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(integration, "integration");
    sampleShape = sampleShape.clone();
    if (numClasses < 1) {
      throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
    }
  }

  /** Returns a copy of the sample shape. */
  @Override
  public int[] sampleShape() {
    return sampleShape.clone();
  }
}

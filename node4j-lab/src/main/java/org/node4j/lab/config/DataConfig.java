package org.node4j.lab.config;

import java.util.Objects;

/**
 * Which data an experiment uses and how much of it.
 *
 * @param name the data set
 * @param dim the dimension D of the concentric spheres (2 for {@code sphere2}) and of the
 *     regression sets' inputs and targets; ignored otherwise
 * @param train training samples: 0 for the data set's default (2000 for the generated sets, as in
 *     the seeds; every sample of a real set), else that many (the first ones of a real set)
 * @param test test samples: 0 for the default (1000 generated; every real sample), else that many
 * @param seed the seed of the generated data, kept apart from the training seed so that runs with
 *     different training seeds see the same data (as the seeds' cached files do)
 * @param noise standard deviation of the noise around the XOR corners and of the noise added to the
 *     {@code linear-regression} targets; ignored otherwise
 * @param dir the data directory of the real sets, or null for {@code
 *     org.node4j.lab.data.Datasets.defaultDirectory()}
 * @param augment augmentation of the training images and normalisation of every sample
 */
public record DataConfig(
    DatasetName name,
    int dim,
    int train,
    int test,
    long seed,
    double noise,
    String dir,
    AugmentationConfig augment) {

  /** Validates the values. */
  public DataConfig {
    Objects.requireNonNull(name, "data.name");
    Checks.atLeast("data.dim", dim, 1);
    if (name == DatasetName.SPHERE2 && dim != 2) {
      throw new IllegalArgumentException(
          "data.dim is " + dim + " but sphere2 is 2-dimensional; use name: sphere for dim " + dim);
    }
    Checks.atLeast("data.train", train, 0);
    Checks.atLeast("data.test", test, 0);
    Checks.nonNegative("data.noise", noise);
    Objects.requireNonNull(augment, "data.augment");
  }

  /** The same data without augmentation or normalisation. */
  public DataConfig(
      DatasetName name, int dim, int train, int test, long seed, double noise, String dir) {
    this(name, dim, train, test, seed, noise, dir, AugmentationConfig.none());
  }

  /** Returns Sphere2 with the seeds' sizes, data seed 0. */
  public static DataConfig defaults() {
    return new DataConfig(DatasetName.SPHERE2, 2, 0, 0, 0L, 0.1, null);
  }
}

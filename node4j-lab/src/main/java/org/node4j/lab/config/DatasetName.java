package org.node4j.lab.config;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The data sets an experiment can train on (Ott et al. 2021, §2.3; the regression sets of Marion et
 * al. 2024, §5.1), by their configuration names.
 */
public enum DatasetName {
  /** Concentric spheres in the plane (Ott et al.'s Sphere2); {@code dim} must be 2. */
  SPHERE2("sphere2"),
  /** Concentric spheres in dimension {@code dim} (SphereD: 3, 10 and 900 in the seeds). */
  SPHERE("sphere"),
  /** The damped particle in a potential with three minima (three classes). */
  THREE_MINIMA("three-minima"),
  /** Noisy copies of the four XOR points (node4j's variant with enough samples to batch). */
  XOR("xor"),
  /** MNIST, read from the data directory. */
  MNIST("mnist"),
  /** Fashion-MNIST, read from the data directory. */
  FASHION_MNIST("fashion-mnist"),
  /** CIFAR-10, read from the data directory. */
  CIFAR10("cifar10"),
  /**
   * Regression: x ~ N(0, I_dim) and independent targets y ~ N(0, I_dim), trained with the mean
   * squared error (Marion et al. 2024, §5.1).
   */
  GAUSSIAN_REGRESSION("gaussian-regression"),
  /** Regression: x ~ N(0, I_dim) and y = A x + noise · N(0, I_dim), A drawn from the data seed. */
  LINEAR_REGRESSION("linear-regression");

  private final String id;

  DatasetName(String id) {
    this.id = id;
  }

  /** Returns the name used in configuration files, e.g. {@code "three-minima"}. */
  @JsonValue
  public String id() {
    return id;
  }

  /** Returns whether the data are generated from a seed rather than read from disk. */
  public boolean generated() {
    return this == SPHERE2 || this == SPHERE || this == THREE_MINIMA || this == XOR || regression();
  }

  /** Returns whether the samples carry real targets (trained with the mean squared error). */
  public boolean regression() {
    return this == GAUSSIAN_REGRESSION || this == LINEAR_REGRESSION;
  }
}

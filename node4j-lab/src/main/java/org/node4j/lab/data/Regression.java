package org.node4j.lab.data;

import java.util.SplittableRandom;

/**
 * The synthetic regression sets of Marion et al.'s experiments (ICLR 2024, §5.1 and App. 11):
 * inputs x ~ N(0, I_d) with samples of shape [1, d], and d targets per sample, either independent
 * Gaussian targets y ~ N(0, I_d) (a pure interpolation task: nothing to generalise) or linear
 * targets y = A x + ε with A ~ N(0, 1/d) per entry, drawn once from the seed and shared by the
 * training and test halves, and ε ~ N(0, noise² I_d).
 */
public final class Regression {
  private Regression() {}

  /** How the targets depend on the inputs. */
  public enum Targets {
    /** y ~ N(0, I), independent of x. */
    GAUSSIAN("gaussian-regression"),
    /** y = A x + ε. */
    LINEAR("linear-regression");

    private final String id;

    Targets(String id) {
      this.id = id;
    }

    /** The data set's name. */
    public String id() {
      return id;
    }
  }

  /**
   * Returns a seeded train/test split.
   *
   * @param targets Gaussian or linear targets
   * @param dim d, the input and target dimension, at least 1
   * @param nTrain training samples, at least 1
   * @param nTest test samples, at least 1
   * @param noise the standard deviation of ε (linear targets only), at least 0
   * @param seed the seed: stream 0 draws A, 1 the training samples, 2 the test samples
   * @throws IllegalArgumentException when a size is below 1 or the noise is negative
   */
  public static DatasetSplit split(
      Targets targets, int dim, int nTrain, int nTest, double noise, long seed) {
    if (dim < 1 || nTrain < 1 || nTest < 1 || !(noise >= 0)) {
      throw new IllegalArgumentException(
          "a regression set needs dim, train and test >= 1 and noise >= 0, got dim="
              + dim
              + " train="
              + nTrain
              + " test="
              + nTest
              + " noise="
              + noise);
    }
    double[] a = new double[dim * dim];
    SplittableRandom ra = Rng.stream(seed, 0);
    for (int i = 0; i < a.length; i++) {
      a[i] = Rng.gaussian(ra) / Math.sqrt(dim);
    }
    return new DatasetSplit(
        generate(targets, dim, nTrain, noise, a, Rng.stream(seed, 1), targets.id() + "-train"),
        generate(targets, dim, nTest, noise, a, Rng.stream(seed, 2), targets.id() + "-test"));
  }

  private static Dataset generate(
      Targets kind, int dim, int n, double noise, double[] a, SplittableRandom rng, String name) {
    float[] x = new float[n * dim];
    float[] y = new float[n * dim];
    for (int s = 0; s < n; s++) {
      for (int j = 0; j < dim; j++) {
        x[s * dim + j] = (float) Rng.gaussian(rng);
      }
      for (int i = 0; i < dim; i++) {
        double v;
        if (kind == Targets.GAUSSIAN) {
          v = Rng.gaussian(rng);
        } else {
          v = noise * Rng.gaussian(rng);
          for (int j = 0; j < dim; j++) {
            v += a[i * dim + j] * x[s * dim + j];
          }
        }
        y[s * dim + i] = (float) v;
      }
    }
    return Dataset.regression(name, new int[] {1, dim}, x, y, dim);
  }
}

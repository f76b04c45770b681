package org.node4j.lab.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The "concentric spheres" data set of Ott et al. (ICLR 2021, §2.3), adapted there from Dupont et
 * al.'s ANODE code, regenerated with a seeded generator.
 *
 * <p>Three shells in R^D: inner r in [0.10, 0.15] with label 0 (N/4 points), middle r in [0.25,
 * 0.30] with label 1 (N/2 points), outer r in [0.40, 0.45] with label 0 (N/4 points), so the two
 * classes are balanced exactly for even N. Each point is {@code r * u}, with {@code u} a normalised
 * standard Gaussian vector (uniform on the unit sphere) and {@code r = rMin + (rMax - rMin) *
 * U^(1/D)}, U uniform on [0, 1); the points are then put in a random order. There is no noise and
 * no normalisation. Samples have shape {@code [1, D]}, as the seeds' (N, 1, D) tensors.
 *
 * <p>Unlike the seeds, whose radius and direction draws use unseeded generators (so their cached
 * files cannot be regenerated), the data here are a pure function of {@code (D, N, seed)}: the
 * training set uses stream 0 of the seed and the test set stream 1.
 */
public final class ConcentricSpheres {
  /** The seeds' number of training points. */
  public static final int DEFAULT_TRAIN = 2000;

  /** The seeds' number of test points. */
  public static final int DEFAULT_TEST = 1000;

  /**
   * One shell of the data set.
   *
   * @param rMin the smallest radius
   * @param rMax the largest radius
   * @param label the class of its points
   */
  public record Shell(double rMin, double rMax, int label) {}

  /** The three shells, from the inside out. */
  public static final List<Shell> SHELLS =
      List.of(new Shell(0.10, 0.15, 0), new Shell(0.25, 0.30, 1), new Shell(0.40, 0.45, 0));

  private ConcentricSpheres() {}

  /** Returns the seeds' split: 2000 training and 1000 test points in dimension {@code dim}. */
  public static DatasetSplit split(int dim, long seed) {
    return split(dim, DEFAULT_TRAIN, DEFAULT_TEST, seed);
  }

  /**
   * Returns a train/test split; the training half equals {@code generate(dim, nTrain, seed)}.
   *
   * @throws IllegalArgumentException when {@code dim < 1} or a size is below 4
   */
  public static DatasetSplit split(int dim, int nTrain, int nTest, long seed) {
    return new DatasetSplit(
        generate(dim, nTrain, Rng.stream(seed, 0), "sphere" + dim + "-train"),
        generate(dim, nTest, Rng.stream(seed, 1), "sphere" + dim + "-test"));
  }

  /**
   * Returns {@code n} points in dimension {@code dim}, named {@code "sphere<dim>"}.
   *
   * @param dim the dimension D, at least 1 (the seeds use 2, 3, 10 and 900)
   * @param n the number of points, at least 4: the middle shell gets {@code n / 2}, the inner
   *     {@code (n - n/2) / 2} and the outer the rest
   * @param seed the seed
   * @return the data set, with 2 classes
   */
  public static Dataset generate(int dim, int n, long seed) {
    return generate(dim, n, Rng.stream(seed, 0), "sphere" + dim);
  }

  private static Dataset generate(int dim, int n, SplittableRandom rng, String name) {
    if (dim < 1 || n < 4) {
      throw new IllegalArgumentException(
          "concentric spheres need dim >= 1 and n >= 4, got dim " + dim + ", n " + n);
    }
    int middle = n / 2;
    int inner = (n - middle) / 2;
    int[] counts = {inner, middle, n - middle - inner};
    int[] slot = new int[n];
    Rng.permutation(slot, rng);
    float[] x = new float[n * dim];
    int[] y = new int[n];
    double[] u = new double[dim];
    int k = 0;
    for (int s = 0; s < SHELLS.size(); s++) {
      Shell shell = SHELLS.get(s);
      for (int c = 0; c < counts[s]; c++, k++) {
        double r = shell.rMin() + (shell.rMax() - shell.rMin()) * radialFraction(rng, dim);
        unitDirection(rng, u);
        int row = slot[k];
        for (int j = 0; j < dim; j++) {
          x[row * dim + j] = (float) (r * u[j]);
        }
        y[row] = shell.label();
      }
    }
    return new Dataset(name, new int[] {1, dim}, x, y, 2);
  }

  /** U^(1/D): uniform in volume within the shell as Dupont et al. intend (approximately). */
  private static double radialFraction(SplittableRandom rng, int dim) {
    return StrictMath.pow(Rng.uniform(rng), 1.0 / dim);
  }

  /** Fills {@code u} with a uniformly distributed unit vector (a normalised Gaussian). */
  private static void unitDirection(SplittableRandom rng, double[] u) {
    double norm2 = 0;
    while (norm2 == 0) {
      for (int j = 0; j < u.length; j++) {
        u[j] = Rng.gaussian(rng);
        norm2 += u[j] * u[j];
      }
    }
    double inv = 1.0 / StrictMath.sqrt(norm2);
    for (int j = 0; j < u.length; j++) {
      u[j] *= inv;
    }
  }
}

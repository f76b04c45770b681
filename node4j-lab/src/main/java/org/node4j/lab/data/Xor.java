package org.node4j.lab.data;

import java.util.SplittableRandom;

/**
 * The XOR toy problem of Ott et al.'s "Lady Windermere's fan" example (ICLR 2021, §2.2): (0,0) and
 * (1,1) have label 0, (0,1) and (1,0) have label 1. Samples have shape {@code [1, 2]} like the
 * spheres.
 */
public final class Xor {
  private static final float[][] CORNERS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
  private static final int[] LABELS = {0, 1, 1, 0};

  private Xor() {}

  /** Returns the four points, in the order (0,0), (0,1), (1,0), (1,1). */
  public static Dataset points() {
    float[] x = new float[8];
    for (int i = 0; i < 4; i++) {
      x[2 * i] = CORNERS[i][0];
      x[2 * i + 1] = CORNERS[i][1];
    }
    return new Dataset("xor", new int[] {1, 2}, x, LABELS.clone(), 2);
  }

  /**
   * Returns {@code copies} noisy copies of each point, in random order.
   *
   * <p>This variant is node4j's own, not the paper's (which uses the four points only): each copy
   * is its corner plus independent N(0, sigma^2) noise per coordinate, and keeps the corner's
   * label. It gives a training set large enough for mini-batches while keeping the XOR structure.
   *
   * @param copies copies per corner, at least 1
   * @param sigma the standard deviation of the noise, at least 0 (0 gives exact duplicates)
   * @param seed the seed of the noise and the order
   * @return {@code 4 * copies} points with 2 classes
   */
  public static Dataset noisy(int copies, double sigma, long seed) {
    if (copies < 1 || !(sigma >= 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException(
          "noisy XOR needs copies >= 1 and a finite sigma >= 0, got " + copies + ", " + sigma);
    }
    int n = 4 * copies;
    SplittableRandom rng = Rng.stream(seed, 0);
    int[] slot = new int[n];
    Rng.permutation(slot, rng);
    float[] x = new float[2 * n];
    int[] y = new int[n];
    for (int k = 0; k < n; k++) {
      int corner = k % 4;
      int row = slot[k];
      x[2 * row] = (float) (CORNERS[corner][0] + sigma * Rng.gaussian(rng));
      x[2 * row + 1] = (float) (CORNERS[corner][1] + sigma * Rng.gaussian(rng));
      y[row] = LABELS[corner];
    }
    return new Dataset("xor-noisy", new int[] {1, 2}, x, y, 2);
  }
}

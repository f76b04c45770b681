package org.node4j.lab.data;

import java.util.SplittableRandom;

/**
 * The deterministic random numbers behind every generator and shuffle in this package.
 *
 * <p>Only {@link SplittableRandom#nextLong()} is used, whose algorithm (SplitMix64, Steele, Lea and
 * Flood, OOPSLA 2014) is fixed by its specification; bounded integers, doubles and Gaussians are
 * derived here with {@link StrictMath}, so the same seed gives bit-identical data on every JDK and
 * platform. Independent streams of one seed (train vs test, epoch 0 vs epoch 1) come from {@link
 * #stream}, which depends only on {@code (seed, id)}: no stream has to be advanced to reach
 * another.
 */
final class Rng {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private Rng() {}

  /** Returns the generator of stream {@code id} of {@code seed}. */
  static SplittableRandom stream(long seed, long id) {
    return new SplittableRandom(mix64(seed ^ mix64(id * GOLDEN_GAMMA + GOLDEN_GAMMA)));
  }

  /** Returns a uniform double in [0, 1) with 53 random bits. */
  static double uniform(SplittableRandom rng) {
    return (rng.nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Returns a uniform int in [0, bound) without modulo bias (rejection on 31-bit draws). */
  static int below(SplittableRandom rng, int bound) {
    int m = bound - 1;
    int u = (int) (rng.nextLong() >>> 33);
    int r = u % bound;
    while (u - r + m < 0) {
      u = (int) (rng.nextLong() >>> 33);
      r = u % bound;
    }
    return r;
  }

  /** Returns a standard normal draw by the Box-Muller transform (one output per two uniforms). */
  static double gaussian(SplittableRandom rng) {
    double u1 = 1.0 - uniform(rng); // in (0, 1], so the log is finite
    double u2 = uniform(rng);
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
  }

  /** Sets {@code perm} to the identity and shuffles it in place (Fisher-Yates, Knuth 3.4.2 P). */
  static void permutation(int[] perm, SplittableRandom rng) {
    for (int i = 0; i < perm.length; i++) {
      perm[i] = i;
    }
    for (int i = perm.length - 1; i > 0; i--) {
      int j = below(rng, i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
  }

  /** The SplitMix64 finaliser (Stafford's variant 13): a bijective 64-bit mixer. */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}

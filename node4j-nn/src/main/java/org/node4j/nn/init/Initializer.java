package org.node4j.nn.init;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.node4j.nn.tensor.Tensor;

/**
 * Fills a tensor with initial values.
 *
 * <p>Random initialisers draw from the generator they are given, element by element in row-major
 * order, so the same generator state gives the same numbers. Values are computed in float64 and
 * rounded to the tensor's dtype. Deterministic initialisers (constants, the docs/WORKLOADS.md
 * formulas) ignore the generator.
 */
@FunctionalInterface
public interface Initializer {

  /**
   * Overwrites every element of {@code target}.
   *
   * @param target the tensor to fill (modified)
   * @param rng the source of randomness, advanced by random initialisers (modified)
   */
  void fill(Tensor target, RandomGenerator rng);

  /**
   * Fills {@code target} from a fresh {@link SplittableRandom} seeded with {@code seed}; the same
   * seed gives the same numbers on every run.
   */
  default void fill(Tensor target, long seed) {
    fill(target, new SplittableRandom(seed));
  }
}

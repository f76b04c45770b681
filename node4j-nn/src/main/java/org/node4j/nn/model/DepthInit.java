package org.node4j.nn.model;

import java.util.random.RandomGenerator;
import org.node4j.nn.field.ParameterSets;
import org.node4j.nn.init.Initializer;
import org.node4j.nn.param.Parameter;

/**
 * Initialises the N parameter sets of a depth-indexed network: independently per layer, tied, or as
 * smooth functions of the depth s = k / N.
 *
 * <p>The smooth options write theta_k = sum_r c_r(k / N) X_r, where the X_r are independent draws
 * of the base {@link ParameterInit} and the c_r are basis functions of depth. With zero-mean base
 * draws of variance sigma^2 per entry, every entry is then a random function of s with covariance
 * sigma^2 sum_r c_r(s) c_r(s'), and zero biases stay zero. This is the "smooth init" V_k(0) =
 * V_0(k/L), W_k(0) = W_0(k/L) of Marion et al. (ICLR 2024, §4.3), for which a ResNet stays close to
 * its neural ODE (their Prop. 2: O(1/L)), and the regime in which Sander et al.'s memory-free
 * gradients are accurate.
 */
@FunctionalInterface
public interface DepthInit {

  /** Fills every parameter of every set of {@code sets} (shared parameters once or more). */
  void apply(ParameterSets sets, RandomGenerator rng);

  /** Independent draws of {@code base} for every layer (the "i.i.d." init of Marion et al.). */
  static DepthInit iid(ParameterInit base) {
    return (sets, rng) -> {
      for (int k = 0; k < sets.depth(); k++) {
        base.apply(sets.set(k), rng);
      }
    };
  }

  /**
   * One draw of {@code base} copied into every layer: weight-tied initialisation (Marion et al.'s
   * W_k = W for all k; the layers are separate parameters afterwards, free to drift apart).
   */
  static DepthInit tied(ParameterInit base) {
    return (sets, rng) -> {
      base.apply(sets.set(0), rng);
      for (int k = 1; k < sets.depth(); k++) {
        for (int j = 0; j < sets.perSet(); j++) {
          sets.get(k, j).value().copyFrom(sets.get(0, j).value());
        }
      }
    };
  }

  /**
   * theta_k = (X_0 + sum_{f=1..F} (amplitude / f) (X_f sin(2 pi f s) + Y_f cos(2 pi f s))) / norm
   * at s = k / N: a base tensor plus low-frequency sinusoids in depth, with norm chosen so that
   * every entry keeps the base variance.
   *
   * @param frequencies F, the number of sinusoid frequencies (0 gives a tied init)
   * @param amplitude the relative size of the depth variation
   */
  static DepthInit smooth(ParameterInit base, int frequencies, double amplitude) {
    if (frequencies < 0 || !(amplitude >= 0) || !Double.isFinite(amplitude)) {
      throw new IllegalArgumentException(
          "smooth init needs frequencies >= 0 and a finite amplitude >= 0, got "
              + frequencies
              + ", "
              + amplitude);
    }
    return (sets, rng) ->
        DepthBasis.combine(
            sets, DepthBasis.fourier(sets.depth(), frequencies, amplitude), base, rng);
  }

  /**
   * Entries drawn from a Gaussian process over s = k / N with the squared-exponential kernel
   * exp(-(s - s')^2 / (2 l^2)) (Marion et al., section 4.3), scaled by the base init's standard
   * deviation. Exact for a Gaussian base (the kernel is factored by pivoted Cholesky).
   *
   * @param lengthScale l &gt; 0; smaller is rougher
   */
  static DepthInit gaussianProcess(ParameterInit base, double lengthScale) {
    if (!(lengthScale > 0) || !Double.isFinite(lengthScale)) {
      throw new IllegalArgumentException(
          "GP length scale must be finite and > 0, got " + lengthScale);
    }
    return (sets, rng) ->
        DepthBasis.combine(
            sets, DepthBasis.squaredExponential(sets.depth(), lengthScale), base, rng);
  }

  /**
   * Deterministic values per layer, such as the docs/WORKLOADS.md W5 formulas.
   *
   * @param formula the initialiser of parameter j of layer k
   */
  static DepthInit formula(LayerFormula formula) {
    return (sets, rng) -> {
      for (int k = 0; k < sets.depth(); k++) {
        for (int j = 0; j < sets.perSet(); j++) {
          Parameter p = sets.get(k, j);
          formula.of(k, sets.depth(), j, p).fill(p.value(), rng);
        }
      }
    };
  }

  /** The initialiser of parameter j of layer k of N. */
  @FunctionalInterface
  interface LayerFormula {
    /**
     * Returns the initialiser of {@code p}, parameter {@code j} of layer {@code k} of {@code n}.
     */
    Initializer of(int k, int n, int j, Parameter p);
  }
}

package org.node4j.lab.experiment.sander;

import java.util.Locale;
import org.node4j.nn.init.Initializers;
import org.node4j.nn.model.DepthInit;
import org.node4j.nn.model.ParameterInit;

/**
 * How the weights theta_n = (W_n, V_n) of the residual perceptron f(x, theta) = V tanh(W x) vary
 * with the layer n: the three cases of Sander et al. (NeurIPS 2022, section 3), whose ResNet is
 * close to its neural ODE only when the weights are smooth in depth.
 */
public enum WeightKind {
  /**
   * theta_n = theta(n / N) for one smooth random function theta(s): a base draw plus one
   * low-frequency sinusoid pair ({@link DepthInit#smooth}); the same function for every N at one
   * seed.
   */
  SMOOTH,
  /** theta_n = A for even n and B for odd n: bounded but never converging to a function of s. */
  ALTERNATING,
  /** Independent draws per layer. */
  IID;

  /** Sinusoid frequencies of the smooth case. */
  static final int FREQUENCIES = 1;

  /** Relative size of the smooth case's variation in depth. */
  static final double AMPLITUDE = 1.0;

  /** The lower-case name used in cell ids, tables and the CLI. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The initialisation of a perceptron of width d and hidden width m: entries of W ~ N(0, 1/d) and
   * of V ~ N(0, 1/m), so that W x and f(x) are O(1) for x ~ N(0, I_d), arranged in depth as this
   * kind says.
   */
  DepthInit init(int d, int m) {
    ParameterInit base =
        (j, p) -> Initializers.normal(0.0, j == 0 ? 1 / Math.sqrt(d) : 1 / Math.sqrt(m));
    return switch (this) {
      case SMOOTH -> DepthInit.smooth(base, FREQUENCIES, AMPLITUDE);
      case IID -> DepthInit.iid(base);
      case ALTERNATING ->
          (sets, rng) -> {
            if (sets.depth() < 2) {
              throw new IllegalArgumentException("alternating weights need depth >= 2");
            }
            base.apply(sets.set(0), rng);
            base.apply(sets.set(1), rng);
            for (int k = 2; k < sets.depth(); k++) {
              for (int j = 0; j < sets.perSet(); j++) {
                sets.get(k, j).value().copyFrom(sets.get(k % 2, j).value());
              }
            }
          };
    };
  }
}

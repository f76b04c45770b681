package org.node4j.nn.init;

/**
 * Recommended gains for variance-scaling initialisers, the values of PyTorch's {@code
 * torch.nn.init.calculate_gain}.
 */
public final class Gains {
  private Gains() {}

  /** Gain 1 for identity, linear, convolution and sigmoid layers. */
  public static double linear() {
    return 1.0;
  }

  /** Gain {@code sqrt(2)} for ReLU (He et al. 2015). */
  public static double relu() {
    return Math.sqrt(2.0);
  }

  /** Gain 5/3 for tanh, as PyTorch recommends. */
  public static double tanh() {
    return 5.0 / 3.0;
  }

  /**
   * Gain {@code sqrt(2 / (1 + a^2))} for a leaky ReLU of negative slope {@code a}; {@code a = 0}
   * gives ReLU's gain, and {@code a = sqrt(5)} gives PyTorch's default Linear/Conv weight scale.
   *
   * @param negativeSlope the slope {@code a}, finite
   */
  public static double leakyRelu(double negativeSlope) {
    if (!Double.isFinite(negativeSlope)) {
      throw new IllegalArgumentException("negative slope must be finite, got " + negativeSlope);
    }
    return Math.sqrt(2.0 / (1.0 + negativeSlope * negativeSlope));
  }
}

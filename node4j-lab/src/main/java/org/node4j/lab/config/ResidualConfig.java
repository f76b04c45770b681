package org.node4j.lab.config;

import java.util.Objects;

/**
 * The residual network of models {@code resnet} and {@code heunnet}: N residual functions V_k σ(W_k
 * h) of width {@code model.width} (Marion et al., ICLR 2024, eq. 1; Sander et al., NeurIPS 2022,
 * section 3), with their layers initialised as {@code init} says. Other models ignore it.
 *
 * @param depth N, the number of residual functions (at least 2 for a HeunNet); it must equal {@code
 *     integration.steps}, since the ResNet is N Euler steps of size 1/N
 * @param activation σ
 * @param init how the layers' Kaiming-normal draws relate across depth
 * @param lengthScale the Gaussian process's length scale in depth s = k / N (init {@code gp})
 * @param frequencies the number of sinusoid frequencies (init {@code smooth})
 * @param amplitude the relative size of the sinusoids (init {@code smooth})
 */
public record ResidualConfig(
    int depth,
    ActivationName activation,
    DepthInitName init,
    double lengthScale,
    int frequencies,
    double amplitude) {

  /** Validates the values. */
  public ResidualConfig {
    Checks.atLeast("model.residual.depth", depth, 1);
    Objects.requireNonNull(activation, "model.residual.activation");
    Objects.requireNonNull(init, "model.residual.init");
    Checks.positive("model.residual.lengthScale", lengthScale);
    Checks.atLeast("model.residual.frequencies", frequencies, 0);
    Checks.nonNegative("model.residual.amplitude", amplitude);
  }

  /** Returns depth 16, GELU, i.i.d. layers; GP length scale 0.25, 2 frequencies of amplitude 1. */
  public static ResidualConfig defaults() {
    return new ResidualConfig(16, ActivationName.GELU, DepthInitName.IID, 0.25, 2, 1.0);
  }
}

package org.node4j.lab.experiment.marion;

import java.util.function.Supplier;
import org.node4j.nn.layer.Activation;
import org.node4j.nn.layer.Layer;

/**
 * The activations of Marion et al.'s experiments (ICLR 2024, §5): GELU satisfies their theory (C²,
 * Lipschitz, bounded derivative, σ(0) = 0); ReLU is not C² and has the Appendix counter-example;
 * the identity gives a linear network.
 */
public enum Sigma {
  /** x Φ(x). */
  GELU("gelu", Activation::gelu),
  /** max(0, x). */
  RELU("relu", Activation::relu),
  /** x. */
  IDENTITY("identity", Activation::identity);

  private final String id;
  private final Supplier<Layer> factory;

  Sigma(String id, Supplier<Layer> factory) {
    this.id = id;
    this.factory = factory;
  }

  /** The name in reports and cell ids. */
  public String id() {
    return id;
  }

  /** A new activation layer. */
  public Layer layer() {
    return factory.get();
  }
}

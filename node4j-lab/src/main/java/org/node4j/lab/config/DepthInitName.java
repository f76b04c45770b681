package org.node4j.lab.config;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the weights of a residual network's layers are drawn relative to each other (Marion et al.,
 * ICLR 2024, section 4.3), by their configuration names.
 */
public enum DepthInitName {
  /** One draw copied into every layer (the layers are free to drift apart afterwards). */
  TIED("tied"),
  /** Independent draws per layer. */
  IID("iid"),
  /** A base draw plus low-frequency sinusoids in depth s = k / N. */
  SMOOTH("smooth"),
  /** A Gaussian process over s = k / N with a squared-exponential kernel of the length scale. */
  GP("gp");

  private final String id;

  DepthInitName(String id) {
    this.id = id;
  }

  /** Returns the configuration name. */
  @JsonValue
  public String id() {
    return id;
  }
}

package org.node4j.lab.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** The activations σ of a residual function V σ(W h), by their configuration names. */
public enum ActivationName {
  /** max(0, x). */
  RELU("relu"),
  /** x Φ(x), the exact (erf) GELU. */
  GELU("gelu"),
  /** tanh x (Sander et al.'s residual functions). */
  TANH("tanh"),
  /** x: a linear residual network. */
  IDENTITY("identity");

  private final String id;

  ActivationName(String id) {
    this.id = id;
  }

  /** Returns the configuration name. */
  @JsonValue
  public String id() {
    return id;
  }
}

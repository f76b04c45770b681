package org.node4j.lab.config;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The learning-rate schedules of {@code org.node4j.nn.optim.LrSchedules}, by their configuration
 * names. The trainer steps them once per iteration: iteration n (1-based) uses the rate of epoch n
 * - 1.
 */
public enum LrScheduleName {
  /** {@code optimizer.lr} throughout. */
  CONSTANT("constant"),
  /**
   * PyTorch's {@code CosineAnnealingLR} over the whole run: etaMin + (lr - etaMin)(1 + cos(π e /
   * T))/2 with T = {@code training.iterations}.
   */
  COSINE("cosine"),
  /** PyTorch's {@code StepLR}: lr · gamma^⌊e / decayInterval⌋. */
  STEP("step");

  private final String id;

  LrScheduleName(String id) {
    this.id = id;
  }

  /** Returns the configuration name. */
  @JsonValue
  public String id() {
    return id;
  }
}

package org.node4j.lab.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether and how the training step size is adapted (Ott et al. 2021, §3, Alg. 2). */
public enum StepAdaptationMode {
  /** The step size stays as configured. */
  OFF("off"),
  /**
   * The released code's algorithm: Hairer's initial step, the 500-step cap and a re-checked grow
   * trial.
   */
  RELEASED("released"),
  /** The paper's Algorithm 2: halve h when the accuracy gap exceeds the threshold, else grow it. */
  PAPER("paper");

  private final String id;

  StepAdaptationMode(String id) {
    this.id = id;
  }

  /** Returns the configuration name. */
  @JsonValue
  public String id() {
    return id;
  }

  /**
   * Reads a mode from a configuration value. YAML 1.1 reads a bare {@code off} or {@code on} as a
   * boolean, so booleans are accepted too: false is {@link #OFF}.
   *
   * @param value a name or a boolean
   * @return the mode
   * @throws IllegalArgumentException listing the valid names
   */
  @JsonCreator
  public static StepAdaptationMode fromJson(Object value) {
    return ModeNames.parse(values(), StepAdaptationMode::id, value, StepAdaptationMode.OFF, null);
  }
}

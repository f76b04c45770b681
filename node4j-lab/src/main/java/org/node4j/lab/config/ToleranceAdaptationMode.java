package org.node4j.lab.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether the training tolerance of an adaptive solver is adapted (Ott et al. 2021, §3). */
public enum ToleranceAdaptationMode {
  /** The tolerance stays as configured. */
  OFF("off"),
  /** Ott et al.'s tolerance adaptation, with the current iteration's NFE (not quirk Q4). */
  ON("on");

  private final String id;

  ToleranceAdaptationMode(String id) {
    this.id = id;
  }

  /** Returns the configuration name. */
  @JsonValue
  public String id() {
    return id;
  }

  /**
   * Reads a mode from a configuration value. YAML 1.1 reads a bare {@code off} or {@code on} as a
   * boolean, so booleans are accepted too: false is {@link #OFF}, true is {@link #ON}.
   *
   * @param value a name or a boolean
   * @return the mode
   * @throws IllegalArgumentException listing the valid names
   */
  @JsonCreator
  public static ToleranceAdaptationMode fromJson(Object value) {
    return ModeNames.parse(
        values(), ToleranceAdaptationMode::id, value, ToleranceAdaptationMode.OFF, ON);
  }
}

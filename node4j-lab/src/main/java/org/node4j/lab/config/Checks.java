package org.node4j.lab.config;

import java.util.regex.Pattern;

/** Validation helpers shared by the configuration records; messages name the key and the fix. */
final class Checks {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+([-_.][a-z0-9]+)*");

  private Checks() {}

  static void positive(String key, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(key + " must be finite and > 0, got " + value);
    }
  }

  static void nonNegative(String key, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(key + " must be finite and >= 0, got " + value);
    }
  }

  static void atLeast(String key, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(key + " must be >= " + min + ", got " + value);
    }
  }

  static void inOpenUnit(String key, double value) {
    if (!(value > 0 && value < 1)) {
      throw new IllegalArgumentException(key + " must be in (0, 1), got " + value);
    }
  }

  static void name(String key, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          key + " must be a lower-case kebab-case name such as 'sphere2', got '" + value + "'");
    }
  }
}

package org.node4j.lab.config;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads on/off-style enum values that YAML 1.1 may have turned into booleans. */
final class ModeNames {
  private ModeNames() {}

  /**
   * Returns the constant named {@code value} (ignoring case), or the constant a boolean stands for.
   *
   * @throws IllegalArgumentException listing the valid names
   */
  static <E extends Enum<E>> E parse(
      E[] values, Function<E, String> id, Object value, E onFalse, E onTrue) {
    if (Boolean.FALSE.equals(value) && onFalse != null) {
      return onFalse;
    }
    if (Boolean.TRUE.equals(value) && onTrue != null) {
      return onTrue;
    }
    if (value instanceof String s) {
      for (E e : values) {
        if (id.apply(e).equalsIgnoreCase(s.trim())) {
          return e;
        }
      }
    }
    String valid = Arrays.stream(values).map(id).collect(Collectors.joining(", "));
    throw new IllegalArgumentException("invalid value '" + value + "'; valid values: " + valid);
  }
}

package org.node4j.bench;

import java.lang.reflect.Field;

/**
 * A static boolean or int field of the library that an in-process A/B ({@link W1Alternation},
 * {@link W5Alternation}) sets between its blocks: the switch a change under test reads.
 */
final class StaticSwitch {
  private final Field field;

  /**
   * Finds the field {@code name} ({@code class#field}) and makes it settable.
   *
   * @throws ReflectiveOperationException if the class or the field does not exist
   */
  StaticSwitch(String name) throws ReflectiveOperationException {
    String[] cf = name.split("#", 2);
    if (cf.length != 2) {
      throw new IllegalArgumentException("a switch is CLASS#FIELD, got " + name);
    }
    field = Class.forName(cf[0]).getDeclaredField(cf[1]);
    field.setAccessible(true);
  }

  /** Sets the field to {@code value}, parsed as the field's type (boolean or int). */
  void set(String value) {
    try {
      if (field.getType() == boolean.class) {
        field.setBoolean(null, Boolean.parseBoolean(value));
      } else {
        field.setInt(null, Integer.parseInt(value));
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}

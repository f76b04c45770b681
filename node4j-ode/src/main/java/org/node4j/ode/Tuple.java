package org.node4j.ode;

import java.util.Arrays;

/**
 * A state made of several parts, each with its own {@link StateOps}: the augmented states of
 * gradient methods, such as the continuous adjoint's (z, a, g_theta).
 *
 * <p>The tuple holds references to its parts and never copies them, so a solver combining tuple
 * states works directly on the parts' storage. The array of parts is fixed at construction; the
 * parts themselves are mutable states, like any other state.
 */
public final class Tuple {

  private final Object[] parts;

  private Tuple(Object[] parts) {
    this.parts = parts;
  }

  /**
   * Wraps the given parts (by reference, not copied).
   *
   * @throws IllegalArgumentException if there are no parts or a part is null
   */
  public static Tuple of(Object... parts) {
    if (parts.length == 0) {
      throw new IllegalArgumentException("a Tuple needs at least one part, got none");
    }
    for (int i = 0; i < parts.length; i++) {
      if (parts[i] == null) {
        throw new IllegalArgumentException("Tuple part " + i + " is null");
      }
    }
    return new Tuple(parts.clone());
  }

  /** Returns the number of parts. */
  public int size() {
    return parts.length;
  }

  /**
   * Returns part {@code i}, typed by the caller (the tuple's {@link TupleOps} knows each part's
   * type; a wrong type fails with a {@link ClassCastException} at the caller).
   */
  @SuppressWarnings("unchecked")
  public <T> T part(int i) {
    return (T) parts[i];
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Tuple(");
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      Object p = parts[i];
      sb.append(p instanceof double[] ? Arrays.toString((double[]) p) : String.valueOf(p));
    }
    return sb.append(')').toString();
  }
}

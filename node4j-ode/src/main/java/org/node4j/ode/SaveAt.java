package org.node4j.ode;

/**
 * Which states a solve keeps, as diffrax's {@code SaveAt}: only the final one, the ones at given
 * times (interpolated inside steps), or the one after every accepted step (and y0).
 *
 * <p>Immutable. The final state is always available through {@link Solution#y()}.
 */
public final class SaveAt {

  /** The kind of save policy. */
  public enum Kind {
    /** Only the state at t1. */
    T1,
    /** The states at the given times. */
    TIMES,
    /** y0 and the state after every accepted step. */
    STEPS
  }

  private static final SaveAt T1 = new SaveAt(Kind.T1, new double[0]);
  private static final SaveAt STEPS = new SaveAt(Kind.STEPS, new double[0]);

  private final Kind kind;
  private final double[] times;

  private SaveAt(Kind kind, double[] times) {
    this.kind = kind;
    this.times = times;
  }

  /** Saves only the state at t1 (the default). */
  public static SaveAt t1() {
    return T1;
  }

  /** Saves y0 and the state after every accepted step. */
  public static SaveAt steps() {
    return STEPS;
  }

  /**
   * Saves the states at {@code ts}, which must be finite and sorted in the direction of integration
   * (checked against t0 and t1 when the solve starts).
   *
   * @throws IllegalArgumentException if {@code ts} is empty, non-finite or not monotone
   */
  public static SaveAt times(double... ts) {
    if (ts.length == 0) {
      throw new IllegalArgumentException("SaveAt.times needs at least one time; got none");
    }
    int up = 0;
    int down = 0;
    for (int i = 0; i < ts.length; i++) {
      if (!Double.isFinite(ts[i])) {
        throw new IllegalArgumentException("SaveAt.times: ts[" + i + "] = " + ts[i]);
      }
      if (i > 0) {
        up += ts[i] > ts[i - 1] ? 1 : 0;
        down += ts[i] < ts[i - 1] ? 1 : 0;
      }
    }
    if (up > 0 && down > 0) {
      throw new IllegalArgumentException(
          "SaveAt.times must be sorted in the direction of integration; got "
              + java.util.Arrays.toString(ts));
    }
    return new SaveAt(Kind.TIMES, ts.clone());
  }

  /** Returns the kind of policy. */
  public Kind kind() {
    return kind;
  }

  /** Returns a copy of the requested times (empty unless {@link Kind#TIMES}). */
  public double[] times() {
    return times.clone();
  }
}

package org.node4j.nn.kernel;

/**
 * Per-thread scratch arrays for packing operands, grown on demand and then reused, so that the GEMM
 * hot path allocates nothing once a thread has seen its largest problem.
 *
 * <p>A workspace belongs to exactly one thread (it is reached through a {@link ThreadLocal}); a
 * buffer handed out stays valid until the same thread asks for a buffer of the same type again.
 */
final class Workspace {
  private static final ThreadLocal<Workspace> LOCAL = ThreadLocal.withInitial(Workspace::new);

  private float[] floats = new float[0];
  private double[] doubles = new double[0];

  private Workspace() {}

  /** Returns the calling thread's workspace. */
  static Workspace local() {
    return LOCAL.get();
  }

  /** Returns a float array of at least {@code size} elements with unspecified contents. */
  float[] floats(int size) {
    if (floats.length < size) {
      floats = new float[grow(floats.length, size)];
    }
    return floats;
  }

  /** Returns a double array of at least {@code size} elements with unspecified contents. */
  double[] doubles(int size) {
    if (doubles.length < size) {
      doubles = new double[grow(doubles.length, size)];
    }
    return doubles;
  }

  private static int grow(int current, int needed) {
    return (int) Math.max(needed, Math.min(2L * current, Integer.MAX_VALUE - 8));
  }
}

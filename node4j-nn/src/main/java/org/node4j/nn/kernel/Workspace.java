package org.node4j.nn.kernel;

/**
 * Per-thread scratch arrays for packing operands, grown on demand and then reused, so that the GEMM
 * hot path allocates nothing once a thread has seen its largest problem.
 *
 * <p>A workspace belongs to exactly one thread (it is reached through a {@link ThreadLocal}); a
 * buffer handed out stays valid until the same thread asks for a buffer of the same type and slot
 * again.
 */
final class Workspace {
  private static final ThreadLocal<Workspace> LOCAL = ThreadLocal.withInitial(Workspace::new);

  /**
   * The independent buffers a thread may hold at once: the driver's transposed copy of B stays
   * valid while the same thread, running a chunk, packs panels of it.
   */
  enum Slot {
    /** {@link GemmDriver}'s row-major copy of a transposed B. */
    TRANSPOSED_B,
    /** A vector kernel's contiguous panels of one k-block of B. */
    PANEL,
    /** {@link GemmDriver}'s transposed result of a product with a narrow C (n below a vector). */
    NARROW_C,
    /** {@link GemmDriver}'s n x k transpose of B for a product with a narrow C. */
    NARROW_B,
    /**
     * A vector kernel's store of one vector's lanes (a lane sum, a range's partial last vector).
     */
    LANES,
    /** A vector kernel's copy of one vector's rows of A, transposed (the lanes are the rows). */
    COLUMNS_A,
    /** A vector kernel's copy of two columns of one vector's rows of C. */
    COLUMNS_C
  }

  private final float[][] floats = new float[Slot.values().length][0];
  private final double[][] doubles = new double[Slot.values().length][0];

  private Workspace() {}

  /** Returns the calling thread's workspace. */
  static Workspace local() {
    return LOCAL.get();
  }

  /** Returns a float array of at least {@code size} elements with unspecified contents. */
  float[] floats(Slot slot, int size) {
    int s = slot.ordinal();
    if (floats[s].length < size) {
      floats[s] = new float[grow(floats[s].length, size)];
    }
    return floats[s];
  }

  /** Returns a double array of at least {@code size} elements with unspecified contents. */
  double[] doubles(Slot slot, int size) {
    int s = slot.ordinal();
    if (doubles[s].length < size) {
      doubles[s] = new double[grow(doubles[s].length, size)];
    }
    return doubles[s];
  }

  private static int grow(int current, int needed) {
    return (int) Math.max(needed, Math.min(2L * current, Integer.MAX_VALUE - 8));
  }
}

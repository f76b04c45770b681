package org.node4j.nn.layer;

import java.util.ArrayDeque;
import org.node4j.nn.kernel.MatViewF32;
import org.node4j.nn.kernel.MatViewF64;

/**
 * Grow-only scratch arrays, pooled so that each concurrently running chunk gets its own set and
 * steady-state calls allocate nothing. A layer owns one pool; the pool holds as many workspaces as
 * chunks ever ran at the same time (at most the thread count).
 *
 * <p>A workspace also owns the matrix views of its chunk's products (operands A, B and C of {@link
 * org.node4j.nn.kernel.Gemm}, one set per float type), re-pointed before each product: views made
 * per product would be free only where the JIT scalar-replaces them.
 */
final class Workspace {
  final MatViewF64 aF64 = new MatViewF64();
  final MatViewF64 bF64 = new MatViewF64();
  final MatViewF64 cF64 = new MatViewF64();
  final MatViewF32 aF32 = new MatViewF32();
  final MatViewF32 bF32 = new MatViewF32();
  final MatViewF32 cF32 = new MatViewF32();
  private final float[][] floats;
  private final double[][] doubles;
  private int[] ints = new int[0];

  private Workspace(int slots) {
    floats = new float[slots][0];
    doubles = new double[slots][0];
  }

  /** Returns the int scratch array with at least {@code n} elements (one slot). */
  int[] ints(int n) {
    if (ints.length < n) {
      ints = new int[n];
    }
    return ints;
  }

  /** Returns float scratch slot {@code slot} with at least {@code n} elements. */
  float[] floats(int slot, int n) {
    if (floats[slot].length < n) {
      floats[slot] = new float[n];
    }
    return floats[slot];
  }

  /** Returns double scratch slot {@code slot} with at least {@code n} elements. */
  double[] doubles(int slot, int n) {
    if (doubles[slot].length < n) {
      doubles[slot] = new double[n];
    }
    return doubles[slot];
  }

  /** A thread-safe pool of workspaces with a fixed number of slots each. */
  static final class Pool {
    private final int slots;
    private final ArrayDeque<Workspace> free = new ArrayDeque<>();

    Pool(int slots) {
      this.slots = slots;
    }

    synchronized Workspace acquire() {
      Workspace w = free.pollFirst();
      return w != null ? w : new Workspace(slots);
    }

    synchronized void release(Workspace w) {
      free.addFirst(w);
    }
  }
}

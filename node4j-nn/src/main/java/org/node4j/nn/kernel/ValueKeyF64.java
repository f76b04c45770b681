package org.node4j.nn.kernel;

import java.util.Arrays;

/**
 * A copy of the values something was derived from, for derived data that is kept between uses and
 * rebuilt only when its source changes: a packed weight matrix ({@link PackedMatF64}), a
 * convolution's Winograd-transformed kernel. The float32 twin is generated from this file at build
 * time (see the node4j-nn POM).
 *
 * <p>Why values and not a version counter: a tensor hands out its array, so not every write can be
 * counted, and derived data that misses one is silently stale; comparing the values costs one read
 * of the source, far less than rebuilding what was derived from it (see {@link PackedMatF64}).
 * Values compare bit by bit ({@link Arrays#equals(double[], double[])}: NaN equals NaN, 0.0 differs
 * from -0.0). One owner reads and writes a key, on one thread.
 */
public final class ValueKeyF64 {
  private double[] key = new double[0];
  private int length = -1;

  /** Creates an empty key, which matches nothing until the first {@link #record}. */
  public ValueKeyF64() {}

  /** Returns whether the key holds values (recorded and not {@link #clear}ed since). */
  public boolean isSet() {
    return length >= 0;
  }

  /** Returns whether the key holds exactly {@code source[offset .. offset + n)}. */
  public boolean matches(double[] source, int offset, int n) {
    return length == n && Arrays.equals(key, 0, n, source, offset, offset + n);
  }

  /**
   * Returns whether the key holds exactly the {@code rows} x {@code cols} matrix at {@code offset}
   * with leading dimension {@code ld}, row by row.
   */
  public boolean matchesRows(double[] source, int offset, int ld, int rows, int cols) {
    boolean same = length == rows * cols;
    for (int i = 0; same && cols > 0 && i < rows; i++) {
      int from = offset + i * ld;
      same = Arrays.equals(key, i * cols, i * cols + cols, source, from, from + cols);
    }
    return same;
  }

  /** Records {@code source[offset .. offset + n)} as the key. */
  public void record(double[] source, int offset, int n) {
    reserve(n);
    System.arraycopy(source, offset, key, 0, n);
    length = n;
  }

  /** Records the {@code rows} x {@code cols} matrix at {@code offset} (leading dimension ld). */
  public void recordRows(double[] source, int offset, int ld, int rows, int cols) {
    reserve(rows * cols);
    for (int i = 0; cols > 0 && i < rows; i++) {
      System.arraycopy(source, offset + i * ld, key, i * cols, cols);
    }
    length = rows * cols;
  }

  /** Forgets the values, so that nothing matches until the next {@link #record}. */
  public void clear() {
    length = -1;
  }

  private void reserve(int n) {
    if (key.length < n) {
      key = new double[n];
    }
  }
}

package org.node4j.nn.layer;

import org.node4j.nn.tensor.Tensor;

/**
 * Row-major loops shared by the layers: the bias add and bias gradient of {@link Linear}, and the
 * layout changes between the GEMM rows of a convolution and its [N, O, P] images. The float32 twin
 * is generated from this file at build time (see the node4j-nn POM). The static loops take arrays
 * (the convolution calls them directly); the {@link RowLoops} methods take tensors, for {@link
 * RowOps} to call on either dtype.
 *
 * <p>The bias add and the column sums run their whole vectors of columns with the Vector API
 * ({@link Lanes}, implemented by {@code VectorRowsF64} and loaded only when the GEMM kernel uses
 * the Vector API) on matrices of at least {@link #VECTOR_MIN} elements: C2 does not vectorise these
 * loops itself, since a row (64 columns in the MLPs) is too short for its unrolled vector loop, so
 * they ran at about one element per cycle. Each element gets the same additions in the same order
 * either way (the same bits). Smaller matrices keep the scalar loops, which allocate nothing before
 * C2 compiles them, where the Vector API's Java fallback boxes every vector.
 */
final class RowLoopsF64 implements RowLoops {
  static final RowLoopsF64 INSTANCE = new RowLoopsF64();

  /** The fewest elements of a matrix the vector loops take. */
  static final int VECTOR_MIN = 4096;

  private static final Lanes LANES = Lanes.load();

  private RowLoopsF64() {}

  /** The vector loops: each does whole vectors of columns and returns how many columns it did. */
  interface Lanes {
    /** Adds {@code v} to columns {@code [0, done)} of rows {@code [r0, r1)}; returns done. */
    int addRowVector(double[] m, int r0, int r1, double[] v);

    /** Adds the column sums of columns {@code [0, done)} into {@code out}; returns done. */
    int addColumnSums(double[] m, int r0, int r1, int cols, double[] out, int off);

    /** The vector loops when the GEMM kernel uses the Vector API, else null. */
    static Lanes load() {
      return VectorLoops.load(Lanes.class, "org.node4j.nn.layer.VectorRowsF64", "row loops");
    }
  }

  /** Returns whether the vector loops take matrices of {@code rows x cols}. */
  private static boolean vectorised(int rows, int cols) {
    return LANES != null && (long) rows * cols >= VECTOR_MIN;
  }

  @Override
  public void addRowVector(Tensor m, int r0, int r1, Tensor v) {
    addRowVector(m.doubles(), r0, r1, v.doubles());
  }

  @Override
  public void columnSums(Tensor m, int r0, int r1, int cols, Tensor out, int off) {
    columnSums(m.doubles(), r0, r1, cols, out.doubles(), off);
  }

  @Override
  public void addChunks(Tensor partials, int chunks, int stride, int offset, Tensor sum) {
    double[] g = sum.doubles();
    double[] d = partials.doubles();
    int n = g.length;
    int c = 0;
    // Two chunks per pass over the sum, added in chunk order ((g + d0) + d1, the same bits as two
    // passes): the sum, a parameter gradient that is usually out of cache, is read and written half
    // as often.
    for (; c + 2 <= chunks; c += 2) {
      int b0 = c * stride + offset;
      int b1 = b0 + stride;
      for (int i = 0; i < n; i++) {
        g[i] = g[i] + d[b0 + i] + d[b1 + i];
      }
    }
    for (; c < chunks; c++) {
      int base = c * stride + offset;
      for (int i = 0; i < n; i++) {
        g[i] += d[base + i];
      }
    }
  }

  /**
   * Adds {@code v} to rows {@code [r0, r1)} of the matrix {@code m} with {@code v.length} columns.
   */
  static void addRowVector(double[] m, int r0, int r1, double[] v) {
    int cols = v.length;
    int done = vectorised(r1 - r0, cols) ? LANES.addRowVector(m, r0, r1, v) : 0;
    for (int r = r0; r < r1; r++) {
      int base = r * cols;
      for (int j = done; j < cols; j++) {
        m[base + j] += v[j];
      }
    }
  }

  /**
   * Writes the column sums of rows {@code [r0, r1)} of {@code m} into {@code out[off..off+cols)}.
   */
  static void columnSums(double[] m, int r0, int r1, int cols, double[] out, int off) {
    java.util.Arrays.fill(out, off, off + cols, 0.0);
    addColumnSums(m, r0, r1, cols, out, off);
  }

  /** Adds the column sums of rows {@code [r0, r1)} of {@code m} into {@code out[off..off+cols)}. */
  static void addColumnSums(double[] m, int r0, int r1, int cols, double[] out, int off) {
    int done = vectorised(r1 - r0, cols) ? LANES.addColumnSums(m, r0, r1, cols, out, off) : 0;
    for (int r = r0; r < r1; r++) {
      int base = r * cols;
      for (int j = done; j < cols; j++) {
        out[off + j] += m[base + j];
      }
    }
  }

  /** Writes {@code y[n, o, p] = rows[(n - n0) * P + p, o] + bias[o]} ({@code bias} may be null). */
  static void scatter(double[] rows, int n0, int nb, int o, int p, double[] bias, double[] y) {
    for (int i = 0; i < nb; i++) {
      for (int ch = 0; ch < o; ch++) {
        double b = bias == null ? 0.0 : bias[ch];
        int dst = ((n0 + i) * o + ch) * p;
        int src = i * p * o + ch;
        for (int q = 0; q < p; q++) {
          y[dst + q] = rows[src + q * o] + b;
        }
      }
    }
  }

  /** Writes {@code rows[(n - n0) * P + p, o] = dy[n, o, p]}, the adjoint of {@link #scatter}. */
  static void gather(double[] dy, int n0, int nb, int o, int p, double[] rows) {
    for (int i = 0; i < nb; i++) {
      for (int ch = 0; ch < o; ch++) {
        int src = ((n0 + i) * o + ch) * p;
        int dst = i * p * o + ch;
        for (int q = 0; q < p; q++) {
          rows[dst + q * o] = dy[src + q];
        }
      }
    }
  }

  /** Adds {@code v} to {@code m[off, off + n)}. */
  static void addScalar(double[] m, int off, int n, double v) {
    for (int i = off; i < off + n; i++) {
      m[i] += v;
    }
  }

  /**
   * Adds to {@code out[outOff + i]} the sum of plane i, {@code m[off + i * n, off + (i + 1) * n)},
   * for {@code planes} consecutive planes: each sum as {@link #sum} computes it (in order from
   * 0.0), so the same bits, but four planes at a time. One plane's sum is a chain of dependent
   * additions that waits out each addition's latency (C2 does not reorder a floating-point
   * reduction); four independent chains side by side keep the adder busy (the bias gradients of the
   * convolutions: 128 planes of 1024 positions per image in W4).
   */
  static void addPlaneSums(double[] m, int off, int planes, int n, double[] out, int outOff) {
    int i = 0;
    for (; i + 4 <= planes; i += 4) {
      int a = off + i * n;
      double s0 = 0.0;
      double s1 = 0.0;
      double s2 = 0.0;
      double s3 = 0.0;
      for (int q = 0; q < n; q++) {
        s0 += m[a + q];
        s1 += m[a + n + q];
        s2 += m[a + 2 * n + q];
        s3 += m[a + 3 * n + q];
      }
      out[outOff + i] += s0;
      out[outOff + i + 1] += s1;
      out[outOff + i + 2] += s2;
      out[outOff + i + 3] += s3;
    }
    for (; i < planes; i++) {
      out[outOff + i] += sum(m, off + i * n, n);
    }
  }

  /** Returns the sum of {@code m[off, off + n)}, in order. */
  static double sum(double[] m, int off, int n) {
    double s = 0.0;
    for (int i = off; i < off + n; i++) {
      s += m[i];
    }
    return s;
  }
}

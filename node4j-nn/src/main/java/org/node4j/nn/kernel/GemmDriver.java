package org.node4j.nn.kernel;

import java.util.Arrays;

/**
 * Runs a validated product on a {@link GemmKernel}: handles empty shapes, packs a transposed B into
 * row-major k x n form in the caller's {@link Workspace}, and cuts C into the chunks of a {@link
 * GemmSplit}, which {@link Parallel} runs on the engine's threads.
 *
 * <p>Packing B once per call serves all chunks and threads (they only read it); the packed copy
 * lives in the calling thread's workspace, which is not touched again until the call returns.
 */
final class GemmDriver {
  private static final int TILE = 32;

  /** Below this many columns, C is computed transposed (see {@link #isNarrow}). */
  static final int NARROW = 8;

  private GemmDriver() {}

  /**
   * A C with fewer columns than a vector (the 2-output head of an MLP, the weight gradient of a
   * 2-input layer) would leave the vector kernel only its per-element scalar remainder, which reads
   * a strided column of B per element. C^T = op(B)^T op(A)^T has long rows instead, so it runs on
   * the vector tiles; each element is still one in-order chain of multiply-adds over k, so the
   * result is the same bits (up to the final addition to C when accumulating). Only taken when A is
   * transposed, so that the swapped product needs no transposed copy of A.
   */
  static boolean isNarrow(int m, int n) {
    return n < NARROW && m >= 4 * NARROW;
  }

  static void run(
      GemmKernel kernel,
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int lda,
      float[] b,
      int bOff,
      int ldb,
      float[] c,
      int cOff,
      int ldc,
      boolean accumulate) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      if (!accumulate) {
        for (int i = 0; i < m; i++) {
          Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
        }
      }
      return;
    }
    if (transA && isNarrow(m, n)) {
      float[] t = Workspace.local().floats(Workspace.Slot.NARROW_C, n * m);
      run(kernel, !transB, !transA, n, m, k, b, bOff, ldb, a, aOff, lda, t, 0, m, false);
      for (int i = 0; i < m; i++) {
        int ci = cOff + i * ldc;
        for (int j = 0; j < n; j++) {
          c[ci + j] = accumulate ? c[ci + j] + t[j * m + i] : t[j * m + i];
        }
      }
      return;
    }
    float[] bp = b;
    int bpOff = bOff;
    int ldbp = ldb;
    if (transB) {
      bp = Workspace.local().floats(Workspace.Slot.TRANSPOSED_B, k * n);
      transpose(b, bOff, ldb, n, k, bp);
      bpOff = 0;
      ldbp = n;
    }
    if (!GemmSplit.isParallel(m, n, k)) {
      kernel.block(transA, m, n, k, a, aOff, lda, bp, bpOff, ldbp, c, cOff, ldc, accumulate);
      return;
    }
    GemmSplit split = GemmSplit.of(m, n, k);
    int ars = transA ? 1 : lda;
    float[] bq = bp;
    int bqOff = bpOff;
    int ldbq = ldbp;
    if (split.byRows()) {
      Parallel.forChunks(
          m,
          split.grain(),
          (from, to) ->
              kernel.block(
                  transA,
                  to - from,
                  n,
                  k,
                  a,
                  aOff + from * ars,
                  lda,
                  bq,
                  bqOff,
                  ldbq,
                  c,
                  cOff + from * ldc,
                  ldc,
                  accumulate));
    } else {
      Parallel.forChunks(
          n,
          split.grain(),
          (from, to) ->
              kernel.block(
                  transA,
                  m,
                  to - from,
                  k,
                  a,
                  aOff,
                  lda,
                  bq,
                  bqOff + from,
                  ldbq,
                  c,
                  cOff + from,
                  ldc,
                  accumulate));
    }
  }

  static void run(
      GemmKernel kernel,
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      double[] a,
      int aOff,
      int lda,
      double[] b,
      int bOff,
      int ldb,
      double[] c,
      int cOff,
      int ldc,
      boolean accumulate) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      if (!accumulate) {
        for (int i = 0; i < m; i++) {
          Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
        }
      }
      return;
    }
    if (transA && isNarrow(m, n)) {
      double[] t = Workspace.local().doubles(Workspace.Slot.NARROW_C, n * m);
      run(kernel, !transB, !transA, n, m, k, b, bOff, ldb, a, aOff, lda, t, 0, m, false);
      for (int i = 0; i < m; i++) {
        int ci = cOff + i * ldc;
        for (int j = 0; j < n; j++) {
          c[ci + j] = accumulate ? c[ci + j] + t[j * m + i] : t[j * m + i];
        }
      }
      return;
    }
    if (!transA && n < NARROW) {
      runDotRows(kernel, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
      return;
    }
    double[] bp = b;
    int bpOff = bOff;
    int ldbp = ldb;
    if (transB) {
      bp = Workspace.local().doubles(Workspace.Slot.TRANSPOSED_B, k * n);
      transpose(b, bOff, ldb, n, k, bp);
      bpOff = 0;
      ldbp = n;
    }
    if (!GemmSplit.isParallel(m, n, k)) {
      kernel.block(transA, m, n, k, a, aOff, lda, bp, bpOff, ldbp, c, cOff, ldc, accumulate);
      return;
    }
    GemmSplit split = GemmSplit.of(m, n, k);
    int ars = transA ? 1 : lda;
    double[] bq = bp;
    int bqOff = bpOff;
    int ldbq = ldbp;
    if (split.byRows()) {
      Parallel.forChunks(
          m,
          split.grain(),
          (from, to) ->
              kernel.block(
                  transA,
                  to - from,
                  n,
                  k,
                  a,
                  aOff + from * ars,
                  lda,
                  bq,
                  bqOff,
                  ldbq,
                  c,
                  cOff + from * ldc,
                  ldc,
                  accumulate));
    } else {
      Parallel.forChunks(
          n,
          split.grain(),
          (from, to) ->
              kernel.block(
                  transA,
                  m,
                  to - from,
                  k,
                  a,
                  aOff,
                  lda,
                  bq,
                  bqOff + from,
                  ldbq,
                  c,
                  cOff + from,
                  ldc,
                  accumulate));
    }
  }

  /**
   * A narrow C with untransposed A as dot products of rows of A and rows of op(B)^T ({@link
   * GemmKernel#dotRows}): a transposed B already stores those rows; otherwise the k x n B is
   * transposed into an n x k workspace buffer once per call. Chunks of rows run in parallel when
   * the product is large enough; each element depends only on its two rows, whatever the split.
   */
  private static void runDotRows(
      GemmKernel kernel,
      boolean transB,
      int m,
      int n,
      int k,
      double[] a,
      int aOff,
      int lda,
      double[] b,
      int bOff,
      int ldb,
      double[] c,
      int cOff,
      int ldc,
      boolean accumulate) {
    double[] bt = b;
    int btOff = bOff;
    int ldbt = ldb;
    if (!transB) {
      bt = Workspace.local().doubles(Workspace.Slot.NARROW_B, n * k);
      transpose(b, bOff, ldb, k, n, bt);
      btOff = 0;
      ldbt = k;
    }
    if (!GemmSplit.isParallel(m, n, k)) {
      kernel.dotRows(m, n, k, a, aOff, lda, bt, btOff, ldbt, c, cOff, ldc, accumulate);
      return;
    }
    double[] bq = bt;
    int bqOff = btOff;
    int ldbq = ldbt;
    Parallel.forChunks(
        m,
        GemmSplit.of(m, n, k).grain(),
        (from, to) ->
            kernel.dotRows(
                to - from,
                n,
                k,
                a,
                aOff + from * lda,
                lda,
                bq,
                bqOff,
                ldbq,
                c,
                cOff + from * ldc,
                ldc,
                accumulate));
  }

  /** Writes the transpose of the rows x cols matrix {@code src} (row stride ld) to {@code dst}. */
  static void transpose(float[] src, int off, int ld, int rows, int cols, float[] dst) {
    for (int r0 = 0; r0 < rows; r0 += TILE) {
      int r1 = Math.min(rows, r0 + TILE);
      for (int c0 = 0; c0 < cols; c0 += TILE) {
        int c1 = Math.min(cols, c0 + TILE);
        for (int r = r0; r < r1; r++) {
          int s = off + r * ld;
          for (int q = c0; q < c1; q++) {
            dst[q * rows + r] = src[s + q];
          }
        }
      }
    }
  }

  /** Writes the transpose of the rows x cols matrix {@code src} (row stride ld) to {@code dst}. */
  static void transpose(double[] src, int off, int ld, int rows, int cols, double[] dst) {
    for (int r0 = 0; r0 < rows; r0 += TILE) {
      int r1 = Math.min(rows, r0 + TILE);
      for (int c0 = 0; c0 < cols; c0 += TILE) {
        int c1 = Math.min(cols, c0 + TILE);
        for (int r = r0; r < r1; r++) {
          int s = off + r * ld;
          for (int q = c0; q < c1; q++) {
            dst[q * rows + r] = src[s + q];
          }
        }
      }
    }
  }
}

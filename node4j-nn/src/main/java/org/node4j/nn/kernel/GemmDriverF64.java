package org.node4j.nn.kernel;

/**
 * Runs a validated float64 product on a {@link BlockKernelF64}: handles empty shapes, packs a
 * transposed B into row-major k x n form in the caller's {@link Workspace}, and cuts C into the
 * chunks of a {@link GemmSplit}, which {@link Parallel} runs on the engine's threads. The float32
 * twin is generated from this file at build time (see the node4j-nn POM).
 *
 * <p>Packing B once per call serves all chunks and threads (they only read it); the packed copy
 * lives in the calling thread's workspace, which is not touched again until the call returns.
 */
final class GemmDriverF64 {
  private static final int TILE = 32;

  private GemmDriverF64() {}

  /**
   * Checks that the views' shapes agree, then unpacks them into {@link #run}: the views end here,
   * so that the loops below see only locals (and, once this is inlined into the caller, the JIT
   * removes the views altogether).
   */
  static void gemm(
      BlockKernelF64 kernel,
      boolean transA,
      boolean transB,
      OperandF64 a,
      OperandF64 b,
      OperandF64 c,
      boolean accumulate) {
    MatChecks.product(transA, a.rows(), a.cols(), transB, b.rows(), b.cols(), c.rows(), c.cols());
    int k = transA ? a.rows() : a.cols();
    run(
        kernel,
        transA,
        transB,
        c.rows(),
        c.cols(),
        k,
        a.data(),
        a.offset(),
        a.ld(),
        b.data(),
        b.offset(),
        b.ld(),
        c.data(),
        c.offset(),
        c.ld(),
        accumulate);
  }

  /** As the view product above, for tensor views holding float64 (the dtype already checked). */
  static void gemm(
      BlockKernelF64 kernel,
      boolean transA,
      boolean transB,
      TensorOperand a,
      TensorOperand b,
      TensorOperand c,
      boolean accumulate) {
    MatChecks.product(transA, a.rows(), a.cols(), transB, b.rows(), b.cols(), c.rows(), c.cols());
    int k = transA ? a.rows() : a.cols();
    run(
        kernel,
        transA,
        transB,
        c.rows(),
        c.cols(),
        k,
        a.tensor().doubles(),
        a.offset(),
        a.ld(),
        b.tensor().doubles(),
        b.offset(),
        b.ld(),
        c.tensor().doubles(),
        c.offset(),
        c.ld(),
        accumulate);
  }

  /**
   * {@code C (+)= A B} with A untransposed and B packed ({@link PackedMatF64}): as {@link #run}
   * without the packing, so every element gets the same bits as from the unpacked B.
   */
  static void gemmPacked(
      BlockKernelF64 kernel, OperandF64 a, PackedMatF64 b, OperandF64 c, boolean accumulate) {
    b.requirePacked();
    MatChecks.product(false, a.rows(), a.cols(), false, b.rows(), b.cols(), c.rows(), c.cols());
    runPacked(
        kernel,
        c.rows(),
        c.cols(),
        a.cols(),
        a.data(),
        a.offset(),
        a.ld(),
        b.data(),
        c.data(),
        c.offset(),
        c.ld(),
        accumulate);
  }

  /** As the view product above, for tensor views holding float64 (the dtype already checked). */
  static void gemmPacked(
      BlockKernelF64 kernel, TensorOperand a, PackedMatF64 b, TensorOperand c, boolean accumulate) {
    b.requirePacked();
    MatChecks.product(false, a.rows(), a.cols(), false, b.rows(), b.cols(), c.rows(), c.cols());
    runPacked(
        kernel,
        c.rows(),
        c.cols(),
        a.cols(),
        a.tensor().doubles(),
        a.offset(),
        a.ld(),
        b.data(),
        c.tensor().doubles(),
        c.offset(),
        c.ld(),
        accumulate);
  }

  private static void runPacked(
      BlockKernelF64 kernel,
      int m,
      int n,
      int k,
      double[] av,
      int aOff,
      int lda,
      double[] bp,
      double[] cv,
      int cOff,
      int ldc,
      boolean accumulate) {
    if (m == 0 || n == 0 || k == 0) {
      run(kernel, false, false, m, n, k, av, aOff, lda, bp, 0, 1, cv, cOff, ldc, accumulate);
      return;
    }
    // float64 only {
    if (dotRows(n)) {
      runDotRows(kernel, true, m, n, k, av, aOff, lda, bp, 0, k, cv, cOff, ldc, accumulate);
      return;
    }
    // } float64 only
    if (!GemmSplit.isParallel(m, n, k) || !Parallel.canSplit()) {
      kernel.blockPacked(m, n, k, av, aOff, lda, bp, cv, cOff, ldc, accumulate);
      return;
    }
    // Row chunks only: a column chunk would have to start at a panel. Any row split gives the same
    // bits (each element is one chain over k).
    GemmSplit split = GemmSplit.of(m, n, k);
    int grain = split.byRows() ? split.grain() : Math.max(8, (m + 15) / 16 * 8);
    Parallel.forChunks(
        m,
        grain,
        (from, to) ->
            kernel.blockPacked(
                to - from,
                n,
                k,
                av,
                aOff + from * lda,
                lda,
                bp,
                cv,
                cOff + from * ldc,
                ldc,
                accumulate));
  }

  /**
   * {@code C (+)= op(A) op(B)} with op(A) m x k, op(B) k x n, C m x n, all row-major with the given
   * offsets and row strides (already checked by {@link Gemm}).
   */
  static void run(
      BlockKernelF64 kernel,
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
        BlockKernelF64.zero(m, n, c, cOff, ldc);
      }
      return;
    }
    if (transA && GemmSplit.isNarrow(m, n)) {
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
    // float64 only {
    if (!transA && dotRows(n)) {
      runDotRows(kernel, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
      return;
    }
    // } float64 only
    double[] bp = b;
    int bpOff = bOff;
    int ldbp = ldb;
    if (transB) {
      bp = Workspace.local().doubles(Workspace.Slot.TRANSPOSED_B, k * n);
      transpose(b, bOff, ldb, n, k, bp);
      bpOff = 0;
      ldbp = n;
    }
    if (!GemmSplit.isParallel(m, n, k) || !Parallel.canSplit()) {
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

  // float64 only {
  /** Whether a product with untransposed A and n columns runs as {@link #runDotRows}. */
  static boolean dotRows(int n) {
    return n < GemmSplit.NARROW;
  }

  // } float64 only

  // float64 only {
  /**
   * A narrow C with untransposed A as dot products of rows of A and rows of op(B)^T ({@link
   * GemmKernel#dotRows}): a transposed B already stores those rows; otherwise the k x n B is
   * transposed into an n x k workspace buffer once per call. Chunks of rows run in parallel when
   * the product is large enough; each element depends only on its two rows, whatever the split.
   */
  private static void runDotRows(
      BlockKernelF64 kernel,
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
    if (!GemmSplit.isParallel(m, n, k) || !Parallel.canSplit()) {
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

  // } float64 only

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

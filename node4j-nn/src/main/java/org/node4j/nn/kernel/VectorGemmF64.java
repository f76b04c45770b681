package org.node4j.nn.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked float64 block product with the Vector API (loaded only through {@link
 * VectorGemmKernel}).
 *
 * <p>The micro-tiles ({@link VectorTilesF64}) keep a tile of C in accumulator registers; each step
 * of the reduction loads one row of a packed panel of B and broadcasts one element of each of the
 * tile's rows of op(A), then issues the fused multiply-adds: the register layout of the BLIS
 * micro-kernel (Van Zee and van de Geijn, "BLIS: A Framework for Rapidly Instantiating BLAS
 * Functionality", ACM TOMS 41(3), 2015). Loops around it follow GotoBLAS (Goto and van de Geijn,
 * "Anatomy of High-Performance Matrix Multiplication", ACM TOMS 34(3), 2008, sections 4 and 6): the
 * reduction is cut into blocks of {@value #KC}; each block of B (KC x n) is first copied into
 * contiguous column panels of width {@link #NR} (the micro-tile's width), and the rows of C are cut
 * into blocks of {@value #MC} whose row tiles stream past a panel while it stays in L1.
 *
 * <p>Packing B makes both vector loads of the micro-kernel's inner loop {@code base + p * NR}, a
 * constant stride, and C2 hoists their range checks out of the loop, which it cannot do for the row
 * stride of B, known only at run time. A is read in place, one broadcast element per row and step
 * (its rows, or for a transposed A its columns, are the micro-tile's rows): copying it would cost
 * about as much as the multiply-adds of the narrow products of a width-64 network. The panels live
 * in the calling thread's {@link Workspace}. Products with a short reduction or fewer rows than a
 * tile take a direct path without packing.
 *
 * <p>When the product overwrites C, the micro-kernels of the first reduction block start from zero
 * vectors ({@code fresh}, a branch before their loops) instead of loading C, and later blocks start
 * from C: C is never zeroed beforehand, a separate pass over it (the zeroing was 2 % of workload W3
 * (a)'s samples on one thread). A zero vector is +0.0 in every lane, the same bits as a zeroed C.
 * Every element's sum is one chain of fused multiply-adds over p = 0 .. k-1 in order, exactly as
 * {@link Math#fma} in a loop computes it from +0.0 (or from C when accumulating), on every path
 * (tile, 1-row tile, one-vector panel, scalar tail, direct path): each element is computed the same
 * way wherever it lies and however C was split into chunks.
 *
 * <p>The float32 twin is generated from this file at build time (see the node4j-nn POM); the
 * species is a static final constant of each generated class, so every call site stays monomorphic
 * and L and NR are compile-time constants of the JIT.
 */
final class VectorGemmF64 implements BlockKernelF64 {
  /** The one instance, handed out by {@link VectorGemmKernel}. */
  static final VectorGemmF64 INSTANCE = new VectorGemmF64();

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Columns of the micro-tile: the width of a packed panel of B. */
  private static final int NR = VectorTilesF64.NR;

  /** Reduction block: 1 KiB of each row of a B panel (128 doubles, 256 floats). */
  private static final int KC = 1024 / Double.BYTES;

  /** Row block, a multiple of every micro-tile height (8, 6 and 4). */
  private static final int MC = 240;

  /**
   * Reductions shorter than this (the outer products of 1 x 1 convolutions of one channel, the
   * 2-input layers of small MLPs) skip the packing and zeroing, which would cost more than their
   * few multiply-adds per element of C; so do products with fewer rows than one micro-tile.
   */
  private static final int PACK_MIN_K = 8;

  private VectorGemmF64() {}

  @Override
  public void block(
      boolean transA,
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
    int ars = transA ? 1 : lda;
    int acs = transA ? lda : 1;
    if (m < VectorTilesF64.MR || k < PACK_MIN_K) {
      direct(m, n, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff, ldc, accumulate);
      return;
    }
    int panels = n / NR;
    int half = n - panels * NR >= L ? 1 : 0;
    int packed = panels * NR + half * L;
    double[] bp = Workspace.local().doubles(Workspace.Slot.PANEL, Math.min(KC, k) * packed);
    for (int k0 = 0; k0 < k; k0 += KC) {
      int kc = Math.min(KC, k - k0);
      int bk = bOff + k0 * ldb;
      boolean fresh = !accumulate && k0 == 0;
      packB(kc, panels, half, b, bk, ldb, bp, 0);
      for (int i0 = 0; i0 < m; i0 += MC) {
        int mb = Math.min(MC, m - i0);
        int ai = aOff + k0 * acs + i0 * ars;
        int ci = cOff + i0 * ldc;
        if (fresh && VectorTilesF64.startsFromC(acs)) {
          BlockKernelF64.zero(mb, panels * NR, c, ci, ldc);
        }
        for (int q = 0; q < panels; q++) {
          VectorTilesF64.rowsFull(
              mb, kc, a, ai, ars, acs, bp, q * kc * NR, c, ci + q * NR, ldc, fresh);
        }
        if (half > 0) {
          VectorTilesF64.rowsHalf(
              mb, kc, a, ai, ars, acs, bp, panels * kc * NR, c, ci + panels * NR, ldc, fresh);
        }
        columns(mb, kc, a, ai, ars, acs, b, bk, ldb, packed, n, c, ci, ldc, fresh);
      }
    }
  }

  /**
   * The packed form of a whole k x n B: for each reduction block of {@value #KC} rows (kc rows,
   * from row k0), the panels {@link #block} would copy it into, at {@code k0 * w} where w is the
   * panels' width; then the columns right of the panels, row-major k x (n - w), at {@code k * w}. A
   * B with a reduction shorter than {@link #PACK_MIN_K}, which {@link #block} reads in place, is
   * kept row-major.
   */
  @Override
  public int packedLength(int k, int n) {
    return k * n;
  }

  @Override
  public void pack(int k, int n, double[] b, int bOff, int ldb, double[] dst) {
    int w = k < PACK_MIN_K ? 0 : panelWidth(n);
    int rest = n - w;
    if (w > 0) {
      int panels = n / NR;
      int half = (w - panels * NR) / L;
      for (int k0 = 0; k0 < k; k0 += KC) {
        packB(Math.min(KC, k - k0), panels, half, b, bOff + k0 * ldb, ldb, dst, k0 * w);
      }
    }
    for (int p = 0, to = k * w; p < k; p++, to += rest) {
      System.arraycopy(b, bOff + p * ldb + w, dst, to, rest);
    }
  }

  @Override
  public void blockPacked(
      int m,
      int n,
      int k,
      double[] a,
      int aOff,
      int lda,
      double[] bp,
      double[] c,
      int cOff,
      int ldc,
      boolean accumulate) {
    if (k < PACK_MIN_K) {
      direct(m, n, k, a, aOff, lda, 1, bp, 0, n, c, cOff, ldc, accumulate);
      return;
    }
    // Fewer rows than a tile go through the single-row tiles here (the unpacked product takes its
    // direct path): the same chain of fused multiply-adds per element, so the same bits.
    int w = panelWidth(n);
    int panels = n / NR;
    int half = (w - panels * NR) / L;
    int rest = n - w;
    for (int k0 = 0; k0 < k; k0 += KC) {
      int kc = Math.min(KC, k - k0);
      int bk = k0 * w;
      int rk = k * w + k0 * rest;
      boolean fresh = !accumulate && k0 == 0;
      for (int i0 = 0; i0 < m; i0 += MC) {
        int mb = Math.min(MC, m - i0);
        int ai = aOff + k0 + i0 * lda;
        int ci = cOff + i0 * ldc;
        if (fresh && VectorTilesF64.startsFromC(1)) {
          BlockKernelF64.zero(mb, panels * NR, c, ci, ldc);
        }
        for (int q = 0; q < panels; q++) {
          VectorTilesF64.rowsFull(
              mb, kc, a, ai, lda, 1, bp, bk + q * kc * NR, c, ci + q * NR, ldc, fresh);
        }
        if (half > 0) {
          VectorTilesF64.rowsHalf(
              mb, kc, a, ai, lda, 1, bp, bk + panels * kc * NR, c, ci + panels * NR, ldc, fresh);
        }
        columns(mb, kc, a, ai, lda, 1, bp, rk - w, rest, w, n, c, ci, ldc, fresh);
      }
    }
  }

  /**
   * The columns of an n-wide B that {@link #block} packs into panels (the rest it reads in place).
   */
  private static int panelWidth(int n) {
    int panels = n / NR;
    int half = n - panels * NR >= L ? 1 : 0;
    return panels * NR + half * L;
  }

  // float64 only {
  @Override
  public void dotRows(
      int m,
      int n,
      int k,
      double[] a,
      int aOff,
      int lda,
      double[] bt,
      int btOff,
      int ldbt,
      double[] c,
      int cOff,
      int ldc,
      boolean accumulate) {
    VectorDotF64.dotRows(m, n, k, a, aOff, lda, bt, btOff, ldbt, c, cOff, ldc, accumulate);
  }

  // } float64 only
  /**
   * Copies kc rows of B (from {@code bk}, rows {@code ldb} apart) into {@code panels} contiguous
   * panels of {@link #NR} columns, then, when {@code half} is 1, the next {@code L} columns into
   * one panel of one vector: panel q starts at {@code bpOff + q * kc * NR}, and its row p at {@code
   * p * NR} (or {@code p * L}) past that.
   */
  private static void packB(
      int kc, int panels, int half, double[] b, int bk, int ldb, double[] bp, int bpOff) {
    for (int q = 0; q < panels; q++) {
      int dst = bpOff + q * kc * NR;
      int src = bk + q * NR;
      for (int p = 0; p < kc; p++, dst += NR, src += ldb) {
        for (int v = 0; v < NR; v += L) {
          DoubleVector.fromArray(S, b, src + v).intoArray(bp, dst + v);
        }
      }
    }
    if (half > 0) {
      int dst = bpOff + panels * kc * NR;
      int src = bk + panels * NR;
      for (int p = 0; p < kc; p++, dst += L, src += ldb) {
        DoubleVector.fromArray(S, b, src).intoArray(bp, dst);
      }
    }
  }

  /**
   * The whole product one row and one vector of C at a time, reading B in place: for products too
   * small to pay for packing. Each element is the same chain of fused multiply-adds as in the
   * micro-kernels (from +0.0, or from C when accumulating), so the bits do not depend on the path.
   * The starting vectors are written out at each use rather than returned by a helper, which C2 may
   * not inline once it has compiled it on its own (see VectorTanhF64): then every vector of the
   * loop is boxed.
   */
  private static void direct(
      int m,
      int n,
      int k,
      double[] a,
      int aOff,
      int ars,
      int acs,
      double[] b,
      int bOff,
      int ldb,
      double[] c,
      int cOff,
      int ldc,
      boolean accumulate) {
    int i = 0;
    for (; i + 4 <= m; i += 4) {
      int ai = aOff + i * ars;
      int ci = cOff + i * ldc;
      int j = 0;
      for (; j + L <= n; j += L) {
        DoubleVector s0 = accumulate ? DoubleVector.fromArray(S, c, ci + j) : DoubleVector.zero(S);
        DoubleVector s1 =
            accumulate ? DoubleVector.fromArray(S, c, ci + ldc + j) : DoubleVector.zero(S);
        DoubleVector s2 =
            accumulate ? DoubleVector.fromArray(S, c, ci + 2 * ldc + j) : DoubleVector.zero(S);
        DoubleVector s3 =
            accumulate ? DoubleVector.fromArray(S, c, ci + 3 * ldc + j) : DoubleVector.zero(S);
        for (int p = 0; p < k; p++) {
          DoubleVector bv = DoubleVector.fromArray(S, b, bOff + p * ldb + j);
          int ap = ai + p * acs;
          s0 = DoubleVector.broadcast(S, a[ap]).fma(bv, s0);
          s1 = DoubleVector.broadcast(S, a[ap + ars]).fma(bv, s1);
          s2 = DoubleVector.broadcast(S, a[ap + 2 * ars]).fma(bv, s2);
          s3 = DoubleVector.broadcast(S, a[ap + 3 * ars]).fma(bv, s3);
        }
        s0.intoArray(c, ci + j);
        s1.intoArray(c, ci + ldc + j);
        s2.intoArray(c, ci + 2 * ldc + j);
        s3.intoArray(c, ci + 3 * ldc + j);
      }
      for (int r = 0; r < 4; r++) {
        directTail(j, n, k, a, ai + r * ars, acs, b, bOff, ldb, c, ci + r * ldc, accumulate);
      }
    }
    for (; i < m; i++) {
      int ai = aOff + i * ars;
      int ci = cOff + i * ldc;
      int j = 0;
      // four vectors of the row at a time: four independent chains keep the FMA units busy where
      // one chain would wait out each multiply-add's latency (a few rows, long k: the weight
      // gradients of thin layers, C = A^T B with 2 rows and k = the batch)
      for (; j + 4 * L <= n; j += 4 * L) {
        DoubleVector s0 = accumulate ? DoubleVector.fromArray(S, c, ci + j) : DoubleVector.zero(S);
        DoubleVector s1 =
            accumulate ? DoubleVector.fromArray(S, c, ci + j + L) : DoubleVector.zero(S);
        DoubleVector s2 =
            accumulate ? DoubleVector.fromArray(S, c, ci + j + 2 * L) : DoubleVector.zero(S);
        DoubleVector s3 =
            accumulate ? DoubleVector.fromArray(S, c, ci + j + 3 * L) : DoubleVector.zero(S);
        for (int p = 0; p < k; p++) {
          DoubleVector x = DoubleVector.broadcast(S, a[ai + p * acs]);
          int bp = bOff + p * ldb + j;
          s0 = x.fma(DoubleVector.fromArray(S, b, bp), s0);
          s1 = x.fma(DoubleVector.fromArray(S, b, bp + L), s1);
          s2 = x.fma(DoubleVector.fromArray(S, b, bp + 2 * L), s2);
          s3 = x.fma(DoubleVector.fromArray(S, b, bp + 3 * L), s3);
        }
        s0.intoArray(c, ci + j);
        s1.intoArray(c, ci + j + L);
        s2.intoArray(c, ci + j + 2 * L);
        s3.intoArray(c, ci + j + 3 * L);
      }
      for (; j + L <= n; j += L) {
        DoubleVector s0 = accumulate ? DoubleVector.fromArray(S, c, ci + j) : DoubleVector.zero(S);
        for (int p = 0; p < k; p++) {
          s0 =
              DoubleVector.broadcast(S, a[ai + p * acs])
                  .fma(DoubleVector.fromArray(S, b, bOff + p * ldb + j), s0);
        }
        s0.intoArray(c, ci + j);
      }
      directTail(j, n, k, a, ai, acs, b, bOff, ldb, c, ci, accumulate);
    }
  }

  /** Columns {@code j0 .. n-1} of one row of C, one element at a time. */
  private static void directTail(
      int j0,
      int n,
      int k,
      double[] a,
      int ai,
      int acs,
      double[] b,
      int bOff,
      int ldb,
      double[] c,
      int ci,
      boolean accumulate) {
    for (int j = j0; j < n; j++) {
      double s = accumulate ? c[ci + j] : 0.0;
      for (int p = 0; p < k; p++) {
        s = Math.fma(a[ai + p * acs], b[bOff + p * ldb + j], s);
      }
      c[ci + j] = s;
    }
  }

  /**
   * Columns {@code [j0, n)} of C, fewer than a vector, which no panel covers (a convolution to one
   * channel, a 2-class head), with B's element (p, j) at {@code b[bk + p * ldb + j]}: {@link #L}
   * rows at a time, the lanes being rows, so that each lane runs the element's own chain of fused
   * multiply-adds over p (the same bits as {@link #scalar}, which takes the remaining rows) and L
   * chains run side by side instead of one (two columns at a time: twice that). The L rows of op(A)
   * are copied transposed into the thread's workspace, unless A is stored transposed; the columns
   * of C are gathered and scattered.
   */
  private static void columns(
      int m,
      int kc,
      double[] a,
      int ai,
      int ars,
      int acs,
      double[] b,
      int bk,
      int ldb,
      int j0,
      int n,
      double[] c,
      int ci,
      int ldc,
      boolean fresh) {
    int i = 0;
    if (j0 < n && m >= L) {
      Workspace ws = Workspace.local();
      double[] at = ws.doubles(Workspace.Slot.COLUMNS_A, kc * L);
      double[] cols = ws.doubles(Workspace.Slot.COLUMNS_C, 2 * L);
      for (; i + L <= m; i += L) {
        // The L rows' columns of op(A), contiguous: in place when A is stored transposed, else
        // copied (the lanes of one load are L rows).
        double[] x = a;
        int x0 = ai + i * ars;
        int xs = acs;
        if (ars != 1) {
          for (int p = 0; p < kc; p++) {
            for (int r = 0, from = x0 + p * acs; r < L; r++, from += ars) {
              at[p * L + r] = a[from];
            }
          }
          x = at;
          x0 = 0;
          xs = L;
        }
        int c0 = ci + i * ldc;
        int j = j0;
        for (; j + 2 <= n; j += 2) {
          for (int r = 0; r < L; r++) {
            cols[r] = fresh ? 0.0 : c[c0 + r * ldc + j];
            cols[L + r] = fresh ? 0.0 : c[c0 + r * ldc + j + 1];
          }
          DoubleVector s0 = DoubleVector.fromArray(S, cols, 0);
          DoubleVector s1 = DoubleVector.fromArray(S, cols, L);
          for (int p = 0; p < kc; p++) {
            DoubleVector xv = DoubleVector.fromArray(S, x, x0 + p * xs);
            s0 = xv.fma(DoubleVector.broadcast(S, b[bk + p * ldb + j]), s0);
            s1 = xv.fma(DoubleVector.broadcast(S, b[bk + p * ldb + j + 1]), s1);
          }
          s0.intoArray(cols, 0);
          s1.intoArray(cols, L);
          for (int r = 0; r < L; r++) {
            c[c0 + r * ldc + j] = cols[r];
            c[c0 + r * ldc + j + 1] = cols[L + r];
          }
        }
        if (j < n) {
          for (int r = 0; r < L; r++) {
            cols[r] = fresh ? 0.0 : c[c0 + r * ldc + j];
          }
          DoubleVector s0 = DoubleVector.fromArray(S, cols, 0);
          for (int p = 0; p < kc; p++) {
            s0 =
                DoubleVector.fromArray(S, x, x0 + p * xs)
                    .fma(DoubleVector.broadcast(S, b[bk + p * ldb + j]), s0);
          }
          s0.intoArray(cols, 0);
          for (int r = 0; r < L; r++) {
            c[c0 + r * ldc + j] = cols[r];
          }
        }
      }
    }
    for (int j = j0; j < n; j++) {
      for (int r = i; r < m; r++) {
        scalar(kc, a, ai + r * ars, acs, b, bk + j, ldb, c, ci + r * ldc + j, fresh);
      }
    }
  }

  /** One element of C, from a row of A and a column of the unpacked B. */
  private static void scalar(
      int kc,
      double[] a,
      int ai,
      int acs,
      double[] b,
      int bi,
      int ldb,
      double[] c,
      int ci,
      boolean fresh) {
    double s = fresh ? 0.0 : c[ci];
    for (int p = 0; p < kc; p++) {
      s = Math.fma(a[ai + p * acs], b[bi + p * ldb], s);
    }
    c[ci] = s;
  }
}

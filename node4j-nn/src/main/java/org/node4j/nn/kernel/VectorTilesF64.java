package org.node4j.nn.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked micro-tiles of {@link VectorGemmF64}: a tile of C held in accumulator
 * registers while the reduction streams a packed panel of B past it (one vector load per row of the
 * panel, one broadcast element of op(A) per row of the tile). Every element of C is one chain of
 * fused multiply-adds over p = 0 .. kc-1 in order, from +0.0 ({@code fresh}) or from C, whichever
 * tile computes it, so the tile shapes change speed and never bits. ({@link #tile4x2Unit} always
 * starts from C, which its caller zeroes for a fresh product.)
 *
 * <p>The shape follows the register file. With 32 vector registers (AVX-512) the tile is 8 rows by
 * 2 vectors: 16 accumulators and 3 working registers. With 16 (AVX2) it is 4 rows by 2 vectors for
 * an untransposed A ({@link #tile4x2Unit} says why), and 6 rows by 2 vectors (12 accumulators, two
 * vectors of B and the broadcast, the shape of the BLIS and OpenBLAS Haswell kernels) for a
 * transposed one, whose rows left over go through a 4-row tile (8 accumulators); then single rows.
 * (An 8 x 1-vector tile, used alone on AVX2 before, issues one multiply-add per load and reached
 * about a third of the FMA peak on the large product of a convolution;
 * docs/bench/performance-log.md, "The AVX2 micro-tile".)
 *
 * <p>Why 8 rows and not 12 on AVX-512: a 12 x 2-vector tile (24 accumulators, 12 row indices) ran
 * W5's products at one of two speeds, the slower less than half the faster, depending on the JVM,
 * with the same data in the same process; the two speeds went with two different sizes of C2's code
 * for the tile (from {@code -XX:+LogCompilation}): C2 produced different code from the same source
 * depending on the profile counts it saw. The 8-row tile leaves the register allocator room, and
 * showed no slow JVM in the same in-process comparison. (The likely cause is accumulators spilled
 * inside the loop in the larger code; without a disassembler this was not confirmed.)
 *
 * <p>The float32 twin is generated from this file at build time (see the node4j-nn POM).
 */
final class VectorTilesF64 {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Whether the machine has 32 vector registers for the 8 x 2-vector tile (AVX-512). */
  private static final boolean WIDE = S.vectorBitSize() >= 512;

  /**
   * Rows of the smallest full micro-tile (8 on AVX-512, 4 on AVX2); products with fewer rows take
   * the GEMM's direct path.
   */
  static final int MR = WIDE ? 8 : 4;

  /**
   * Whether {@link #rowsFull} with this stride of A starts every element from C even when {@code
   * fresh} ({@link #tile4x2Unit}, for an untransposed A on AVX2), so that the GEMM must set a fresh
   * C to +0.0 before it calls {@link #rowsFull}: the same chains from the same +0.0, so the same
   * bits. The tiles' own routing, in one place with them.
   */
  static boolean startsFromC(int acs) {
    return !WIDE && acs == 1;
  }

  /** Columns of the micro-tiles: the width of a packed panel of B. */
  static final int NR = 2 * L;

  private VectorTilesF64() {}

  /**
   * Rows of C against one full panel of B ({@link #NR} columns): micro-tiles of 8 rows on machines
   * with 32 vector registers; on those with 16, of 4 rows for an untransposed A and of 6 and then 4
   * rows for a transposed one; then single rows. The branch on {@link #WIDE} is a constant of the
   * JIT.
   */
  static void rowsFull(
      int m,
      int kc,
      double[] a,
      int ai,
      int ars,
      int acs,
      double[] b,
      int bi,
      double[] c,
      int ci,
      int ldc,
      boolean fresh) {
    int i = 0;
    if (WIDE) {
      if (acs == 1) {
        for (; i + 8 <= m; i += 8) {
          tile8x2Unit(kc, a, ai + i * ars, ars, b, bi, c, ci + i * ldc, ldc, fresh);
        }
      }
      for (; i + 8 <= m; i += 8) {
        tile8x2(kc, a, ai + i * ars, ars, acs, b, bi, c, ci + i * ldc, ldc, fresh);
      }
    } else if (acs == 1) {
      // 4-row tiles, which start from C: the GEMM has zeroed a fresh C ({@link #startsFromC}).
      for (; i + 4 <= m; i += 4) {
        tile4x2Unit(kc, a, ai + i * ars, ars, b, bi, c, ci + i * ldc, ldc);
      }
    } else {
      // 6-row tiles, but 8 or 9 rows left over go as two 4-row tiles (and a single row), not as a
      // 6-row tile and two or three single rows, whose one chain per vector waits out each
      // multiply-add's latency: 32 rows are 6 + 6 + 6 + 6 + 4 + 4.
      int sixes = m / 6;
      if (sixes > 0 && (m % 6 == 2 || m % 6 == 3)) {
        sixes--;
      }
      int end = 6 * sixes;
      for (; i < end; i += 6) {
        tile6x2(kc, a, ai + i * ars, ars, acs, b, bi, c, ci + i * ldc, ldc, fresh);
      }
      for (; i + 4 <= m; i += 4) {
        tile4x2(kc, a, ai + i * ars, ars, acs, b, bi, c, ci + i * ldc, ldc, fresh);
      }
    }
    for (; i < m; i++) {
      tile1x2(kc, a, ai + i * ars, acs, b, bi, c, ci + i * ldc, fresh);
    }
  }

  /** Rows of C against a panel of B one vector wide: 8-row tiles, then single rows. */
  static void rowsHalf(
      int m,
      int kc,
      double[] a,
      int ai,
      int ars,
      int acs,
      double[] b,
      int bi,
      double[] c,
      int ci,
      int ldc,
      boolean fresh) {
    int i = 0;
    for (; i + 8 <= m; i += 8) {
      tile8x1(kc, a, ai + i * ars, ars, acs, b, bi, c, ci + i * ldc, ldc, fresh);
    }
    for (; i < m; i++) {
      tile1x1(kc, a, ai + i * ars, acs, b, bi, c, ci + i * ldc, fresh);
    }
  }

  /**
   * The 8 x 2-vector micro-tile: rows {@code ai + r * ars} of op(A) (elements {@code acs} apart), a
   * packed panel of B at {@code bi} with rows {@code 2L} apart.
   */
  private static void tile8x2(
      int kc,
      double[] a,
      int ai,
      int ars,
      int acs,
      double[] b,
      int bi,
      double[] c,
      int ci,
      int ldc,
      boolean fresh) {
    int a0 = ai;
    int a1 = ai + ars;
    int a2 = ai + 2 * ars;
    int a3 = ai + 3 * ars;
    int a4 = ai + 4 * ars;
    int a5 = ai + 5 * ars;
    int a6 = ai + 6 * ars;
    int a7 = ai + 7 * ars;
    DoubleVector c0_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci);
    DoubleVector c0_1 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + L);
    DoubleVector c1_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + ldc);
    DoubleVector c1_1 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + ldc + L);
    DoubleVector c2_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 2 * ldc);
    DoubleVector c2_1 =
        fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 2 * ldc + L);
    DoubleVector c3_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 3 * ldc);
    DoubleVector c3_1 =
        fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 3 * ldc + L);
    DoubleVector c4_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 4 * ldc);
    DoubleVector c4_1 =
        fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 4 * ldc + L);
    DoubleVector c5_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 5 * ldc);
    DoubleVector c5_1 =
        fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 5 * ldc + L);
    DoubleVector c6_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 6 * ldc);
    DoubleVector c6_1 =
        fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 6 * ldc + L);
    DoubleVector c7_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 7 * ldc);
    DoubleVector c7_1 =
        fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 7 * ldc + L);
    for (int p = 0; p < kc; p++) {
      DoubleVector b0 = DoubleVector.fromArray(S, b, bi + p * (2 * L));
      DoubleVector b1 = DoubleVector.fromArray(S, b, bi + p * (2 * L) + L);
      DoubleVector x = DoubleVector.broadcast(S, a[a0 + p * acs]);
      c0_0 = x.fma(b0, c0_0);
      c0_1 = x.fma(b1, c0_1);
      x = DoubleVector.broadcast(S, a[a1 + p * acs]);
      c1_0 = x.fma(b0, c1_0);
      c1_1 = x.fma(b1, c1_1);
      x = DoubleVector.broadcast(S, a[a2 + p * acs]);
      c2_0 = x.fma(b0, c2_0);
      c2_1 = x.fma(b1, c2_1);
      x = DoubleVector.broadcast(S, a[a3 + p * acs]);
      c3_0 = x.fma(b0, c3_0);
      c3_1 = x.fma(b1, c3_1);
      x = DoubleVector.broadcast(S, a[a4 + p * acs]);
      c4_0 = x.fma(b0, c4_0);
      c4_1 = x.fma(b1, c4_1);
      x = DoubleVector.broadcast(S, a[a5 + p * acs]);
      c5_0 = x.fma(b0, c5_0);
      c5_1 = x.fma(b1, c5_1);
      x = DoubleVector.broadcast(S, a[a6 + p * acs]);
      c6_0 = x.fma(b0, c6_0);
      c6_1 = x.fma(b1, c6_1);
      x = DoubleVector.broadcast(S, a[a7 + p * acs]);
      c7_0 = x.fma(b0, c7_0);
      c7_1 = x.fma(b1, c7_1);
    }
    c0_0.intoArray(c, ci);
    c0_1.intoArray(c, ci + L);
    c1_0.intoArray(c, ci + ldc);
    c1_1.intoArray(c, ci + ldc + L);
    c2_0.intoArray(c, ci + 2 * ldc);
    c2_1.intoArray(c, ci + 2 * ldc + L);
    c3_0.intoArray(c, ci + 3 * ldc);
    c3_1.intoArray(c, ci + 3 * ldc + L);
    c4_0.intoArray(c, ci + 4 * ldc);
    c4_1.intoArray(c, ci + 4 * ldc + L);
    c5_0.intoArray(c, ci + 5 * ldc);
    c5_1.intoArray(c, ci + 5 * ldc + L);
    c6_0.intoArray(c, ci + 6 * ldc);
    c6_1.intoArray(c, ci + 6 * ldc + L);
    c7_0.intoArray(c, ci + 7 * ldc);
    c7_1.intoArray(c, ci + 7 * ldc + L);
  }

  /**
   * {@link #tile8x2} for an untransposed A (elements 1 apart), the same operations in the same
   * order, so the same bits; a copy rather than a call with {@code acs = 1}, because the tile is
   * too large for C2 to inline (1198 bytes of bytecode: "hot method too big") and is compiled on
   * its own, where a constant stride lets C2 hoist the range checks of the eight loads of A out of
   * the loop (it cannot for a stride known only at run time). Measured on workload W4 (one thread,
   * fresh JVMs, CPU time per iteration): with {@link #tile8x2} alone about one JVM in three ran its
   * products at a slow speed, about 1.35 times the CPU time of the others, stable within the JVM;
   * with this copy none of the JVMs measured did (docs/bench/performance-log.md, "W4: the Winograd
   * products against the FMA peak, and a slow mode of the GEMM tile").
   */
  private static void tile8x2Unit(
      int kc,
      double[] a,
      int ai,
      int ars,
      double[] b,
      int bi,
      double[] c,
      int ci,
      int ldc,
      boolean fresh) {
    int a0 = ai;
    int a1 = ai + ars;
    int a2 = ai + 2 * ars;
    int a3 = ai + 3 * ars;
    int a4 = ai + 4 * ars;
    int a5 = ai + 5 * ars;
    int a6 = ai + 6 * ars;
    int a7 = ai + 7 * ars;
    DoubleVector c0_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci);
    DoubleVector c0_1 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + L);
    DoubleVector c1_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + ldc);
    DoubleVector c1_1 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + ldc + L);
    DoubleVector c2_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 2 * ldc);
    DoubleVector c2_1 =
        fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 2 * ldc + L);
    DoubleVector c3_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 3 * ldc);
    DoubleVector c3_1 =
        fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 3 * ldc + L);
    DoubleVector c4_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 4 * ldc);
    DoubleVector c4_1 =
        fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 4 * ldc + L);
    DoubleVector c5_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 5 * ldc);
    DoubleVector c5_1 =
        fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 5 * ldc + L);
    DoubleVector c6_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 6 * ldc);
    DoubleVector c6_1 =
        fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 6 * ldc + L);
    DoubleVector c7_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 7 * ldc);
    DoubleVector c7_1 =
        fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 7 * ldc + L);
    for (int p = 0; p < kc; p++) {
      DoubleVector b0 = DoubleVector.fromArray(S, b, bi + p * (2 * L));
      DoubleVector b1 = DoubleVector.fromArray(S, b, bi + p * (2 * L) + L);
      DoubleVector x = DoubleVector.broadcast(S, a[a0 + p]);
      c0_0 = x.fma(b0, c0_0);
      c0_1 = x.fma(b1, c0_1);
      x = DoubleVector.broadcast(S, a[a1 + p]);
      c1_0 = x.fma(b0, c1_0);
      c1_1 = x.fma(b1, c1_1);
      x = DoubleVector.broadcast(S, a[a2 + p]);
      c2_0 = x.fma(b0, c2_0);
      c2_1 = x.fma(b1, c2_1);
      x = DoubleVector.broadcast(S, a[a3 + p]);
      c3_0 = x.fma(b0, c3_0);
      c3_1 = x.fma(b1, c3_1);
      x = DoubleVector.broadcast(S, a[a4 + p]);
      c4_0 = x.fma(b0, c4_0);
      c4_1 = x.fma(b1, c4_1);
      x = DoubleVector.broadcast(S, a[a5 + p]);
      c5_0 = x.fma(b0, c5_0);
      c5_1 = x.fma(b1, c5_1);
      x = DoubleVector.broadcast(S, a[a6 + p]);
      c6_0 = x.fma(b0, c6_0);
      c6_1 = x.fma(b1, c6_1);
      x = DoubleVector.broadcast(S, a[a7 + p]);
      c7_0 = x.fma(b0, c7_0);
      c7_1 = x.fma(b1, c7_1);
    }
    c0_0.intoArray(c, ci);
    c0_1.intoArray(c, ci + L);
    c1_0.intoArray(c, ci + ldc);
    c1_1.intoArray(c, ci + ldc + L);
    c2_0.intoArray(c, ci + 2 * ldc);
    c2_1.intoArray(c, ci + 2 * ldc + L);
    c3_0.intoArray(c, ci + 3 * ldc);
    c3_1.intoArray(c, ci + 3 * ldc + L);
    c4_0.intoArray(c, ci + 4 * ldc);
    c4_1.intoArray(c, ci + 4 * ldc + L);
    c5_0.intoArray(c, ci + 5 * ldc);
    c5_1.intoArray(c, ci + 5 * ldc + L);
    c6_0.intoArray(c, ci + 6 * ldc);
    c6_1.intoArray(c, ci + 6 * ldc + L);
    c7_0.intoArray(c, ci + 7 * ldc);
    c7_1.intoArray(c, ci + 7 * ldc + L);
  }

  /**
   * The 6 x 2-vector micro-tile of machines with 16 vector registers (AVX2), for a transposed A: 12
   * accumulators, two vectors of B and one broadcast element of A, the register layout of the BLIS
   * and OpenBLAS Haswell single-precision kernels (6 x 16 floats). Each broadcast feeds two
   * multiply-adds and each row of B six, where {@link #tile8x1} issues one multiply-add per load;
   * rows of op(A) at {@code ai + r * ars}, elements {@code acs} apart. (An untransposed A takes
   * {@link #tile4x2Unit}, which says why.)
   */
  private static void tile6x2(
      int kc,
      double[] a,
      int ai,
      int ars,
      int acs,
      double[] b,
      int bi,
      double[] c,
      int ci,
      int ldc,
      boolean fresh) {
    int a0 = ai;
    int a1 = ai + ars;
    int a2 = ai + 2 * ars;
    int a3 = ai + 3 * ars;
    int a4 = ai + 4 * ars;
    int a5 = ai + 5 * ars;
    DoubleVector c0_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci);
    DoubleVector c0_1 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + L);
    DoubleVector c1_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + ldc);
    DoubleVector c1_1 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + ldc + L);
    DoubleVector c2_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 2 * ldc);
    DoubleVector c2_1 =
        fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 2 * ldc + L);
    DoubleVector c3_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 3 * ldc);
    DoubleVector c3_1 =
        fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 3 * ldc + L);
    DoubleVector c4_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 4 * ldc);
    DoubleVector c4_1 =
        fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 4 * ldc + L);
    DoubleVector c5_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 5 * ldc);
    DoubleVector c5_1 =
        fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 5 * ldc + L);
    for (int p = 0; p < kc; p++) {
      DoubleVector b0 = DoubleVector.fromArray(S, b, bi + p * (2 * L));
      DoubleVector b1 = DoubleVector.fromArray(S, b, bi + p * (2 * L) + L);
      DoubleVector x = DoubleVector.broadcast(S, a[a0 + p * acs]);
      c0_0 = x.fma(b0, c0_0);
      c0_1 = x.fma(b1, c0_1);
      x = DoubleVector.broadcast(S, a[a1 + p * acs]);
      c1_0 = x.fma(b0, c1_0);
      c1_1 = x.fma(b1, c1_1);
      x = DoubleVector.broadcast(S, a[a2 + p * acs]);
      c2_0 = x.fma(b0, c2_0);
      c2_1 = x.fma(b1, c2_1);
      x = DoubleVector.broadcast(S, a[a3 + p * acs]);
      c3_0 = x.fma(b0, c3_0);
      c3_1 = x.fma(b1, c3_1);
      x = DoubleVector.broadcast(S, a[a4 + p * acs]);
      c4_0 = x.fma(b0, c4_0);
      c4_1 = x.fma(b1, c4_1);
      x = DoubleVector.broadcast(S, a[a5 + p * acs]);
      c5_0 = x.fma(b0, c5_0);
      c5_1 = x.fma(b1, c5_1);
    }
    c0_0.intoArray(c, ci);
    c0_1.intoArray(c, ci + L);
    c1_0.intoArray(c, ci + ldc);
    c1_1.intoArray(c, ci + ldc + L);
    c2_0.intoArray(c, ci + 2 * ldc);
    c2_1.intoArray(c, ci + 2 * ldc + L);
    c3_0.intoArray(c, ci + 3 * ldc);
    c3_1.intoArray(c, ci + 3 * ldc + L);
    c4_0.intoArray(c, ci + 4 * ldc);
    c4_1.intoArray(c, ci + 4 * ldc + L);
    c5_0.intoArray(c, ci + 5 * ldc);
    c5_1.intoArray(c, ci + 5 * ldc + L);
  }

  /**
   * The 4 x 2-vector micro-tile of machines with 16 vector registers (AVX2) for an untransposed A
   * (rows of A at {@code ai + r * ars}, elements 1 apart): 8 accumulators, two vectors of B and
   * four broadcasts of A, 14 registers.
   *
   * <p>Why not {@link #tile6x2}'s shape, that of the BLIS and OpenBLAS Haswell kernels (12
   * accumulators, two vectors of B, one broadcast: 15 of the 16 registers), which node4j used here
   * before: with a unit stride C2 hoists the range checks of A out of the loop and then loads all
   * six broadcasts of a step at its top, so that tile needs 20 registers, and it kept four
   * accumulators on the stack, each multiply-add on them a load, the multiply-add and a store (seen
   * in its disassembly). This tile needs at most 14 registers however C2 orders a step's loads. On
   * an AVX2 machine (Zen 3, one thread) the float32 product of W4's Winograd planes went from 37-43
   * to 62-65 GFLOP/s, a float64 32 x 64 x 64 product from 15-21 to 26-28
   * (docs/bench/performance-log.md, "The AVX2 micro-tile spilled"). Two steps per iteration were
   * faster in one JVM and spilled in another: C2 loaded both steps' broadcasts first (20
   * registers). A transposed A keeps the 6-row tile: there the range check of each broadcast stays
   * in the loop and orders the loads, nothing spills, and that tile ran faster than this shape with
   * a stride.
   */
  private static void tile4x2Unit(
      int kc, double[] a, int ai, int ars, double[] b, int bi, double[] c, int ci, int ldc) {
    int a0 = ai;
    int a1 = ai + ars;
    int a2 = ai + 2 * ars;
    int a3 = ai + 3 * ars;
    DoubleVector c0_0 = DoubleVector.fromArray(S, c, ci);
    DoubleVector c0_1 = DoubleVector.fromArray(S, c, ci + L);
    DoubleVector c1_0 = DoubleVector.fromArray(S, c, ci + ldc);
    DoubleVector c1_1 = DoubleVector.fromArray(S, c, ci + ldc + L);
    DoubleVector c2_0 = DoubleVector.fromArray(S, c, ci + 2 * ldc);
    DoubleVector c2_1 = DoubleVector.fromArray(S, c, ci + 2 * ldc + L);
    DoubleVector c3_0 = DoubleVector.fromArray(S, c, ci + 3 * ldc);
    DoubleVector c3_1 = DoubleVector.fromArray(S, c, ci + 3 * ldc + L);
    for (int p = 0; p < kc; p++) {
      DoubleVector b0 = DoubleVector.fromArray(S, b, bi + p * (2 * L));
      DoubleVector b1 = DoubleVector.fromArray(S, b, bi + p * (2 * L) + L);
      DoubleVector x = DoubleVector.broadcast(S, a[a0 + p]);
      c0_0 = x.fma(b0, c0_0);
      c0_1 = x.fma(b1, c0_1);
      x = DoubleVector.broadcast(S, a[a1 + p]);
      c1_0 = x.fma(b0, c1_0);
      c1_1 = x.fma(b1, c1_1);
      x = DoubleVector.broadcast(S, a[a2 + p]);
      c2_0 = x.fma(b0, c2_0);
      c2_1 = x.fma(b1, c2_1);
      x = DoubleVector.broadcast(S, a[a3 + p]);
      c3_0 = x.fma(b0, c3_0);
      c3_1 = x.fma(b1, c3_1);
    }
    c0_0.intoArray(c, ci);
    c0_1.intoArray(c, ci + L);
    c1_0.intoArray(c, ci + ldc);
    c1_1.intoArray(c, ci + ldc + L);
    c2_0.intoArray(c, ci + 2 * ldc);
    c2_1.intoArray(c, ci + 2 * ldc + L);
    c3_0.intoArray(c, ci + 3 * ldc);
    c3_1.intoArray(c, ci + 3 * ldc + L);
  }

  /**
   * Four rows against a panel two vectors wide (8 accumulators): the rows a machine with 16 vector
   * registers has left after its 6-row tiles.
   */
  private static void tile4x2(
      int kc,
      double[] a,
      int ai,
      int ars,
      int acs,
      double[] b,
      int bi,
      double[] c,
      int ci,
      int ldc,
      boolean fresh) {
    int a0 = ai;
    int a1 = ai + ars;
    int a2 = ai + 2 * ars;
    int a3 = ai + 3 * ars;
    DoubleVector c0_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci);
    DoubleVector c0_1 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + L);
    DoubleVector c1_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + ldc);
    DoubleVector c1_1 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + ldc + L);
    DoubleVector c2_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 2 * ldc);
    DoubleVector c2_1 =
        fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 2 * ldc + L);
    DoubleVector c3_0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 3 * ldc);
    DoubleVector c3_1 =
        fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 3 * ldc + L);
    for (int p = 0; p < kc; p++) {
      DoubleVector b0 = DoubleVector.fromArray(S, b, bi + p * (2 * L));
      DoubleVector b1 = DoubleVector.fromArray(S, b, bi + p * (2 * L) + L);
      DoubleVector x = DoubleVector.broadcast(S, a[a0 + p * acs]);
      c0_0 = x.fma(b0, c0_0);
      c0_1 = x.fma(b1, c0_1);
      x = DoubleVector.broadcast(S, a[a1 + p * acs]);
      c1_0 = x.fma(b0, c1_0);
      c1_1 = x.fma(b1, c1_1);
      x = DoubleVector.broadcast(S, a[a2 + p * acs]);
      c2_0 = x.fma(b0, c2_0);
      c2_1 = x.fma(b1, c2_1);
      x = DoubleVector.broadcast(S, a[a3 + p * acs]);
      c3_0 = x.fma(b0, c3_0);
      c3_1 = x.fma(b1, c3_1);
    }
    c0_0.intoArray(c, ci);
    c0_1.intoArray(c, ci + L);
    c1_0.intoArray(c, ci + ldc);
    c1_1.intoArray(c, ci + ldc + L);
    c2_0.intoArray(c, ci + 2 * ldc);
    c2_1.intoArray(c, ci + 2 * ldc + L);
    c3_0.intoArray(c, ci + 3 * ldc);
    c3_1.intoArray(c, ci + 3 * ldc + L);
  }

  /**
   * The 8 x 1-vector micro-tile: rows {@code ai + r * ars} of A (unit stride), a packed panel of B
   * at {@code bi} with rows {@code L} apart.
   */
  private static void tile8x1(
      int kc,
      double[] a,
      int ai,
      int ars,
      int acs,
      double[] b,
      int bi,
      double[] c,
      int ci,
      int ldc,
      boolean fresh) {
    int a0 = ai;
    int a1 = ai + ars;
    int a2 = ai + 2 * ars;
    int a3 = ai + 3 * ars;
    int a4 = ai + 4 * ars;
    int a5 = ai + 5 * ars;
    int a6 = ai + 6 * ars;
    int a7 = ai + 7 * ars;
    DoubleVector c0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci);
    DoubleVector c1 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + ldc);
    DoubleVector c2 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 2 * ldc);
    DoubleVector c3 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 3 * ldc);
    DoubleVector c4 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 4 * ldc);
    DoubleVector c5 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 5 * ldc);
    DoubleVector c6 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 6 * ldc);
    DoubleVector c7 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + 7 * ldc);
    for (int p = 0; p < kc; p++) {
      DoubleVector b0 = DoubleVector.fromArray(S, b, bi + p * L);
      c0 = DoubleVector.broadcast(S, a[a0 + p * acs]).fma(b0, c0);
      c1 = DoubleVector.broadcast(S, a[a1 + p * acs]).fma(b0, c1);
      c2 = DoubleVector.broadcast(S, a[a2 + p * acs]).fma(b0, c2);
      c3 = DoubleVector.broadcast(S, a[a3 + p * acs]).fma(b0, c3);
      c4 = DoubleVector.broadcast(S, a[a4 + p * acs]).fma(b0, c4);
      c5 = DoubleVector.broadcast(S, a[a5 + p * acs]).fma(b0, c5);
      c6 = DoubleVector.broadcast(S, a[a6 + p * acs]).fma(b0, c6);
      c7 = DoubleVector.broadcast(S, a[a7 + p * acs]).fma(b0, c7);
    }
    c0.intoArray(c, ci);
    c1.intoArray(c, ci + ldc);
    c2.intoArray(c, ci + 2 * ldc);
    c3.intoArray(c, ci + 3 * ldc);
    c4.intoArray(c, ci + 4 * ldc);
    c5.intoArray(c, ci + 5 * ldc);
    c6.intoArray(c, ci + 6 * ldc);
    c7.intoArray(c, ci + 7 * ldc);
  }

  /** One row of C against a panel of B two vectors wide. */
  private static void tile1x2(
      int kc, double[] a, int ai, int acs, double[] b, int bi, double[] c, int ci, boolean fresh) {
    DoubleVector c0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci);
    DoubleVector c1 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci + L);
    for (int p = 0; p < kc; p++) {
      DoubleVector x = DoubleVector.broadcast(S, a[ai + p * acs]);
      c0 = x.fma(DoubleVector.fromArray(S, b, bi + p * (2 * L)), c0);
      c1 = x.fma(DoubleVector.fromArray(S, b, bi + p * (2 * L) + L), c1);
    }
    c0.intoArray(c, ci);
    c1.intoArray(c, ci + L);
  }

  /** One row of C against a panel of B one vector wide. */
  private static void tile1x1(
      int kc, double[] a, int ai, int acs, double[] b, int bi, double[] c, int ci, boolean fresh) {
    DoubleVector c0 = fresh ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, ci);
    for (int p = 0; p < kc; p++) {
      c0 =
          DoubleVector.broadcast(S, a[ai + p * acs])
              .fma(DoubleVector.fromArray(S, b, bi + p * L), c0);
    }
    c0.intoArray(c, ci);
  }
}

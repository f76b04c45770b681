package org.node4j.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.node4j.nn.kernel.GemmKernels.Choice;
import org.node4j.nn.kernel.GemmReference.Problem;

/**
 * The vector block kernel, with its packed panels of B, its one-vector panel and scalar tail, its
 * direct path for short reductions and few rows, against its specification: every element of C is
 * one chain of fused multiply-adds over p = 0 .. k-1 in order, from +0.0 (or from C when
 * accumulating). So the comparison is exact, bit for bit, in float64 and float32, over shapes that
 * cross the row block (240), the reduction block (128 doubles, 256 floats) and the panel widths,
 * with transposed A, offsets and leading dimensions larger than the widths; and the same for
 * products with B packed beforehand ({@link BlockKernelF64#pack}, {@link
 * BlockKernelF64#blockPacked}).
 */
class VectorBlockPackingProperties {
  private static final GemmKernel VECTOR = GemmKernels.select(Choice.VECTOR, true);

  @Property(tries = 40)
  void float64BlockIsTheInOrderFmaChain(
      @ForAll @IntRange(min = 1, max = 300) int m,
      @ForAll @IntRange(min = 1, max = 70) int n,
      @ForAll @IntRange(min = 1, max = 560) int k,
      @ForAll boolean transA,
      @ForAll boolean accumulate,
      @ForAll long seed) {
    Problem pr = GemmReference.random(new Random(seed), transA, false, m, n, k, 6);
    assertInOrderFmaChains(pr, accumulate, blockF64(pr, accumulate), false);
  }

  @Property(tries = 40)
  void float32BlockIsTheInOrderFmaChain(
      @ForAll @IntRange(min = 1, max = 300) int m,
      @ForAll @IntRange(min = 1, max = 70) int n,
      @ForAll @IntRange(min = 1, max = 560) int k,
      @ForAll boolean transA,
      @ForAll boolean accumulate,
      @ForAll long seed) {
    Problem pr = GemmReference.random(new Random(seed), transA, false, m, n, k, 6);
    assertInOrderFmaChains(pr, accumulate, blockF32(pr, accumulate), true);
  }

  /**
   * Fewer rows than a micro-tile take the direct path, whose single rows run several vectors of C
   * at a time: widths past four vectors (64 floats with 512-bit vectors) and long reductions.
   */
  @Property(tries = 30)
  void fewRowsAreTheInOrderFmaChainInBothDtypes(
      @ForAll @IntRange(min = 1, max = 7) int m,
      @ForAll @IntRange(min = 1, max = 150) int n,
      @ForAll @IntRange(min = 1, max = 600) int k,
      @ForAll boolean transA,
      @ForAll boolean accumulate,
      @ForAll long seed) {
    Problem pr = GemmReference.random(new Random(seed), transA, false, m, n, k, 6);
    assertInOrderFmaChains(pr, accumulate, blockF64(pr, accumulate), false);
    assertInOrderFmaChains(pr, accumulate, blockF32(pr, accumulate), true);
  }

  /**
   * The shapes of workload W4's Winograd products, where the tile for an untransposed A (a copy of
   * the general tile with the stride 1 as a constant) does all the work: the forward products (128
   * x 128 times 128 x 64, overwriting C) and the weight gradient's (128 x 64 times 64 x 128,
   * accumulated); transposed A beside them takes the general tile. Exact in both dtypes.
   */
  @Example
  void winogradProductShapesAreTheInOrderFmaChain() {
    Random rnd = new Random(4);
    int[][] shapes = {{128, 64, 128}, {128, 128, 64}, {136, 96, 40}};
    for (int[] s : shapes) {
      for (boolean transA : new boolean[] {false, true}) {
        for (boolean accumulate : new boolean[] {false, true}) {
          Problem pr = GemmReference.random(rnd, transA, false, s[0], s[1], s[2], 6);
          assertInOrderFmaChains(pr, accumulate, blockF64(pr, accumulate), false);
          assertInOrderFmaChains(pr, accumulate, blockF32(pr, accumulate), true);
        }
      }
    }
  }

  /**
   * Every row count from one tile to past three: each way of cutting the rows into 8-row tiles
   * (AVX-512) or 6- and 4-row tiles and single rows (AVX2), with full panels, a half panel and
   * columns past the panels on both kinds of machine (n = 16, 20, 24, 37 in float64; 32, 40, 53 in
   * float32), both orientations of A and both modes. Exact in both dtypes.
   */
  @Example
  void everyRowCountsTilesAreTheInOrderFmaChain() {
    Random rnd = new Random(6);
    for (int m = 6; m <= 33; m++) {
      for (boolean transA : new boolean[] {false, true}) {
        boolean accumulate = m % 2 == 0;
        for (int n : new int[] {16, 20, 24, 37}) {
          Problem pr = GemmReference.random(rnd, transA, false, m, n, 19, 6);
          assertInOrderFmaChains(pr, accumulate, blockF64(pr, accumulate), false);
        }
        for (int n : new int[] {32, 40, 53}) {
          Problem pr = GemmReference.random(rnd, transA, false, m, n, 19, 6);
          assertInOrderFmaChains(pr, accumulate, blockF32(pr, accumulate), true);
        }
      }
    }
  }

  /** Runs the float64 block kernel on the problem's operands and returns C. */
  private static double[] blockF64(Problem pr, boolean accumulate) {
    double[] c = pr.c0().clone();
    VECTOR
        .f64()
        .block(
            pr.transA(),
            pr.m(),
            pr.n(),
            pr.k(),
            pr.a(),
            pr.aOff(),
            pr.lda(),
            pr.b(),
            pr.bOff(),
            pr.ldb(),
            c,
            pr.cOff(),
            pr.ldc(),
            accumulate);
    return c;
  }

  /** Runs the float32 block kernel on the problem's operands rounded to float, and returns C. */
  private static double[] blockF32(Problem pr, boolean accumulate) {
    // The operands are float32 values (GemmReference rounds them), so widening loses nothing.
    float[] c = Problem.toFloats(pr.c0());
    VECTOR
        .f32()
        .block(
            pr.transA(),
            pr.m(),
            pr.n(),
            pr.k(),
            Problem.toFloats(pr.a()),
            pr.aOff(),
            pr.lda(),
            Problem.toFloats(pr.b()),
            pr.bOff(),
            pr.ldb(),
            c,
            pr.cOff(),
            pr.ldc(),
            accumulate);
    double[] wide = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      wide[i] = c[i];
    }
    return wide;
  }

  @Property(tries = 40)
  void prePackedBlocksAreTheInOrderFmaChain(
      @ForAll @IntRange(min = 1, max = 300) int m,
      @ForAll @IntRange(min = 1, max = 70) int n,
      @ForAll @IntRange(min = 1, max = 560) int k,
      @ForAll boolean accumulate,
      @ForAll long seed) {
    Problem pr = GemmReference.random(new Random(seed), false, false, m, n, k, 6);
    BlockKernelF64 f64 = VECTOR.f64();
    double[] packed = new double[f64.packedLength(k, n)];
    f64.pack(k, n, pr.b(), pr.bOff(), pr.ldb(), packed);
    double[] c = pr.c0().clone();
    f64.blockPacked(
        m, n, k, pr.a(), pr.aOff(), pr.lda(), packed, c, pr.cOff(), pr.ldc(), accumulate);
    assertInOrderFmaChains(pr, accumulate, c, false);

    BlockKernelF32 f32 = VECTOR.f32();
    float[] packed32 = new float[f32.packedLength(k, n)];
    f32.pack(k, n, Problem.toFloats(pr.b()), pr.bOff(), pr.ldb(), packed32);
    float[] c32 = Problem.toFloats(pr.c0());
    f32.blockPacked(
        m,
        n,
        k,
        Problem.toFloats(pr.a()),
        pr.aOff(),
        pr.lda(),
        packed32,
        c32,
        pr.cOff(),
        pr.ldc(),
        accumulate);
    double[] wide = new double[c32.length];
    for (int i = 0; i < c32.length; i++) {
      wide[i] = c32[i];
    }
    assertInOrderFmaChains(pr, accumulate, wide, true);
  }

  /**
   * Each element of C's window equals {@code s = C0 or 0; s = fma(a, b, s)} over p in order (in
   * float32 arithmetic when {@code f32}); everything outside the window is untouched.
   */
  private static void assertInOrderFmaChains(
      Problem pr, boolean accumulate, double[] c, boolean f32) {
    double[] c0 = pr.c0();
    for (int idx = 0; idx < c.length; idx++) {
      int rel = idx - pr.cOff();
      int i = Math.floorDiv(rel, pr.ldc());
      int j = Math.floorMod(rel, pr.ldc());
      if (rel < 0 || i >= pr.m() || j >= pr.n()) {
        assertThat(c[idx]).as("padding at %d", idx).isEqualTo(c0[idx]);
        continue;
      }
      double s = accumulate ? c0[idx] : 0.0;
      float sf = (float) s;
      for (int p = 0; p < pr.k(); p++) {
        if (f32) {
          sf = Math.fma((float) pr.opA(i, p), (float) pr.opB(p, j), sf);
        } else {
          s = Math.fma(pr.opA(i, p), pr.opB(p, j), s);
        }
      }
      assertThat(c[idx]).as("C(%d,%d)", i, j).isEqualTo(f32 ? sf : s);
    }
  }
}

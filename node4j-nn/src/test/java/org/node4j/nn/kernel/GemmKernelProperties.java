package org.node4j.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.node4j.nn.kernel.GemmKernels.Choice;
import org.node4j.nn.kernel.GemmReference.Problem;

/**
 * The vector and scalar kernels against a float64 triple loop and against each other, over random
 * shapes (odd sizes, k = 1, m or n = 1, k across the vector kernel's reduction blocks), all four
 * transpose combinations, padded strides and offsets, and both overwrite and accumulate modes.
 *
 * <p>The tolerance is derived, not tuned: any order of summing k products plus C0 with (fused)
 * multiply-adds in precision u errs by at most {@code (k + 1) u / (1 - (k + 1) u)} times {@code
 * |C0| + sum |a b|} (Higham, "Accuracy and Stability of Numerical Algorithms", 2nd ed., eq. 3.5).
 */
class GemmKernelProperties {
  private static final GemmKernel VECTOR = GemmKernels.select(Choice.VECTOR, true);
  private static final GemmKernel SCALAR = GemmKernels.select(Choice.SCALAR, true);
  private static final double U32 = 0x1p-24;
  private static final double U64 = 0x1p-53;

  @Property(tries = 150)
  void float64KernelsMatchTheReference(
      @ForAll @IntRange(min = 1, max = 37) int m,
      @ForAll @IntRange(min = 1, max = 53) int n,
      @ForAll @IntRange(min = 1, max = 300) int k,
      @ForAll boolean transA,
      @ForAll boolean transB,
      @ForAll boolean accumulate,
      @ForAll long seed) {
    Problem pr = GemmReference.random(new Random(seed), transA, transB, m, n, k, true);
    double[] vec = runF64(VECTOR, pr, accumulate);
    double[] sca = runF64(SCALAR, pr, accumulate);
    double gamma = gamma(k, U64);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int idx = pr.cOff() + i * pr.ldc() + j;
        double bound = gamma * pr.magnitude(i, j, accumulate) + Double.MIN_NORMAL;
        double want = pr.expected(i, j, accumulate);
        assertThat(Math.abs(vec[idx] - want)).as("vector at (%d,%d)", i, j).isLessThan(bound);
        assertThat(Math.abs(sca[idx] - want)).as("scalar at (%d,%d)", i, j).isLessThan(bound);
      }
    }
    assertPaddingUntouched(pr, vec, pr.c0());
  }

  /** C narrower than a vector with A untransposed: the dot-product path of the driver. */
  @Property(tries = 60)
  void narrowFloat64ProductsMatchTheReference(
      @ForAll @IntRange(min = 1, max = 90) int m,
      @ForAll @IntRange(min = 1, max = 7) int n,
      @ForAll @IntRange(min = 1, max = 300) int k,
      @ForAll boolean transB,
      @ForAll boolean accumulate,
      @ForAll long seed) {
    Problem pr = GemmReference.random(new Random(seed), false, transB, m, n, k, true);
    double[] vec = runF64(VECTOR, pr, accumulate);
    double[] sca = runF64(SCALAR, pr, accumulate);
    double gamma = gamma(k + 1, U64);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int idx = pr.cOff() + i * pr.ldc() + j;
        double bound = gamma * pr.magnitude(i, j, accumulate) + Double.MIN_NORMAL;
        double want = pr.expected(i, j, accumulate);
        assertThat(Math.abs(vec[idx] - want)).as("vector at (%d,%d)", i, j).isLessThan(bound);
        assertThat(Math.abs(sca[idx] - want)).as("scalar at (%d,%d)", i, j).isLessThan(bound);
      }
    }
    assertPaddingUntouched(pr, vec, pr.c0());
  }

  @Property(tries = 150)
  void float32KernelsMatchTheReference(
      @ForAll @IntRange(min = 1, max = 37) int m,
      @ForAll @IntRange(min = 1, max = 70) int n,
      @ForAll @IntRange(min = 1, max = 600) int k,
      @ForAll boolean transA,
      @ForAll boolean transB,
      @ForAll boolean accumulate,
      @ForAll long seed) {
    Problem pr = GemmReference.random(new Random(seed), transA, transB, m, n, k, true);
    float[] vec = runF32(VECTOR, pr, accumulate);
    float[] sca = runF32(SCALAR, pr, accumulate);
    double gamma = gamma(k, U32);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int idx = pr.cOff() + i * pr.ldc() + j;
        double bound = gamma * pr.magnitude(i, j, accumulate) + Float.MIN_NORMAL;
        double want = pr.expected(i, j, accumulate);
        assertThat(Math.abs(vec[idx] - want)).as("vector at (%d,%d)", i, j).isLessThan(bound);
        assertThat(Math.abs(sca[idx] - want)).as("scalar at (%d,%d)", i, j).isLessThan(bound);
      }
    }
  }

  /** Tall products: several row blocks of the vector kernel (240 rows) and row remainders. */
  @Property(tries = 6)
  void tallProductsMatchTheReference(
      @ForAll @IntRange(min = 241, max = 520) int m,
      @ForAll @IntRange(min = 1, max = 50) int n,
      @ForAll @IntRange(min = 1, max = 40) int k,
      @ForAll boolean transA,
      @ForAll boolean transB,
      @ForAll long seed) {
    Problem pr = GemmReference.random(new Random(seed), transA, transB, m, n, k, true);
    float[] vec = runF32(VECTOR, pr, true);
    double[] vec64 = runF64(VECTOR, pr, false);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int idx = pr.cOff() + i * pr.ldc() + j;
        double bound32 = gamma(k, U32) * pr.magnitude(i, j, true) + Float.MIN_NORMAL;
        double bound64 = gamma(k, U64) * pr.magnitude(i, j, false) + Double.MIN_NORMAL;
        assertThat(Math.abs(vec[idx] - pr.expected(i, j, true))).isLessThan(bound32);
        assertThat(Math.abs(vec64[idx] - pr.expected(i, j, false))).isLessThan(bound64);
      }
    }
  }

  /** Row strides beyond the vector kernel's packing threshold: B panels are copied first. */
  @Property(tries = 40)
  void longRowStridesGiveTheSameProducts(
      @ForAll @IntRange(min = 1, max = 30) int m,
      @ForAll @IntRange(min = 1, max = 80) int n,
      @ForAll @IntRange(min = 1, max = 300) int k,
      @ForAll boolean transA,
      @ForAll long seed) {
    Problem pr = GemmReference.random(new Random(seed), transA, false, m, n, k, 400);
    float[] vec = runF32(VECTOR, pr, true);
    double[] vec64 = runF64(VECTOR, pr, true);
    double gamma32 = gamma(k, U32);
    double gamma64 = gamma(k, U64);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int idx = pr.cOff() + i * pr.ldc() + j;
        double mag = pr.magnitude(i, j, true);
        double want = pr.expected(i, j, true);
        assertThat(Math.abs(vec[idx] - want)).isLessThan(gamma32 * mag + Float.MIN_NORMAL);
        assertThat(Math.abs(vec64[idx] - want)).isLessThan(gamma64 * mag + Double.MIN_NORMAL);
      }
    }
  }

  @Property(tries = 30)
  void overwriteIgnoresNaNInC(
      @ForAll @IntRange(min = 1, max = 20) int m,
      @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll @IntRange(min = 0, max = 20) int k,
      @ForAll boolean vector) {
    GemmKernel kernel = vector ? VECTOR : SCALAR;
    float[] a = new float[Math.max(1, m * k)];
    float[] b = new float[Math.max(1, k * n)];
    java.util.Arrays.fill(a, 1f);
    java.util.Arrays.fill(b, 2f);
    float[] c = new float[m * n];
    java.util.Arrays.fill(c, Float.NaN);
    GemmDriverF32.run(kernel.f32(), false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
    assertThat(c).containsOnly(2f * k);
  }

  /** (k + 1) u / (1 - (k + 1) u): k products plus the initial value of C. */
  private static double gamma(int k, double u) {
    double ku = (k + 1) * u;
    return ku / (1 - ku);
  }

  private static double[] runF64(GemmKernel kernel, Problem pr, boolean accumulate) {
    double[] c = pr.c0().clone();
    GemmDriverF64.run(
        kernel.f64(),
        pr.transA(),
        pr.transB(),
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

  private static float[] runF32(GemmKernel kernel, Problem pr, boolean accumulate) {
    float[] c = Problem.toFloats(pr.c0());
    GemmDriverF32.run(
        kernel.f32(),
        pr.transA(),
        pr.transB(),
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
    return c;
  }

  /** Elements of the C array outside the m x n window (offset, stride padding) are not written. */
  private static void assertPaddingUntouched(Problem pr, double[] got, double[] before) {
    for (int idx = 0; idx < got.length; idx++) {
      int rel = idx - pr.cOff();
      boolean inside = rel >= 0 && rel / pr.ldc() < pr.m() && rel % pr.ldc() < pr.n();
      if (!inside) {
        assertThat(got[idx]).as("padding at %d", idx).isEqualTo(before[idx]);
      }
    }
  }
}

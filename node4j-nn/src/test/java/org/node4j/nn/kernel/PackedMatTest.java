package org.node4j.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Products with a packed B ({@link PackedMatF32}, {@link PackedMatF64}, {@link PackedOperand})
 * against the same products with B unpacked: bit for bit, on every path of the kernel (short
 * reductions, fewer rows than a tile, columns left of or outside the panels, reductions longer than
 * one block, a transposed B, accumulation); and the pack's key: reused while B's values are the
 * same, repacked after any write, unusable after an invalidation.
 */
class PackedMatTest {

  /** m, n, k: tiles and panels, single rows, narrow columns, short and long reductions. */
  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(128, 64, 64),
        Arguments.of(128, 2, 64),
        Arguments.of(128, 64, 2),
        Arguments.of(5, 64, 64),
        Arguments.of(37, 45, 19),
        Arguments.of(40, 7, 300),
        Arguments.of(19, 100, 600),
        Arguments.of(600, 64, 64),
        Arguments.of(1, 1, 1),
        Arguments.of(3, 17, 0));
  }

  @ParameterizedTest(name = "{0}x{1}x{2}")
  @MethodSource("shapes")
  void float32MatchesTheUnpackedProductBitForBit(int m, int n, int k) {
    Random rnd = new Random(31L * m + 7L * n + k);
    for (boolean transB : new boolean[] {false, true}) {
      for (boolean accumulate : new boolean[] {false, true}) {
        float[] a = floats(rnd, m * k);
        float[] b = floats(rnd, k * n);
        float[] c0 = floats(rnd, m * n);
        float[] c1 = c0.clone();
        int ldb = transB ? k : n;
        MatViewF32 bv = new MatViewF32().set(b, 0, Math.max(1, ldb), transB ? n : k, ldb);
        Gemm.gemm(
            false,
            transB,
            MatF32.dense(a, 0, m, k),
            new MatF32(b, 0, Math.max(1, ldb), transB ? n : k, ldb),
            MatF32.dense(c0, 0, m, n),
            accumulate);
        PackedMatF32 packed = new PackedMatF32();
        assertThat(packed.update(transB, bv)).isTrue();
        Gemm.gemm(
            new MatViewF32().dense(a, 0, m, k),
            packed,
            new MatViewF32().dense(c1, 0, m, n),
            accumulate);
        assertThat(c1).as("transB %s, accumulate %s", transB, accumulate).containsExactly(c0);
      }
    }
  }

  @ParameterizedTest(name = "{0}x{1}x{2}")
  @MethodSource("shapes")
  void float64MatchesTheUnpackedProductBitForBit(int m, int n, int k) {
    Random rnd = new Random(17L * m + 5L * n + k);
    for (boolean transB : new boolean[] {false, true}) {
      Tensor a = tensor(rnd, DType.FLOAT64, m * k);
      Tensor b = tensor(rnd, DType.FLOAT64, k * n);
      Tensor c0 = tensor(rnd, DType.FLOAT64, m * n);
      Tensor c1 = c0.copy();
      int ldb = transB ? k : n;
      MatView bv = new MatView().set(b, 0, Math.max(1, ldb), transB ? n : k, ldb);
      Gemm.gemm(
          false,
          transB,
          new MatView().dense(a, 0, m, k),
          bv,
          new MatView().dense(c0, 0, m, n),
          true);
      PackedOperand packed = new PackedOperand();
      assertThat(packed.update(transB, bv)).isTrue();
      Gemm.gemm(new MatView().dense(a, 0, m, k), packed, new MatView().dense(c1, 0, m, n), true);
      assertThat(c1.doubles()).as("transB %s", transB).containsExactly(c0.doubles());
    }
  }

  @Test
  void isReusedWhileTheValuesStayAndRepackedAfterAnyWrite() {
    Random rnd = new Random(3);
    Tensor w = tensor(rnd, DType.FLOAT32, 40 * 24);
    Tensor x = tensor(rnd, DType.FLOAT32, 16 * 24);
    MatView wv = new MatView().dense(w, 0, 40, 24);
    PackedOperand packed = new PackedOperand();
    assertThat(packed.update(true, wv)).as("first use packs").isTrue();
    assertThat(packed.update(true, wv)).as("same values: reused").isFalse();
    assertThat(packed.update(false, new MatView().dense(w, 0, 24, 40)))
        .as("another shape or transposition repacks")
        .isTrue();
    assertThat(packed.update(true, wv)).isTrue();

    w.floats()[17] += 0.25f; // a write the layer never sees, as an optimiser's or a loader's
    assertThat(packed.update(true, wv)).as("changed values repack").isTrue();
    Tensor y0 = Tensor.zeros(DType.FLOAT32, 16 * 40);
    Tensor y1 = Tensor.zeros(DType.FLOAT32, 16 * 40);
    Gemm.gemm(new MatView().dense(x, 0, 16, 24), packed, new MatView().dense(y1, 0, 16, 40), false);
    Gemm.gemm(
        false,
        true,
        new MatView().dense(x, 0, 16, 24),
        wv,
        new MatView().dense(y0, 0, 16, 40),
        false);
    assertThat(y1.floats()).containsExactly(y0.floats());

    w.floats()[3] = -0.0f * Math.signum(w.floats()[3]); // a change of sign of zero is a change
    assertThat(packed.update(true, wv)).isTrue();
  }

  @Test
  void theKeyCanBeTheValuesTheOperandIsBuiltFrom() {
    double[] source = {1, 2, 3};
    double[] built = new double[] {1, 0, 2, 0, 3, 0, 0, 1};
    PackedMatF64 packed = new PackedMatF64();
    assertThat(packed.isPackOf(source, 0, 3)).isFalse();
    packed.pack(false, new MatViewF64().dense(built, 0, 4, 2), source, 0, 3);
    assertThat(packed.isPackOf(source, 0, 3)).isTrue();
    assertThat(packed.isPackOf(source, 0, 2)).as("another length").isFalse();
    source[1] = 2.5;
    assertThat(packed.isPackOf(source, 0, 3)).isFalse();
  }

  @Test
  void anInvalidatedOrEmptyPackCannotBeMultiplied() {
    PackedMatF32 packed = new PackedMatF32();
    MatViewF32 a = new MatViewF32().dense(new float[4], 0, 2, 2);
    MatViewF32 c = new MatViewF32().dense(new float[4], 0, 2, 2);
    assertThatThrownBy(() -> Gemm.gemm(a, packed, c, false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("holds no pack");
    MatViewF32 b = new MatViewF32().dense(new float[] {1, 2, 3, 4}, 0, 2, 2);
    packed.update(false, b);
    Gemm.gemm(a, packed, c, false);
    packed.invalidate();
    assertThat(packed.update(false, b)).as("invalidated: packs again").isTrue();
    packed.invalidate();
    assertThatThrownBy(() -> Gemm.gemm(a, packed, c, false))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shapesAreChecked() {
    PackedMatF32 packed = new PackedMatF32();
    packed.update(false, new MatViewF32().dense(new float[6], 0, 2, 3));
    MatViewF32 a = new MatViewF32().dense(new float[6], 0, 2, 3);
    MatViewF32 c = new MatViewF32().dense(new float[6], 0, 2, 3);
    assertThatThrownBy(() -> Gemm.gemm(a, packed, c, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static float[] floats(Random rnd, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (2 * rnd.nextDouble() - 1);
    }
    return v;
  }

  private static Tensor tensor(Random rnd, DType dtype, int n) {
    Tensor t = Tensor.zeros(dtype, Math.max(1, n));
    for (int i = 0; i < n; i++) {
      t.set(i, 2 * rnd.nextDouble() - 1);
    }
    return t;
  }
}

package org.node4j.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The state loops: combinations computed in float32 in stage order (special values included), and
 * the vector finiteness checks' verdicts the scalar ones' in whole vectors and tails.
 */
class StateLoopsTest {
  private static final StateLoops.Kernel VECTOR = StateLoops.loadVector();
  private static final StateLoops.Kernel SCALAR = StateLoops.Scalar.INSTANCE;
  private static final int[] LENGTHS = {0, 1, 7, 8, 15, 16, 17, 31, 33, 63, 1000, 16_389};

  /** NaN, infinities, signed zeros, subnormals, the float32 extremes and values near them. */
  private static final float[] SPECIAL = {
    Float.NaN,
    Float.POSITIVE_INFINITY,
    Float.NEGATIVE_INFINITY,
    0f,
    -0f,
    Float.MIN_VALUE,
    -Float.MIN_VALUE,
    Float.MIN_NORMAL,
    1e-40f,
    Float.MAX_VALUE,
    -Float.MAX_VALUE,
    3e38f,
    1f,
    -1f,
    1.0000001f,
    0x1.fffffep-1f,
    1e-30f,
    -7e20f
  };

  /**
   * The bits of each element, every NaN as the canonical one: which NaN an operation with NaN
   * operands returns (its sign, its payload) is up to the hardware and the compiler's operand
   * order, in scalar code as in vectors.
   */
  private static int[] bits(float[] x) {
    int[] b = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      b[i] = Float.floatToIntBits(x[i]);
    }
    return b;
  }

  static float[] floats(Random r, int n, double scale) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (scale * r.nextGaussian());
    }
    return x;
  }

  /** {@code y + h * (0 + c k)} in float32, h and c rounded once, element by element. */
  private static float[] formula1(float[] y, double h, double c, float[] k) {
    float[] out = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = y[i] + (float) h * (0f + (float) c * k[i]);
    }
    return out;
  }

  /** {@code y + h * ((0 + c0 k0) + c1 k1)} in float32, h and c rounded once, element by element. */
  private static float[] formula2(
      float[] y, double h, double c0, float[] k0, double c1, float[] k1) {
    float[] out = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = y[i] + (float) h * ((0f + (float) c0 * k0[i]) + (float) c1 * k1[i]);
    }
    return out;
  }

  @Test
  void combinationsAreComputedInFloat32InStageOrder() {
    Random r = new Random(11);
    for (int n : LENGTHS) {
      float[] y = floats(r, n, 1);
      float[] k0 = floats(r, n, 3);
      float[] k1 = floats(r, n, 1e-3);
      double h = 1.0 / 64;
      float[] s = new float[n];
      StateLoops.combine1(s, y, h, 0.7, k0);
      assertThat(s).as("combine1, n = %d", n).isEqualTo(formula1(y, h, 0.7, k0));
      StateLoops.combine2(s, y, h, 0.5, k0, -1.25, k1);
      // float32 arithmetic, every operation rounding, in the order of the formula
      assertThat(s).as("combine2, n = %d", n).isEqualTo(formula2(y, h, 0.5, k0, -1.25, k1));
    }
  }

  @Test
  void specialValuesGiveTheFormulasBits() {
    // every pair of special values meets, in the whole array and in a split one's chunks
    int m = SPECIAL.length;
    int n = m * m + 5;
    float[] y = new float[n];
    float[] k0 = new float[n];
    float[] k1 = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = SPECIAL[i % m];
      k0[i] = SPECIAL[(i / m) % m];
      k1[i] = SPECIAL[(i * 7 + 3) % m];
    }
    for (double h : new double[] {0.5, -1.0 / 64, 0.0, -0.0, 1e300}) {
      for (double c : new double[] {1.0, -0.25, 0.0, -0.0, 3e-310}) {
        float[] s = new float[n];
        StateLoops.combine1(s, y, h, c, k0);
        assertThat(bits(s))
            .as("combine1, h = %s, c = %s", h, c)
            .isEqualTo(bits(formula1(y, h, c, k0)));
        StateLoops.combine2(s, y, h, c, k0, 0.75, k1);
        assertThat(bits(s))
            .as("combine2, h = %s, c = %s", h, c)
            .isEqualTo(bits(formula2(y, h, c, k0, 0.75, k1)));
      }
    }
  }

  @Test
  void theEntryPointsGiveTheSameBitsBelowAndAboveTheVectorLength() {
    Random r = new Random(14);
    for (int n : new int[] {StateLoops.VECTOR_MIN - 1, StateLoops.VECTOR_MIN, 20_001}) {
      float[] y = floats(r, n, 1);
      float[] k0 = floats(r, n, 2);
      float[] k1 = floats(r, n, 0.5);
      float[] e = new float[n];
      StateLoops.combine2(e, y, 0.125, 0.3, k0, -0.6, k1);
      assertThat(bits(e))
          .as("combine2, n = %d", n)
          .isEqualTo(bits(formula2(y, 0.125, 0.3, k0, -0.6, k1)));
      StateLoops.combine1(e, y, 0.125, 0.3, k0);
      assertThat(bits(e)).as("combine1, n = %d", n).isEqualTo(bits(formula1(y, 0.125, 0.3, k0)));
      assertThat(StateLoops.allFinite(e)).isTrue();
      e[n - 1] = Float.NaN;
      assertThat(StateLoops.allFinite(e)).isFalse();
      double[] d = new double[n];
      assertThat(StateLoops.allFinite(d)).isTrue();
      d[n / 2] = Double.NEGATIVE_INFINITY;
      assertThat(StateLoops.allFinite(d)).isFalse();
    }
  }

  @Test
  void combinationsMayWriteOverAnInput() {
    Random r = new Random(12);
    float[] y = floats(r, 101, 1);
    float[] k = floats(r, 101, 1);
    float[] k2 = k.clone();
    float[] want2 = formula1(y, 0.1, 2.0, k2);
    StateLoops.combine1(k2, y, 0.1, 2.0, k2);
    assertThat(k2).isEqualTo(want2);
    float[] want = formula1(y, 0.1, 2.0, k);
    StateLoops.combine1(y, y, 0.1, 2.0, k);
    assertThat(y).isEqualTo(want);
  }

  @Test
  void aNonFiniteElementAnywhereIsFound() {
    Random r = new Random(13);
    for (int n : LENGTHS) {
      float[] f = floats(r, n, 1e30);
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = f[i] * 1e270;
      }
      assertThat(VECTOR.allFinite(f, 0, f.length)).isTrue();
      assertThat(VECTOR.allFinite(d)).isTrue();
      for (int at = 0; at < n; at += Math.max(1, n / 37)) {
        for (float bad :
            new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
          float keep = f[at];
          double keepD = d[at];
          f[at] = bad;
          d[at] = bad;
          assertThat(VECTOR.allFinite(f, 0, f.length))
              .as("float %s at %d of %d", bad, at, n)
              .isFalse();
          assertThat(VECTOR.allFinite(d)).as("double %s at %d of %d", bad, at, n).isFalse();
          assertThat(SCALAR.allFinite(f, 0, f.length)).isFalse();
          f[at] = keep;
          d[at] = keepD;
        }
      }
    }
    assertThat(VECTOR.allFinite(new float[] {Float.MAX_VALUE, -Float.MAX_VALUE, -0f}, 0, 3))
        .isTrue();
    assertThat(VECTOR.allFinite(new double[] {Double.MAX_VALUE, Double.MIN_VALUE})).isTrue();
  }
}

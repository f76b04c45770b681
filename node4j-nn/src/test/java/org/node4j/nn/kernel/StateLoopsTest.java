package org.node4j.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vector state loops give the scalar loops' bits and verdicts, in whole vectors and tails. */
class StateLoopsTest {
  private static final StateLoops.Kernel VECTOR = StateLoops.loadVector();
  private static final StateLoops.Kernel SCALAR = StateLoops.Scalar.INSTANCE;
  private static final int[] LENGTHS = {0, 1, 7, 8, 15, 16, 17, 63, 1000, 16_389};

  private static float[] floats(Random r, int n, double scale) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (scale * r.nextGaussian());
    }
    return x;
  }

  @Test
  void combinationsAreBitIdenticalToTheScalarLoops() {
    Random r = new Random(11);
    for (int n : LENGTHS) {
      float[] y = floats(r, n, 1);
      float[] k0 = floats(r, n, 3);
      float[] k1 = floats(r, n, 1e-3);
      double h = 1.0 / 64;
      float[] v = new float[n];
      float[] s = new float[n];
      VECTOR.combine1(v, y, h, 0.7, k0);
      SCALAR.combine1(s, y, h, 0.7, k0);
      assertThat(v).as("combine1, n = %d", n).isEqualTo(s);
      VECTOR.combine2(v, y, h, 0.5, k0, -1.25, k1);
      SCALAR.combine2(s, y, h, 0.5, k0, -1.25, k1);
      assertThat(v).as("combine2, n = %d", n).isEqualTo(s);
      // computed in double and rounded once: not the float32 expression
      for (int i = 0; i < n; i++) {
        assertThat(s[i]).isEqualTo((float) (y[i] + h * (0.5 * k0[i] + -1.25 * k1[i])));
      }
    }
  }

  @Test
  void combinationsMayWriteOverAnInput() {
    Random r = new Random(12);
    float[] y = floats(r, 101, 1);
    float[] k = floats(r, 101, 1);
    float[] want = new float[101];
    SCALAR.combine1(want, y, 0.1, 2.0, k);
    VECTOR.combine1(y, y, 0.1, 2.0, k);
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
      assertThat(VECTOR.allFinite(f)).isTrue();
      assertThat(VECTOR.allFinite(d)).isTrue();
      for (int at = 0; at < n; at += Math.max(1, n / 37)) {
        for (float bad :
            new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
          float keep = f[at];
          double keepD = d[at];
          f[at] = bad;
          d[at] = bad;
          assertThat(VECTOR.allFinite(f)).as("float %s at %d of %d", bad, at, n).isFalse();
          assertThat(VECTOR.allFinite(d)).as("double %s at %d of %d", bad, at, n).isFalse();
          assertThat(SCALAR.allFinite(f)).isFalse();
          f[at] = keep;
          d[at] = keepD;
        }
      }
    }
    assertThat(VECTOR.allFinite(new float[] {Float.MAX_VALUE, -Float.MAX_VALUE, -0f})).isTrue();
    assertThat(VECTOR.allFinite(new double[] {Double.MAX_VALUE, Double.MIN_VALUE})).isTrue();
  }
}

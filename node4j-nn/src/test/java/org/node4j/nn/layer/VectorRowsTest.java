package org.node4j.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.node4j.nn.testing.TestTensors;

/**
 * The row loops' bias add, column sums and plane sums give the scalar loops' bits in both dtypes,
 * above and below the vector threshold, with column counts that leave tails, row ranges that start
 * inside the matrix, and non-finite values.
 */
class VectorRowsTest {
  private static final int[] COLS = {1, 2, 7, 8, 16, 17, 31, 64, 67, 130};
  private static final double[] SPECIAL = {
    Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, 1e308
  };

  @Test
  void float64LoopsGiveTheScalarBits() {
    Random r = new Random(31);
    for (int cols : COLS) {
      for (int rows : new int[] {3, RowLoopsF64.VECTOR_MIN / cols + 9}) {
        double[] m = values(r, rows * cols);
        double[] v = values(r, cols);
        int r0 = rows / 3;
        double[] got = m.clone();
        RowLoopsF64.addRowVector(got, r0, rows, v);
        double[] want = m.clone();
        for (int i = r0; i < rows; i++) {
          for (int j = 0; j < cols; j++) {
            want[i * cols + j] += v[j];
          }
        }
        assertSameBits(got, want, "bias add, " + rows + " x " + cols);
        double[] sums = values(r, cols + 5);
        double[] expected = sums.clone();
        RowLoopsF64.addColumnSums(m, r0, rows, cols, sums, 3);
        for (int i = r0; i < rows; i++) {
          for (int j = 0; j < cols; j++) {
            expected[3 + j] += m[i * cols + j];
          }
        }
        assertSameBits(sums, expected, "column sums, " + rows + " x " + cols);
      }
    }
  }

  @Test
  void float32LoopsGiveTheScalarBits() {
    Random r = new Random(32);
    for (int cols : COLS) {
      for (int rows : new int[] {3, RowLoopsF32.VECTOR_MIN / cols + 9}) {
        float[] m = TestTensors.floats(values(r, rows * cols));
        float[] v = TestTensors.floats(values(r, cols));
        int r0 = rows / 3;
        float[] got = m.clone();
        RowLoopsF32.addRowVector(got, r0, rows, v);
        float[] want = m.clone();
        for (int i = r0; i < rows; i++) {
          for (int j = 0; j < cols; j++) {
            want[i * cols + j] += v[j];
          }
        }
        assertSameBits(wide(got), wide(want), "float32 bias add, " + rows + " x " + cols);
        float[] sums = TestTensors.floats(values(r, cols + 5));
        float[] expected = sums.clone();
        RowLoopsF32.addColumnSums(m, r0, rows, cols, sums, 3);
        for (int i = r0; i < rows; i++) {
          for (int j = 0; j < cols; j++) {
            expected[3 + j] += m[i * cols + j];
          }
        }
        assertSameBits(wide(sums), wide(expected), "float32 column sums, " + rows + " x " + cols);
      }
    }
  }

  @Test
  void planeSumsAreThePlanesSumsInOrder() {
    Random r = new Random(33);
    for (int planes : new int[] {1, 3, 4, 5, 8, 11}) {
      for (int n : new int[] {1, 7, 1024}) {
        double[] m = values(r, 2 + planes * n);
        double[] sums = values(r, planes + 4);
        double[] expected = sums.clone();
        RowLoopsF64.addPlaneSums(m, 2, planes, n, sums, 1);
        for (int i = 0; i < planes; i++) {
          double s = 0.0;
          for (int q = 0; q < n; q++) {
            s += m[2 + i * n + q];
          }
          expected[1 + i] += s;
        }
        assertSameBits(sums, expected, "plane sums, " + planes + " x " + n);
        float[] f = TestTensors.floats(m);
        float[] fSums = TestTensors.floats(values(r, planes + 4));
        float[] fExpected = fSums.clone();
        RowLoopsF32.addPlaneSums(f, 2, planes, n, fSums, 1);
        for (int i = 0; i < planes; i++) {
          float s = 0f;
          for (int q = 0; q < n; q++) {
            s += f[2 + i * n + q];
          }
          fExpected[1 + i] += s;
        }
        assertSameBits(wide(fSums), wide(fExpected), "float32 plane sums, " + planes + " x " + n);
      }
    }
  }

  /** Gaussians of mixed scales, with a non-finite or extreme value at about one in 97. */
  private static double[] values(Random r, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] =
          r.nextInt(97) == 0
              ? SPECIAL[r.nextInt(SPECIAL.length)]
              : r.nextGaussian() * Math.pow(10, r.nextInt(9) - 4);
    }
    return x;
  }

  private static double[] wide(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return d;
  }

  /** Bit for bit, every NaN as the canonical one (which NaN a sum of NaNs returns is not fixed). */
  private static void assertSameBits(double[] got, double[] want, String what) {
    for (int i = 0; i < got.length; i++) {
      assertThat(Double.doubleToLongBits(got[i]))
          .as("%s, element %d: %s vs %s", what, i, got[i], want[i])
          .isEqualTo(Double.doubleToLongBits(want[i]));
    }
  }
}

package org.node4j.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The narrow products' dot products two columns at a time give the bits of one dot product per
 * element ({@link VectorDotF64#dot}, the specification of the path), with every reduction length's
 * vector and scalar tails, odd column counts, accumulation and non-finite values.
 */
class VectorDotF64Test {
  private static final double[] SPECIAL = {
    Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, 1e300
  };

  @Test
  void pairsOfColumnsGiveTheBitsOfSingleDotProducts() {
    Random r = new Random(21);
    double[] lanes = new double[64];
    for (int k = 1; k <= 70; k++) {
      for (int n = 1; n <= 5; n++) {
        for (boolean accumulate : new boolean[] {false, true}) {
          int m = 3;
          int lda = k + 2;
          int ldbt = k + 1;
          int ldc = n + 3;
          double[] a = gaussians(r, m * lda);
          double[] bt = gaussians(r, n * ldbt);
          if (k % 7 == 0) {
            // non-finite and extreme values somewhere in the reduction
            a[r.nextInt(k)] = SPECIAL[k / 7 % SPECIAL.length];
            bt[(n - 1) * ldbt + r.nextInt(k)] = SPECIAL[(k / 7 + 2) % SPECIAL.length];
          }
          double[] c = gaussians(r, m * ldc);
          double[] want = c.clone();
          VectorDotF64.dotRows(m, n, k, a, 0, lda, bt, 0, ldbt, c, 0, ldc, accumulate);
          for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
              double s = VectorDotF64.dot(k, a, i * lda, bt, j * ldbt, lanes);
              want[i * ldc + j] = accumulate ? want[i * ldc + j] + s : s;
            }
          }
          for (int idx = 0; idx < c.length; idx++) {
            assertThat(Double.doubleToLongBits(c[idx]))
                .as("k = %d, n = %d, accumulate = %s, element %d", k, n, accumulate, idx)
                .isEqualTo(Double.doubleToLongBits(want[idx]));
          }
        }
      }
    }
  }

  private static double[] gaussians(Random r, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian();
    }
    return x;
  }
}

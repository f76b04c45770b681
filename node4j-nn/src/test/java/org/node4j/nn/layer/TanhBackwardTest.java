package org.node4j.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** tanh's written-out float64 backward loop gives the bits of the generic {@code dy * f'(x, y)}. */
class TanhBackwardTest {
  @Test
  void theLoopIsDyTimesTheDerivativeBitForBit() {
    Activation tanh = Activation.tanh();
    Random r = new Random(41);
    double[] special = {Double.NaN, Double.POSITIVE_INFINITY, -1.0, 1.0, -0.0, 1e-300, 1e200};
    for (int n : new int[] {0, 1, 7, 8, 9, 63, 1001}) {
      double[] x = new double[n];
      double[] y = new double[n];
      double[] dy = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = 3 * r.nextGaussian();
        y[i] = i % 13 == 5 ? special[i % special.length] : Math.tanh(x[i]);
        dy[i] = i % 17 == 3 ? special[(i + 2) % special.length] : r.nextGaussian();
      }
      int from = n / 4;
      double[] dx = new double[n];
      tanh.backwardRange(x, y, dy, dx, from, n);
      for (int i = 0; i < n; i++) {
        double want = i < from ? 0.0 : dy[i] * tanh.derivative(x[i], y[i]);
        assertThat(Double.doubleToLongBits(dx[i]))
            .as("n = %d, i = %d", n, i)
            .isEqualTo(Double.doubleToLongBits(want));
      }
    }
  }
}

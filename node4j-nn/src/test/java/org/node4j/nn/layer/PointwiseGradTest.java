package org.node4j.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.node4j.nn.testing.TestTensors;

/**
 * The pointwise convolution's weight gradient with few channels on one side gives every element the
 * bits of its chain of fused multiply-adds over the positions in order, from the element's value,
 * as the product it replaces does: both sides narrow, channel counts that leave a part vector and a
 * narrow side not a multiple of three, position counts below, at and across the transposed block,
 * in both dtypes.
 */
class PointwiseGradTest {
  private static final int[][] CHANNELS = {{3, 128}, {128, 3}, {1, 32}, {2, 37}, {4, 40}, {45, 4}};
  private static final int[] POSITIONS = {5, 256, 700};

  @Test
  void float64GivesTheInOrderChains() {
    assumeTrue(PointwiseGradF64.applies(3, 128), "needs the Vector API");
    Random r = new Random(51);
    Workspace ws = new Workspace.Pool(2).acquire();
    for (int[] oc : CHANNELS) {
      int o = oc[0];
      int c = oc[1];
      assertThat(PointwiseGradF64.applies(o, c)).isTrue();
      for (int p : POSITIONS) {
        double[] dy = gaussians(r, 7 + o * p);
        double[] x = gaussians(r, 3 + c * p);
        double[] dw = gaussians(r, 2 + o * c);
        double[] want = dw.clone();
        for (int oo = 0; oo < o; oo++) {
          for (int cc = 0; cc < c; cc++) {
            double s = want[2 + oo * c + cc];
            for (int q = 0; q < p; q++) {
              s = Math.fma(dy[7 + oo * p + q], x[3 + cc * p + q], s);
            }
            want[2 + oo * c + cc] = s;
          }
        }
        PointwiseGradF64.addWeightGradient(dy, 7, o, x, 3, c, p, dw, 2, ws);
        assertThat(dw).as("%d x %d channels, %d positions", o, c, p).containsExactly(want);
      }
    }
  }

  @Test
  void float32GivesTheInOrderChains() {
    assumeTrue(PointwiseGradF32.applies(3, 128), "needs the Vector API");
    Random r = new Random(52);
    Workspace ws = new Workspace.Pool(2).acquire();
    for (int[] oc : CHANNELS) {
      int o = oc[0];
      int c = oc[1];
      for (int p : POSITIONS) {
        float[] dy = TestTensors.floats(gaussians(r, 7 + o * p));
        float[] x = TestTensors.floats(gaussians(r, 3 + c * p));
        float[] dw = TestTensors.floats(gaussians(r, 2 + o * c));
        float[] want = dw.clone();
        for (int oo = 0; oo < o; oo++) {
          for (int cc = 0; cc < c; cc++) {
            float s = want[2 + oo * c + cc];
            for (int q = 0; q < p; q++) {
              s = Math.fma(dy[7 + oo * p + q], x[3 + cc * p + q], s);
            }
            want[2 + oo * c + cc] = s;
          }
        }
        PointwiseGradF32.addWeightGradient(dy, 7, o, x, 3, c, p, dw, 2, ws);
        assertThat(dw).as("float32, %d x %d channels, %d positions", o, c, p).containsExactly(want);
      }
    }
  }

  @Test
  void wideProductsOnBothSidesKeepTheProduct() {
    assertThat(PointwiseGradF64.applies(8, 128)).isFalse();
    assertThat(PointwiseGradF64.applies(3, 16)).isFalse();
  }

  private static double[] gaussians(Random r, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian();
    }
    return x;
  }
}

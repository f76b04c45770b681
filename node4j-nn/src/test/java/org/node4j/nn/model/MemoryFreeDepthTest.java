package org.node4j.nn.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.node4j.nn.field.NetGrad;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.ContinuousAdjoint;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.MemoryFree;
import org.node4j.ode.grad.StoredStages;

/**
 * Sander et al.'s memory-free gradients on the W5 deep ResNet architecture (V_k tanh(W_k x),
 * weights smooth in depth by the docs/WORKLOADS.md formulas, narrow and on a small batch): the
 * error against backpropagation falls as O(1/N) for the ResNet and faster for the HeunNet, and the
 * bytes held for the backward pass are flat in depth, while backpropagation's grow linearly.
 */
class MemoryFreeDepthTest {
  private static final int WIDTH = 64;
  private static final int BATCH = 8;
  private static final int[] DEPTHS = {16, 64, 256, 1024};

  private static ResidualNetwork net(ResidualNetwork.Scheme scheme, int depth) {
    return ResidualNetworkTest.w5(scheme, depth, WIDTH)
        .build()
        .initialize(SmoothDepthWeights.init(), null);
  }

  private static BlockGradients.Result grad(ResidualNetwork net, GradientMethod m) {
    Tensor x = SmoothDepthWeights.input(BATCH, WIDTH);
    return BlockGradients.gradient(net.block(), m, x);
  }

  private static double slope(double[] errors) {
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    int n = errors.length;
    for (int i = 0; i < n; i++) {
      double x = Math.log(DEPTHS[i]);
      double y = Math.log(errors[i]);
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
  }

  @Test
  void memoryFreeEulerErrorFallsAsOneOverDepthAndHeunFaster() {
    double[] euler = new double[DEPTHS.length];
    double[] heun = new double[DEPTHS.length];
    for (int i = 0; i < DEPTHS.length; i++) {
      ResidualNetwork res = net(ResidualNetwork.Scheme.EULER, DEPTHS[i]);
      euler[i] =
          NetGrad.relError(
              grad(res, MemoryFree.euler()).gradient(),
              grad(res, StoredStages.create()).gradient());
      ResidualNetwork heunNet = net(ResidualNetwork.Scheme.HEUN, DEPTHS[i]);
      heun[i] =
          NetGrad.relError(
              grad(heunNet, MemoryFree.heun()).gradient(),
              grad(heunNet, StoredStages.create()).gradient());
      assertThat(heun[i]).isLessThan(euler[i]);
    }
    // Measured: Euler 6.3e-2 .. 3.9e-4 (slope -1.2), Heun 2.0e-3 .. 3.3e-9 (slope -3.2).
    assertThat(slope(euler)).isBetween(-1.5, -0.8);
    assertThat(slope(heun)).isLessThan(-2.0);
  }

  @Test
  void reverseEulerErrorInTheParametersFallsAsOneOverDepthOnANarrowNetwork() {
    double[] errors = new double[DEPTHS.length];
    for (int i = 0; i < DEPTHS.length; i++) {
      ResidualNetwork net =
          DepthIndexedGradientsTest.w5(ResidualNetwork.Scheme.EULER, DEPTHS[i], 16);
      errors[i] =
          NetGrad.relError(
              DepthIndexedGradientsTest.parameterPart(
                  DepthIndexedGradientsTest.grad(net, MemoryFree.euler(), 2), 2 * 16),
              DepthIndexedGradientsTest.parameterPart(
                  DepthIndexedGradientsTest.grad(net, StoredStages.create(), 2), 2 * 16));
    }
    assertThat(slope(errors)).isCloseTo(-1.0, org.assertj.core.api.Assertions.within(0.15));
  }

  @Test
  void bytesHeldAreFlatInDepthForMemoryFreeAndAdjointAndLinearForStored() {
    long[] stored = new long[3];
    long[] free = new long[3];
    long[] adjoint = new long[3];
    for (int i = 0; i < 3; i++) {
      ResidualNetwork res = net(ResidualNetwork.Scheme.EULER, DEPTHS[i]);
      stored[i] = grad(res, StoredStages.create()).report().peakBytesHeld();
      free[i] = grad(res, MemoryFree.euler()).report().peakBytesHeld();
      adjoint[i] = grad(res, ContinuousAdjoint.create()).report().peakBytesHeld();
    }
    for (int i = 1; i < 3; i++) {
      double ratio = (double) stored[i] / stored[i - 1];
      assertThat(ratio).isBetween(3.8, 4.2); // depth x4
      assertThat(free[i]).isEqualTo(free[0]);
      assertThat(adjoint[i]).isEqualTo(adjoint[0]);
    }
    assertThat(free[2]).isLessThan(stored[2] / 50);
    assertThat(adjoint[0]).isPositive();
  }

  @Test
  void memoryFreeGradientWritesTheInputCotangentToo() {
    ResidualNetwork res = net(ResidualNetwork.Scheme.EULER, 64);
    Tensor x = ResidualNetworkTest.input(BATCH, WIDTH, 22);
    double[] exact = BlockGradients.gradient(res.block(), StoredStages.create(), x).gradient();
    double[] free = BlockGradients.gradient(res.block(), MemoryFree.euler(), x).gradient();
    double[] dx0Exact = java.util.Arrays.copyOf(exact, x.size());
    double[] dx0Free = java.util.Arrays.copyOf(free, x.size());
    assertThat(NetGrad.relError(dx0Free, dx0Exact)).isBetween(1e-8, 0.1);
  }
}

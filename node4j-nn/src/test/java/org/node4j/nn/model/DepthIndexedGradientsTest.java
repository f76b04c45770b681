package org.node4j.nn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.node4j.nn.field.NetGrad;
import org.node4j.nn.state.TensorOps;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.Checkpointed;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.GradientReport;
import org.node4j.ode.grad.MemoryFree;
import org.node4j.ode.grad.StoredStages;

/**
 * Gradient methods on the depth-indexed W5 network field (V_k tanh(W_k x), weights smooth in depth
 * by the WORKLOADS.md formulas): exact methods against central differences on ResNets and HeunNets,
 * the bytes each method holds against depth, and the memory-free error at W5's own size. These
 * moved here from {@code node4j-ode} with its test-only depth-indexed field.
 */
class DepthIndexedGradientsTest {
  private static final int[] DEPTHS = {16, 64, 256};

  static ResidualNetwork w5(ResidualNetwork.Scheme scheme, int depth, int width) {
    return SmoothDepthWeights.network(scheme, depth, width);
  }

  private static Tensor input(int batch, int width) {
    return SmoothDepthWeights.input(batch, width);
  }

  static BlockGradients.Result grad(ResidualNetwork net, GradientMethod m, int batch) {
    int width = net.function(0).parameters().get(0).value().dim(1);
    return BlockGradients.gradient(net.block(), m, input(batch, width));
  }

  private static long[] peaks(GradientMethod m, ResidualNetwork.Scheme scheme, int w, int batch) {
    long[] out = new long[DEPTHS.length];
    for (int i = 0; i < DEPTHS.length; i++) {
      out[i] = grad(w5(scheme, DEPTHS[i], w), m, batch).report().peakBytesHeld();
    }
    return out;
  }

  @Test
  void exactMethodsMatchFiniteDifferencesOnResNetAndHeunNet() {
    for (ResidualNetwork.Scheme scheme : ResidualNetwork.Scheme.values()) {
      ResidualNetwork net = w5(scheme, 6, 3);
      Tensor x = input(2, 3);
      double[] stored = grad(net, StoredStages.create(), 2).gradient();
      assertThat(BlockGradients.directionalError(net.block(), x, stored, 4, 1e-5, 3))
          .as(scheme.name())
          .isLessThan(1e-7);
      double[] checkpointed = grad(net, Checkpointed.binomial(2 * 8 * 6), 2).gradient();
      assertThat(NetGrad.relError(checkpointed, stored)).as(scheme.name()).isLessThan(1e-12);
    }
  }

  @Test
  void memoryFreeHeunHoldsTheSameBytesAtEveryDepthAndStoredStagesGrowWithSteps() {
    long[] free = peaks(MemoryFree.heun(), ResidualNetwork.Scheme.HEUN, 4, 2);
    assertThat(free).containsOnly(free[0]);
    long[] stored = peaks(StoredStages.create(), ResidualNetwork.Scheme.HEUN, 4, 2);
    for (int i = 1; i < DEPTHS.length; i++) {
      double ratio = (double) stored[i] / stored[0];
      double steps = (DEPTHS[i] - 1.0) / (DEPTHS[0] - 1.0); // N - 1 Heun steps
      assertThat(ratio).isCloseTo(steps, within(1e-9 * steps));
    }
  }

  @Test
  void checkpointsPerStepGrowAffinelyAndBinomialOnesStayWithinTheirBudget() {
    int w = 4;
    int batch = 2;
    long state = 8L * w * batch;
    long[] c = peaks(Checkpointed.everyStep(), ResidualNetwork.Scheme.EULER, w, batch);
    long perStep = (c[1] - c[0]) / (DEPTHS[1] - DEPTHS[0]);
    assertThat(perStep).isGreaterThanOrEqualTo(state);
    assertThat(c[2] - c[1]).isEqualTo(perStep * (DEPTHS[2] - DEPTHS[1]));
    long budget = 5 * state;
    for (int n : DEPTHS) {
      ResidualNetwork net = w5(ResidualNetwork.Scheme.EULER, n, w);
      GradientReport r = grad(net, Checkpointed.binomial(budget), batch).report();
      long oneStep = net.field().newRecord(TensorOps.INSTANCE, input(batch, w)).bytes();
      assertThat(r.peakBytesHeld()).isLessThanOrEqualTo(budget + 16L * n + oneStep);
      // Revolve with c = 5 slots recomputes each step at most r times, C(4 + r, 4) >= N.
      int sweeps = 1;
      while (binomial(4, sweeps) < n) {
        sweeps++;
      }
      assertThat(r.backwardEvaluations()).isLessThanOrEqualTo((long) (sweeps + 1) * n);
    }
  }

  /** C(s + r, s). */
  private static long binomial(int s, int r) {
    long b = 1;
    for (int i = 1; i <= s; i++) {
      b = b * (r + i) / i;
    }
    return b;
  }

  @Test
  void errorMagnitudesAreThoseOfWorkloadW5() {
    // Full W5 width (64) on a batch of 4 instead of 256; WORKLOADS.md lists (b) 1.6e-2 and
    // (d) 3.5e-5 at N = 64. The error is a property of the method, so two digits are not
    // expected across batch sizes, but the same order of magnitude is.
    ResidualNetwork res = w5(ResidualNetwork.Scheme.EULER, 64, 64);
    ResidualNetwork heun = w5(ResidualNetwork.Scheme.HEUN, 64, 64);
    double b =
        NetGrad.relError(
            parameterPart(grad(res, MemoryFree.euler(), 4), 4 * 64),
            parameterPart(grad(res, StoredStages.create(), 4), 4 * 64));
    double d =
        NetGrad.relError(
            parameterPart(grad(heun, MemoryFree.heun(), 4), 4 * 64),
            parameterPart(grad(heun, StoredStages.create(), 4), 4 * 64));
    assertThat(b).isBetween(1.6e-2 / 2, 1.6e-2 * 2);
    assertThat(d).isBetween(3.5e-5 / 2, 3.5e-5 * 2);
  }

  static double[] parameterPart(BlockGradients.Result r, int inputSize) {
    double[] g = r.gradient();
    return java.util.Arrays.copyOfRange(g, inputSize, g.length);
  }
}

package org.node4j.ode.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.Tuple;
import org.node4j.ode.grad.param.DepthGrid;
import org.node4j.ode.grad.param.DepthIndexedField;

/** Bytes held for the backward pass: flat in depth, linear in depth, or within a budget. */
class MemoryAccountingTest {

  private static final int W = 4;
  private static final int BATCH = 2;
  private static final int[] DEPTHS = {16, 64, 256};

  private static GradientReport report(GradientMethod m, DepthGrid grid, int depth) {
    DepthIndexedField<double[], double[]> field = TanhLayer.w5Field(depth, W, BATCH);
    GradientPass<double[], Tuple> pass = m.prepare(grid.problem(field, ArrayOps.INSTANCE));
    double[] x = pass.forward(TanhLayer.w5Input(W, BATCH));
    return pass.backward(x, new double[x.length], field.newGrad());
  }

  private static long[] peaks(GradientMethod m, boolean heun) {
    long[] out = new long[DEPTHS.length];
    for (int i = 0; i < DEPTHS.length; i++) {
      int n = DEPTHS[i];
      out[i] = report(m, heun ? DepthGrid.heunNet(n) : DepthGrid.resnet(n), n).peakBytesHeld();
    }
    return out;
  }

  @Test
  void memoryFreeAndContinuousAdjointHoldTheSameBytesAtEveryDepth() {
    long state = 8L * W * BATCH;
    long record = 16L * W * BATCH + Integer.BYTES; // TanhLayer record inside a layer record
    assertThat(peaks(MemoryFree.euler(), false)).containsOnly(state + record);
    assertThat(peaks(MemoryFree.heun(), true)).containsOnly(state + 2 * record);
    assertThat(peaks(ContinuousAdjoint.create(), false)).containsOnly(state);
  }

  @Test
  void storedStagesGrowLinearlyWithDepth() {
    long[] p = peaks(StoredStages.create(), true);
    for (int i = 1; i < p.length; i++) {
      double ratio = (double) p[i] / p[0];
      double depthRatio = (DEPTHS[i] - 1.0) / (DEPTHS[0] - 1.0); // N - 1 Heun steps
      assertThat(ratio).isCloseTo(depthRatio, within(1e-9 * depthRatio));
    }
    // Per-step checkpoints: (state + grid) per step plus one step's records, affine in N.
    long[] c = peaks(Checkpointed.everyStep(), false);
    long perStep = 8L * W * BATCH + 16;
    assertThat(c[1] - c[0]).isEqualTo(perStep * (DEPTHS[1] - DEPTHS[0]));
    assertThat(c[2] - c[1]).isEqualTo(perStep * (DEPTHS[2] - DEPTHS[1]));
  }

  @Test
  void binomialCheckpointsStayWithinTheirBudgetPlusGridAndOneStep() {
    long state = 8L * W * BATCH;
    long budget = 5 * state;
    for (int n : DEPTHS) {
      GradientReport r = report(Checkpointed.binomial(budget), DepthGrid.resnet(n), n);
      long oneStep = 16L * W * BATCH + Integer.BYTES;
      assertThat(r.peakBytesHeld()).isLessThanOrEqualTo(budget + 16L * n + oneStep);
      // Revolve with c = 5 slots recomputes each step at most r times, C(5 + r, 5) >= N.
      int sweeps = 1;
      while (CheckpointPass.binomial(5 - 1, sweeps) < n) {
        sweeps++;
      }
      assertThat(r.backwardEvaluations()).isLessThanOrEqualTo((long) (sweeps + 1) * n);
    }
  }
}

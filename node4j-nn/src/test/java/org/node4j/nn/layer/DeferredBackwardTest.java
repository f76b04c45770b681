package org.node4j.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.nn.testing.TestTensors;

/**
 * The use of a network as an ODE vector field: one instance evaluated at many stages, each
 * evaluation differentiated later and in any order, from a reused input buffer.
 */
class DeferredBackwardTest {
  private static final int STAGES = 4;

  @Test
  void stagesDifferentiatedLaterInReverseOrderGiveTheImmediateGradients() {
    Random rnd = new Random(11);
    Sequential net = TestNets.imageBlock(DType.FLOAT64, 4);
    TestTensors.randomize(net.parameters(), rnd, 0.5);
    List<Tensor> xs = new ArrayList<>();
    List<Tensor> dys = new ArrayList<>();
    for (int s = 0; s < STAGES; s++) {
      xs.add(TestTensors.uniform(rnd, DType.FLOAT64, 2, 3, 8, 8));
      dys.add(TestTensors.uniform(rnd, DType.FLOAT64, 2, 10));
    }

    // immediate: forward then backward at each stage, via the recomputing VJP
    List<Tensor> dxImmediate = new ArrayList<>();
    for (int s = 0; s < STAGES; s++) {
      Tensor dx = xs.get(s).zerosLike();
      net.vjp(xs.get(s), dys.get(s), dx);
      dxImmediate.add(dx);
    }
    List<Tensor> gradImmediate = snapshotAndZero(net);

    // deferred: all forwards from one reused input buffer, then backwards in reverse order
    Tensor stageBuffer = xs.get(0).zerosLike();
    Cache[] caches = new Cache[STAGES];
    Tensor out = Tensor.zeros(DType.FLOAT64, 2, 10);
    for (int s = 0; s < STAGES; s++) {
      caches[s] = net.newCache(stageBuffer.shape(), DType.FLOAT64);
      stageBuffer.copyFrom(xs.get(s));
      net.forward(stageBuffer, caches[s], out);
    }
    stageBuffer.fillZero();
    for (int s = STAGES - 1; s >= 0; s--) {
      Tensor dx = xs.get(s).zerosLike();
      net.backward(dys.get(s), caches[s], dx);
      assertThat(dx.doubles()).containsExactly(dxImmediate.get(s).doubles());
    }
    List<Tensor> gradDeferred = snapshotAndZero(net);
    for (int i = 0; i < gradDeferred.size(); i++) {
      assertThat(TestTensors.relError(gradDeferred.get(i), gradImmediate.get(i))).isLessThan(1e-14);
    }
  }

  @Test
  void forwardIntoABufferCopiesTheCacheOutput() {
    Sequential net = TestNets.sphere2(DType.FLOAT32);
    TestTensors.randomize(net.parameters(), new Random(1), 0.5);
    Tensor x = TestTensors.uniform(new Random(2), DType.FLOAT32, 3, 1, 2);
    Cache c = net.newCache(x.shape(), DType.FLOAT32);
    Tensor out = Tensor.zeros(DType.FLOAT32, 3, 2);
    net.forward(x, c, out);
    assertThat(out.floats()).containsExactly(c.output().floats());
    assertThat(out).isNotSameAs(c.output());
  }

  private static List<Tensor> snapshotAndZero(Layer net) {
    List<Tensor> out = new ArrayList<>();
    for (Parameter p : net.parameters()) {
      out.add(p.grad().copy());
      p.zeroGrad();
    }
    return out;
  }
}

package org.node4j.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.nn.testing.TestTensors;

/**
 * A Linear followed by tanh in a {@link Sequential} writes into an output buffer shared by all of
 * its caches ({@link Linear#newTransientCache}): a cache evaluated forward, then overwritten by
 * other evaluations, must still give the backward pass of a network that evaluated only it, bit for
 * bit, and must not count the shared buffer as saved. A Linear followed by ReLU (which reads its
 * input backwards) and the last layer keep their own outputs.
 */
class TransientOutputTest {
  private final int savedThreads = Parallel.threads();

  @AfterEach
  void restore() {
    Parallel.setThreads(savedThreads);
  }

  private static Sequential net(DType dtype) {
    return Sequential.of(
        Linear.builder(2, 64).name("fc1").dtype(dtype).build(),
        Activation.tanh(),
        Linear.builder(64, 64).name("fc2").dtype(dtype).build(),
        Activation.relu(),
        Linear.builder(64, 2).name("fc3").dtype(dtype).build());
  }

  /** 512 rows run as one region over chunks, 8 rows layer by layer. */
  @ParameterizedTest
  @CsvSource({"FLOAT64, 512, 2", "FLOAT64, 8, 1", "FLOAT32, 512, 2", "FLOAT32, 8, 2"})
  void aCacheOverwrittenByLaterEvaluationsDifferentiatesAsIfAlone(
      DType dtype, int rows, int threads) {
    Parallel.setThreads(threads);
    Random rnd = new Random(7);
    Sequential shared = net(dtype);
    TestTensors.randomize(shared.parameters(), rnd, 0.5);
    Sequential alone = net(dtype);
    TestNets.copyParameters(shared, alone);
    Tensor x1 = TestTensors.uniform(rnd, dtype, rows, 2);
    Tensor x2 = TestTensors.uniform(rnd, dtype, rows, 2);
    Tensor dy = TestTensors.uniform(rnd, dtype, rows, 2);

    // Two stored evaluations, as a solver keeps its stages; the second overwrites fc1's output.
    Cache first = shared.newCache(x1.shape(), dtype);
    Cache second = shared.newCache(x2.shape(), dtype);
    Tensor y1 = shared.forward(x1, first).copy();
    shared.forward(x2, second);
    List<double[]> got = backward(shared, first, dy, x1);

    Cache own = alone.newCache(x1.shape(), dtype);
    Tensor want = alone.forward(x1, own).copy();
    assertThat(TestTensors.values(y1)).containsExactly(TestTensors.values(want));
    List<double[]> expected = backward(alone, own, dy, x1);
    for (int i = 0; i < got.size(); i++) {
      assertThat(got.get(i))
          .as("dx, then the parameter gradients: %d", i)
          .containsExactly(expected.get(i));
    }

    Sequential.SeqCache c = (Sequential.SeqCache) first;
    assertThat(c.children[0].savedBytes()).as("fc1, before tanh: shared").isZero();
    assertThat(c.children[0].output())
        .as("one buffer for both caches")
        .isSameAs(((Sequential.SeqCache) second).children[0].output());
    long kept = (long) rows * 64 * dtype.bytes();
    assertThat(c.children[2].savedBytes()).as("fc2, before ReLU: kept").isEqualTo(kept);
    assertThat(c.children[2].output())
        .isNotSameAs(((Sequential.SeqCache) second).children[2].output());
    assertThat(c.children[4].savedBytes()).as("fc3, the output: kept").isPositive();
  }

  private static List<double[]> backward(Sequential net, Cache cache, Tensor dy, Tensor x) {
    for (Parameter p : net.parameters()) {
      p.zeroGrad();
    }
    Tensor dx = x.zerosLike();
    net.backward(dy, cache, dx);
    List<double[]> out = new ArrayList<>();
    out.add(TestTensors.values(dx));
    for (Parameter p : net.parameters()) {
      out.add(TestTensors.values(p.grad()));
    }
    return out;
  }
}

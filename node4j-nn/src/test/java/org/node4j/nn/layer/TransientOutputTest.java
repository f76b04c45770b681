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
 * A Linear followed by tanh or ReLU in a {@link Sequential}, and a convolution followed by ReLU,
 * write into an output buffer shared by all of their caches ({@link Linear#newTransientCache},
 * {@link ConvLayer#newTransientCache}): a cache evaluated forward, then overwritten by other
 * evaluations, must still give the backward pass of a network that evaluated only it, bit for bit,
 * and must not count the shared buffer as saved. A layer followed by leaky ReLU (which reads its
 * input backwards) and the last layer keep their own outputs.
 */
class TransientOutputTest {
  private final int savedThreads = Parallel.threads();

  @AfterEach
  void restore() {
    Parallel.setThreads(savedThreads);
    Sequential.transientConvOutputs = true;
  }

  private static Sequential net(DType dtype) {
    return Sequential.of(
        Linear.builder(2, 64).name("fc1").dtype(dtype).build(),
        Activation.tanh(),
        Linear.builder(64, 64).name("fc2").dtype(dtype).build(),
        Activation.leakyRelu(0.01),
        Linear.builder(64, 64).name("fc3").dtype(dtype).build(),
        Activation.relu(),
        Linear.builder(64, 2).name("fc4").dtype(dtype).build());
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

    Sequential.SeqCache[] c = evaluateTwiceAndCompare(shared, alone, x1, x2, dy);
    long kept = (long) rows * 64 * dtype.bytes();
    for (int i : new int[] {0, 4}) {
      assertThat(c[0].children[i].savedBytes())
          .as("layer %d, before tanh or ReLU: shared", i)
          .isZero();
      assertThat(c[0].children[i].output())
          .as("one buffer for both caches")
          .isSameAs(c[1].children[i].output());
    }
    assertThat(c[0].children[2].savedBytes()).as("fc2, before leaky ReLU: kept").isEqualTo(kept);
    assertThat(c[0].children[2].output()).isNotSameAs(c[1].children[2].output());
    assertThat(c[0].children[6].savedBytes()).as("fc4, the output: kept").isPositive();
  }

  /**
   * The Sphere2 field (convolutions on signals of length 2, each but the last followed by ReLU):
   * 128 samples run as one region over two chunks (the unrolled products), 8 layer by layer; and
   * the same with the convolutions keeping their own outputs.
   */
  @ParameterizedTest
  @CsvSource({
    "FLOAT64, 128, 2, true",
    "FLOAT32, 128, 2, true",
    "FLOAT32, 8, 1, true",
    "FLOAT32, 128, 2, false"
  })
  void aConvolutionBeforeReluSharesItsOutputToTheSameBits(
      DType dtype, int samples, int threads, boolean transientConv) {
    Parallel.setThreads(threads);
    Sequential.transientConvOutputs = transientConv;
    Random rnd = new Random(11);
    Sequential shared = org.node4j.nn.model.SeedModels.sphere2Field(dtype, "");
    TestTensors.randomize(shared.parameters(), rnd, 0.5);
    Sequential alone = org.node4j.nn.model.SeedModels.sphere2Field(dtype, "");
    TestNets.copyParameters(shared, alone);
    Tensor x1 = TestTensors.uniform(rnd, dtype, samples, 1, 2);
    Tensor x2 = TestTensors.uniform(rnd, dtype, samples, 1, 2);
    Tensor dy = TestTensors.uniform(rnd, dtype, samples, 1, 2);

    Sequential.SeqCache[] c = evaluateTwiceAndCompare(shared, alone, x1, x2, dy);
    long kept = (long) samples * 64 * dtype.bytes();
    for (int i : new int[] {0, 2}) {
      assertThat(c[0].children[i].savedBytes())
          .as("conv %d, before ReLU", i)
          .isEqualTo(transientConv ? 0 : kept);
      assertThat(c[0].children[i].output() == c[1].children[i].output())
          .as("one buffer for both caches")
          .isEqualTo(transientConv);
    }
    assertThat(c[0].children[4].savedBytes()).as("conv3, the output: kept").isPositive();
  }

  /**
   * Evaluates {@code shared} at x1, then at x2 into a second cache (as a solver keeps its stages),
   * then differentiates the first; {@code alone} (the same weights) evaluates and differentiates
   * only x1, with the convolutions keeping their outputs: outputs, input gradients and parameter
   * gradients must be the same bits. Returns the two caches of {@code shared}.
   */
  private static Sequential.SeqCache[] evaluateTwiceAndCompare(
      Sequential shared, Sequential alone, Tensor x1, Tensor x2, Tensor dy) {
    DType dtype = x1.dtype();
    Cache first = shared.newCache(x1.shape(), dtype);
    Cache second = shared.newCache(x2.shape(), dtype);
    Tensor y1 = shared.forward(x1, first).copy();
    shared.forward(x2, second);
    List<double[]> got = backward(shared, first, dy, x1);

    boolean transientConv = Sequential.transientConvOutputs;
    Sequential.transientConvOutputs = false; // the reference keeps every output
    Cache own = alone.newCache(x1.shape(), dtype);
    Sequential.transientConvOutputs = transientConv;
    Tensor want = alone.forward(x1, own).copy();
    assertThat(TestTensors.values(y1)).containsExactly(TestTensors.values(want));
    List<double[]> expected = backward(alone, own, dy, x1);
    for (int i = 0; i < got.size(); i++) {
      assertThat(got.get(i))
          .as("dx, then the parameter gradients: %d", i)
          .containsExactly(expected.get(i));
    }
    return new Sequential.SeqCache[] {(Sequential.SeqCache) first, (Sequential.SeqCache) second};
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

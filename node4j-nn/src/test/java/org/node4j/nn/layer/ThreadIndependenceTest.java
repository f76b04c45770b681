package org.node4j.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.nn.testing.TestTensors;

/** Outputs and gradients are bit-identical whatever the thread count. */
class ThreadIndependenceTest {
  private final int savedThreads = Parallel.threads();

  @AfterEach
  void restore() {
    Parallel.setThreads(savedThreads);
  }

  @Test
  void convolutionNetworkIsBitIdenticalFor1To3Threads() {
    Sequential net =
        Sequential.of(
            Conv2d.builder(8, 16).kernel(3).padding(1).name("c1").build(),
            Activation.relu(),
            Conv2d.builder(16, 8).name("c2").build(),
            BatchNorm.builder2d(8).name("bn").build(),
            Activation.tanh());
    int[] shape = {32, 8, 12, 12};
    long flopsPerImage = 2L * 144 * 72 * 16;
    assertThat(Chunking.chunks(32, Chunking.grain(32, flopsPerImage))).isGreaterThan(2);
    assertThat(32 * 16 * 144).isGreaterThan(Chunking.ELEMENT_GRAIN);
    assertSameForAllThreadCounts(net, shape);
  }

  @Test
  void winogradConvolutionIsBitIdenticalFor1To3Threads() {
    Conv2d conv =
        Conv2d.builder(8, 16).kernel(3).padding(1).algorithm(ConvAlgorithm.WINOGRAD).build();
    int[] shape = {32, 8, 12, 12};
    assertThat(Chunking.chunks(32, Chunking.grain(32, 2L * 144 * 72 * 16))).isGreaterThan(2);
    assertSameForAllThreadCounts(conv, shape);
  }

  @Test
  void winograd4x4ConvolutionIsBitIdenticalFor1To3Threads() {
    Conv2d conv =
        Conv2d.builder(8, 16).kernel(3).padding(1).algorithm(ConvAlgorithm.WINOGRAD_4X4).build();
    int[] shape = {32, 8, 12, 12};
    assertThat(Chunking.chunks(32, Chunking.grain(32, 2L * 144 * 72 * 16))).isGreaterThan(2);
    assertSameForAllThreadCounts(conv, shape);
  }

  @Test
  void linearLayerIsBitIdenticalFor1To3Threads() {
    Linear l = Linear.builder(64, 64).build();
    assertThat(Chunking.chunks(2048, Chunking.grain(2048, 2L * 64 * 64))).isGreaterThan(2);
    assertSameForAllThreadCounts(l, new int[] {2048, 64});
  }

  /** A network whose passes are one region over chunks of samples (see {@link Sequential}). */
  @Test
  void sampleChunkedNetworkIsBitIdenticalFor1To3Threads() {
    Sequential net =
        Sequential.of(
            Linear.builder(64, 64).name("fc1").build(),
            Activation.tanh(),
            Linear.builder(64, 64).bias(false).name("fc2").build(),
            Activation.relu());
    int[] shape = {512, 64};
    assertThat(((Sequential.SeqCache) net.newCache(shape, DType.FLOAT32)).chunks).isEqualTo(4);
    assertSameForAllThreadCounts(net, shape);
  }

  private static void assertSameForAllThreadCounts(Layer layer, int[] shape) {
    Random rnd = new Random(7);
    TestTensors.randomize(layer.parameters(), rnd, 0.3);
    Tensor x = TestTensors.uniform(rnd, DType.FLOAT32, shape);
    Tensor dy = TestTensors.uniform(rnd, DType.FLOAT32, layer.outputShape(shape));
    List<float[]> reference = null;
    for (int threads = 1; threads <= 3; threads++) {
      Parallel.setThreads(threads);
      List<float[]> results = run(layer, x, dy);
      if (reference == null) {
        reference = results;
      } else {
        for (int i = 0; i < results.size(); i++) {
          assertThat(results.get(i))
              .as("result %d with %d threads", i, threads)
              .containsExactly(reference.get(i));
        }
      }
    }
  }

  private static List<float[]> run(Layer layer, Tensor x, Tensor dy) {
    layer.parameters().forEach(Parameter::zeroGrad);
    Cache c = layer.newCache(x.shape(), x.dtype());
    Tensor dx = x.zerosLike();
    List<float[]> out = new ArrayList<>();
    out.add(layer.forward(x, c).floats().clone());
    layer.backward(dy, c, dx);
    out.add(dx.floats());
    for (Parameter p : layer.parameters()) {
      out.add(p.grad().floats().clone());
    }
    return out;
  }
}

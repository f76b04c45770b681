package org.node4j.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.optim.ParamGroup;
import org.node4j.nn.optim.Sgd;
import org.node4j.nn.optim.SgdOptions;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.nn.testing.TestTensors;

/**
 * The convolution as one product with its unrolled kernel matrix ({@link UnrolledConvF64}) against
 * the row layout (im2row) of the same layer: output, input gradient, weight and bias gradients
 * agree to float64 rounding, over several chunks, and are bit-identical for any thread count. The
 * finite-difference checks of {@code LayerVjpProperties} and the reference of {@code
 * ForwardReferenceProperties} reach this path too, on their small signals.
 */
class UnrolledConvTest {
  private final int savedThreads = Parallel.threads();

  @AfterEach
  void restore() {
    Parallel.setThreads(savedThreads);
  }

  /** Layers (a fresh one per call) and input shapes small enough for the unrolled product. */
  static Stream<Arguments> layers() {
    return Stream.of(
        Arguments.of("sphere2 conv1 k1", conv1d(1, 32, 1, 1, 0), new int[] {16, 1, 2}),
        Arguments.of("sphere2 conv2 k3 pad 1", conv1d(32, 32, 3, 1, 1), new int[] {16, 32, 2}),
        Arguments.of("sphere2 conv3 k1", conv1d(32, 1, 1, 1, 0), new int[] {16, 32, 2}),
        Arguments.of("k3 pad 1, several chunks", conv1d(32, 32, 3, 1, 1), new int[] {600, 32, 2}),
        Arguments.of("k5 stride 2 pad 2", conv1d(3, 4, 5, 2, 2), new int[] {5, 3, 7}),
        Arguments.of(
            "2d 3x3 pad 1",
            (Supplier<ConvLayer>)
                () -> Conv2d.builder(3, 5).kernel(3).padding(1).dtype(DType.FLOAT64).build(),
            new int[] {4, 3, 4, 4}),
        Arguments.of(
            "2d 3x3 stride 2, no bias",
            (Supplier<ConvLayer>)
                () ->
                    Conv2d.builder(2, 3)
                        .kernel(3)
                        .stride(2)
                        .bias(false)
                        .dtype(DType.FLOAT64)
                        .build(),
            new int[] {3, 2, 5, 3}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void matchesTheRowLayoutToRounding(String name, Supplier<ConvLayer> make, int[] shape) {
    ConvLayer unrolled = make.get();
    ConvLayer rows = make.get();
    rows.allowUnrolled = false;
    Random rnd = new Random(17);
    TestTensors.randomize(unrolled.parameters(), rnd, 1.0);
    TestNets.copyParameters(unrolled, rows);
    Tensor x = TestTensors.uniform(rnd, DType.FLOAT64, shape);
    Tensor dy = TestTensors.uniform(rnd, DType.FLOAT64, unrolled.outputShape(shape));

    List<Tensor> a = run(unrolled, x, dy, true);
    List<Tensor> b = run(rows, x, dy, false);

    // Each result is a sum of at most C * taps * positions * batch products of values below 1,
    // in another order: 1e-13 is about 500 eps, far below any wrong coefficient.
    for (int i = 0; i < a.size(); i++) {
      assertThat(TestTensors.relError(a.get(i), b.get(i)))
          .as("%s: result %d (y, dx, dW, db)", name, i)
          .isLessThan(1e-13);
    }
  }

  @Test
  void isBitIdenticalForOneToThreeThreads() {
    ConvLayer conv = Conv1d.builder(32, 32).kernel(3).padding(1).build();
    Random rnd = new Random(23);
    TestTensors.randomize(conv.parameters(), rnd, 0.3);
    Tensor x = TestTensors.uniform(rnd, DType.FLOAT32, 600, 32, 2);
    Tensor dy = TestTensors.uniform(rnd, DType.FLOAT32, conv.outputShape(x.shape()));
    Parallel.setThreads(1);
    List<Tensor> one = run(conv, x, dy, true);
    for (int threads = 2; threads <= 3; threads++) {
      Parallel.setThreads(threads);
      List<Tensor> many = run(conv, x, dy, true);
      for (int i = 0; i < one.size(); i++) {
        assertThat(many.get(i).floats())
            .as("%d threads, result %d", threads, i)
            .containsExactly(one.get(i).floats());
      }
    }
  }

  /**
   * The packed kernel matrices are made from the weights' values and are never stale: after an
   * optimiser step and after a direct write to the weights, the layer computes what a fresh layer
   * with the same weights computes, bit for bit.
   */
  @Test
  void thePackedKernelMatrixFollowsEveryChangeOfTheWeights() {
    ConvLayer conv = Conv1d.builder(32, 32).kernel(3).padding(1).build();
    Random rnd = new Random(29);
    TestTensors.randomize(conv.parameters(), rnd, 0.3);
    Tensor x = TestTensors.uniform(rnd, DType.FLOAT32, 40, 32, 2);
    Tensor dy = TestTensors.uniform(rnd, DType.FLOAT32, conv.outputShape(x.shape()));
    float[] w = conv.weight().value().floats();
    List<Tensor> before = run(conv, x, dy, true);
    assertThat(conv.unrolledF32[0].isPackOf(w, 0, w.length)).isTrue();
    assertThat(conv.unrolledF32[1].isPackOf(w, 0, w.length)).isTrue();
    assertSameAsAFreshLayer(conv, x, dy, "unchanged weights");

    new Sgd(SgdOptions.plain(), List.of(ParamGroup.of(conv.parameters(), 0.5))).step();
    assertThat(conv.unrolledF32[0].isPackOf(w, 0, w.length)).isFalse();
    List<Tensor> stepped = assertSameAsAFreshLayer(conv, x, dy, "after an optimiser step");
    assertThat(stepped.get(0).floats()).isNotEqualTo(before.get(0).floats());

    w[5] += 0.5f;
    List<Tensor> written = assertSameAsAFreshLayer(conv, x, dy, "after a direct write");
    assertThat(written.get(1).floats()).isNotEqualTo(stepped.get(1).floats());
  }

  private static List<Tensor> assertSameAsAFreshLayer(
      ConvLayer conv, Tensor x, Tensor dy, String when) {
    ConvLayer fresh = Conv1d.builder(32, 32).kernel(3).padding(1).build();
    TestNets.copyParameters(conv, fresh);
    List<Tensor> got = run(conv, x, dy, true);
    List<Tensor> want = run(fresh, x, dy, true);
    for (int i = 0; i < got.size(); i++) {
      assertThat(got.get(i).floats())
          .as("%s: result %d (y, dx, dW, db)", when, i)
          .containsExactly(want.get(i).floats());
    }
    return got;
  }

  @Test
  void largerImagesKeepTheDirectLayouts() {
    ConvLayer conv = Conv1d.builder(32, 32).kernel(3).padding(1).build();
    assertThat(cache(conv, 8, 32, 2).unrolled).isTrue();
    assertThat(cache(conv, 8, 32, 6).unrolled).isTrue();
    assertThat(cache(conv, 8, 32, 7).unrolled).as("7 positions > 2 x 3 taps").isFalse();
    ConvLayer wino =
        Conv2d.builder(4, 4).kernel(3).padding(1).algorithm(ConvAlgorithm.WINOGRAD).build();
    ConvLayer.ConvCache c =
        (ConvLayer.ConvCache) wino.newCache(new int[] {1, 4, 2, 2}, DType.FLOAT32);
    assertThat(c.winograd).isTrue();
    assertThat(c.unrolled).isFalse();
  }

  /**
   * The weight gradient runs as tasks over slices of the input channels (then the bias) once dK's
   * product is large enough, so the tests above at 600 images take several uneven slices.
   */
  @Test
  void theWeightGradientIsSlicedOverTheInputChannelsOfLargeBatches() {
    ConvLayer conv = Conv1d.builder(32, 32).kernel(3).padding(1).build();
    assertThat(cache(conv, 16, 32, 2).gradientTasks).isEqualTo(1);
    assertThat(cache(conv, 128, 32, 2).gradientTasks).as("W1: 2 slices and the bias").isEqualTo(3);
    assertThat(cache(conv, 600, 32, 2).gradientTasks).as("9 slices and the bias").isEqualTo(10);
    ConvLayer noBias = Conv1d.builder(32, 32).kernel(3).padding(1).bias(false).build();
    assertThat(cache(noBias, 600, 32, 2).gradientTasks).isEqualTo(9);
    ConvLayer first = Conv1d.builder(1, 32).kernel(1).build();
    assertThat(cache(first, 600, 1, 2).gradientTasks).as("one input channel").isEqualTo(1);
  }

  private static ConvLayer.ConvCache cache(ConvLayer conv, int... shape) {
    return (ConvLayer.ConvCache) conv.newCache(shape, DType.FLOAT32);
  }

  /** y, dx, dW and db of one forward and backward pass, copied. */
  private static List<Tensor> run(ConvLayer conv, Tensor x, Tensor dy, boolean unrolled) {
    Cache cache = conv.newCache(x.shape(), x.dtype());
    assertThat(((ConvLayer.ConvCache) cache).unrolled).isEqualTo(unrolled);
    for (var p : conv.parameters()) {
      p.zeroGrad();
    }
    Tensor y = conv.forward(x, cache).copy();
    Tensor dx = x.zerosLike();
    conv.backward(dy, cache, dx);
    Tensor db = conv.bias() == null ? Tensor.zeros(x.dtype(), 1) : conv.bias().grad().copy();
    return List.of(y, dx, conv.weight().grad().copy(), db);
  }

  private static Supplier<ConvLayer> conv1d(int in, int out, int k, int stride, int pad) {
    return () ->
        Conv1d.builder(in, out).kernel(k).stride(stride).padding(pad).dtype(DType.FLOAT64).build();
  }
}

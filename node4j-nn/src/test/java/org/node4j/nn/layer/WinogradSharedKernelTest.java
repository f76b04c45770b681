package org.node4j.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.node4j.nn.optim.ParamGroup;
import org.node4j.nn.optim.Sgd;
import org.node4j.nn.optim.SgdOptions;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.nn.testing.TestTensors;

/**
 * A Winograd convolution transforms its kernel once and every evaluation reuses the transform while
 * the weights stay the same ({@code ConvLayer.winogradKernels}); the results must be those of a
 * fresh layer, bit for bit, after every kind of change of the weights (none, an optimiser step, a
 * direct write into the array), and with several evaluations alive at once, as the stored stages of
 * a solve keep them.
 */
class WinogradSharedKernelTest {

  /** Both dtypes with both tile sizes. */
  static Stream<Arguments> cases() {
    return Stream.of(DType.values())
        .flatMap(
            d ->
                Stream.of(ConvAlgorithm.WINOGRAD, ConvAlgorithm.WINOGRAD_4X4)
                    .map(a -> Arguments.of(d, a)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void sharedTransformFollowsEveryChangeOfTheWeights(DType dtype, ConvAlgorithm a) {
    Conv2d layer = conv(dtype, a);
    Random rnd = new Random(43);
    TestTensors.randomize(layer.parameters(), rnd, 0.3);
    Tensor x = TestTensors.uniform(rnd, dtype, 2, 4, 9, 8);
    Tensor dy = TestTensors.uniform(rnd, dtype, 2, 5, 9, 8);
    List<Tensor> first = assertSameAsAFreshLayer(layer, x, dy, "first evaluation");
    List<Tensor> again = assertSameAsAFreshLayer(layer, x, dy, "unchanged weights");
    assertThat(TestTensors.values(again.get(0))).containsExactly(TestTensors.values(first.get(0)));

    new Sgd(SgdOptions.plain(), List.of(ParamGroup.of(layer.parameters(), 0.5))).step();
    List<Tensor> stepped = assertSameAsAFreshLayer(layer, x, dy, "after an optimiser step");
    assertThat(TestTensors.values(stepped.get(0))).isNotEqualTo(TestTensors.values(first.get(0)));

    Tensor w = layer.weight().value();
    w.set(3 * 9 + 4, w.get(3 * 9 + 4) + 0.5);
    List<Tensor> written = assertSameAsAFreshLayer(layer, x, dy, "after a direct write");
    assertThat(TestTensors.values(written.get(0))).isNotEqualTo(TestTensors.values(stepped.get(0)));
    assertThat(TestTensors.values(written.get(1))).isNotEqualTo(TestTensors.values(stepped.get(1)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void evaluationsAliveTogetherShareOneTransform(DType dtype, ConvAlgorithm a) {
    Conv2d layer = conv(dtype, a);
    Random rnd = new Random(44);
    TestTensors.randomize(layer.parameters(), rnd, 0.3);
    Tensor x1 = TestTensors.uniform(rnd, dtype, 2, 4, 9, 8);
    Tensor x2 = TestTensors.uniform(rnd, dtype, 2, 4, 9, 8);
    Tensor dy = TestTensors.uniform(rnd, dtype, 2, 5, 9, 8);
    Cache c1 = layer.newCache(x1.shape(), dtype);
    Cache c2 = layer.newCache(x2.shape(), dtype);
    assertThat(((ConvLayer.ConvCache) c1).u).isSameAs(((ConvLayer.ConvCache) c2).u);
    Tensor y1 = layer.forward(x1, c1).copy();
    Tensor y2 = layer.forward(x2, c2).copy();
    Tensor dx2 = x2.zerosLike();
    Tensor dx1 = x1.zerosLike();
    layer.backward(dy, c2, dx2);
    layer.backward(dy, c1, dx1);
    Conv2d fresh = conv(dtype, a);
    TestNets.copyParameters(layer, fresh);
    List<Tensor> want1 = run(fresh, x1, dy);
    List<Tensor> want2 = run(fresh, x2, dy);
    assertThat(TestTensors.values(y1)).containsExactly(TestTensors.values(want1.get(0)));
    assertThat(TestTensors.values(y2)).containsExactly(TestTensors.values(want2.get(0)));
    assertThat(TestTensors.values(dx1)).containsExactly(TestTensors.values(want1.get(1)));
    assertThat(TestTensors.values(dx2)).containsExactly(TestTensors.values(want2.get(1)));
  }

  private static Conv2d conv(DType dtype, ConvAlgorithm a) {
    return Conv2d.builder(4, 5).kernel(3).padding(1).dtype(dtype).algorithm(a).build();
  }

  private static List<Tensor> assertSameAsAFreshLayer(
      Conv2d layer, Tensor x, Tensor dy, String when) {
    Conv2d fresh = conv(x.dtype(), layer.algorithm);
    TestNets.copyParameters(layer, fresh);
    List<Tensor> got = run(layer, x, dy);
    List<Tensor> want = run(fresh, x, dy);
    for (int i = 0; i < got.size(); i++) {
      assertThat(TestTensors.values(got.get(i)))
          .as("%s: result %d (y, dx, dW, db)", when, i)
          .containsExactly(TestTensors.values(want.get(i)));
    }
    return got;
  }

  /** y, dx, dW and db of one evaluation in a new cache. */
  private static List<Tensor> run(Conv2d layer, Tensor x, Tensor dy) {
    Cache cache = layer.newCache(x.shape(), x.dtype());
    layer.parameters().forEach(p -> p.zeroGrad());
    Tensor y = layer.forward(x, cache).copy();
    Tensor dx = x.zerosLike();
    layer.backward(dy, cache, dx);
    return List.of(y, dx, layer.weight().grad().copy(), layer.bias().grad().copy());
  }
}

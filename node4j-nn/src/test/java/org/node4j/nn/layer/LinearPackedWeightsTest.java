package org.node4j.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.node4j.nn.optim.ParamGroup;
import org.node4j.nn.optim.Sgd;
import org.node4j.nn.optim.SgdOptions;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.nn.testing.TestTensors;

/**
 * A linear layer evaluated again with its own weights multiplies by a pack of them made once
 * ({@code PackedOperand.prepare}); the results must be those of a fresh layer, bit for bit, after
 * every kind of change of the weights: none, an optimiser step, a direct write into the array.
 */
class LinearPackedWeightsTest {

  @ParameterizedTest
  @EnumSource(DType.class)
  void packedWeightsFollowEveryChangeOfTheWeights(DType dtype) {
    Linear layer = Linear.builder(64, 48).dtype(dtype).build();
    Random rnd = new Random(41);
    TestTensors.randomize(layer.parameters(), rnd, 0.3);
    Tensor x = TestTensors.uniform(rnd, dtype, 40, 64);
    Tensor dy = TestTensors.uniform(rnd, dtype, 40, 48);
    List<Tensor> first = run(layer, x, dy, false);
    // The second and later evaluations use the pack.
    assertSameAsAFreshLayer(layer, x, dy, "unchanged weights");
    List<Tensor> again = assertSameAsAFreshLayer(layer, x, dy, "unchanged weights, again");
    assertThat(TestTensors.values(again.get(0))).containsExactly(TestTensors.values(first.get(0)));

    new Sgd(SgdOptions.plain(), List.of(ParamGroup.of(layer.parameters(), 0.5))).step();
    List<Tensor> stepped = assertSameAsAFreshLayer(layer, x, dy, "after an optimiser step");
    assertThat(TestTensors.values(stepped.get(0))).isNotEqualTo(TestTensors.values(first.get(0)));

    Tensor w = layer.weight().value();
    w.set(3 * 64 + 5, w.get(3 * 64 + 5) + 0.5);
    List<Tensor> written = assertSameAsAFreshLayer(layer, x, dy, "after a direct write");
    assertThat(TestTensors.values(written.get(0))).isNotEqualTo(TestTensors.values(stepped.get(0)));
    assertThat(TestTensors.values(written.get(1))).isNotEqualTo(TestTensors.values(stepped.get(1)));
  }

  private static List<Tensor> assertSameAsAFreshLayer(
      Linear layer, Tensor x, Tensor dy, String when) {
    Linear fresh = Linear.builder(64, 48).dtype(x.dtype()).build();
    TestNets.copyParameters(layer, fresh);
    List<Tensor> got = run(layer, x, dy, true);
    List<Tensor> want = run(fresh, x, dy, false);
    for (int i = 0; i < got.size(); i++) {
      assertThat(TestTensors.values(got.get(i)))
          .as("%s: result %d (y, dx, dW, db)", when, i)
          .containsExactly(TestTensors.values(want.get(i)));
    }
    return got;
  }

  private static List<Tensor> run(Linear layer, Tensor x, Tensor dy, boolean packed) {
    Cache cache = layer.newCache(x.shape(), x.dtype());
    for (var p : layer.parameters()) {
      p.zeroGrad();
    }
    Tensor y = layer.forward(x, cache).copy();
    Tensor dx = x.zerosLike();
    layer.backward(dy, cache, dx);
    Linear.LinearCache c = (Linear.LinearCache) cache;
    assertThat(c.packedForward).as("forward used the pack").isEqualTo(packed);
    assertThat(c.packedBackward).as("backward used the pack").isEqualTo(packed);
    return List.of(y, dx, layer.weight().grad().copy(), layer.bias().grad().copy());
  }
}

package org.node4j.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.nn.testing.TestTensors;

/** float32 evaluations and VJPs agree with float64 ones to float32 accuracy. */
class PrecisionAgreementTest {

  static Stream<Arguments> networks() {
    return Stream.of(
        Arguments.of("sphere2", (Function<DType, Layer>) TestNets::sphere2, new int[] {16, 1, 2}),
        Arguments.of(
            "image",
            (Function<DType, Layer>) d -> TestNets.imageBlock(d, 6),
            new int[] {3, 3, 8, 8}),
        // At least 64 output positions: float32 takes the column layout (im2col), float64 the rows.
        Arguments.of(
            "strided conv2d, column layout",
            (Function<DType, Layer>)
                d -> Conv2d.builder(3, 4).kernel(3).stride(2).padding(1).dtype(d).build(),
            new int[] {2, 3, 17, 17}),
        Arguments.of(
            "conv1d k5, column layout",
            (Function<DType, Layer>)
                d -> Conv1d.builder(2, 3).kernel(5).padding(2).dtype(d).build(),
            new int[] {3, 2, 70}),
        Arguments.of(
            "pointwise conv2d, column layout",
            (Function<DType, Layer>) d -> Conv2d.builder(5, 4).dtype(d).build(),
            new int[] {2, 5, 9, 9}),
        Arguments.of(
            "activations",
            (Function<DType, Layer>)
                d ->
                    Sequential.of(
                        Activation.relu(),
                        Activation.tanh(),
                        Activation.leakyRelu(0.2),
                        Activation.gelu(),
                        Activation.sigmoid(),
                        Activation.softplus()),
            new int[] {4, 9}),
        Arguments.of(
            "batchnorm1d",
            (Function<DType, Layer>) d -> BatchNorm.builder1d(3).dtype(d).build(),
            new int[] {5, 3, 4}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("networks")
  void float32MatchesFloat64(String name, Function<DType, Layer> make, int[] shape) {
    Random rnd = new Random(42);
    Layer l64 = make.apply(DType.FLOAT64);
    Layer l32 = make.apply(DType.FLOAT32);
    TestTensors.randomize(l64.parameters(), rnd, 0.5);
    TestNets.copyParameters(l64, l32);
    Tensor x64 = TestTensors.uniform(rnd, DType.FLOAT64, shape);
    Tensor x32 = x64.to(DType.FLOAT32);

    Cache c64 = l64.newCache(shape, DType.FLOAT64);
    Cache c32 = l32.newCache(shape, DType.FLOAT32);
    Tensor y64 = l64.forward(x64, c64);
    Tensor y32 = l32.forward(x32, c32);
    assertThat(TestTensors.relError(y32, y64)).as("output").isLessThan(TestTensors.F32_TOL);

    Tensor dy64 = TestTensors.uniform(rnd, DType.FLOAT64, y64.shape());
    Tensor dx64 = x64.zerosLike();
    Tensor dx32 = x32.zerosLike();
    l64.backward(dy64, c64, dx64);
    l32.backward(dy64.to(DType.FLOAT32), c32, dx32);
    assertThat(TestTensors.relError(dx32, dx64)).as("dx").isLessThan(TestTensors.F32_TOL);
    for (int i = 0; i < l64.parameters().size(); i++) {
      Parameter p64 = l64.parameters().get(i);
      Parameter p32 = l32.parameters().get(i);
      assertThat(TestTensors.relError(p32.grad(), p64.grad()))
          .as(p64.name())
          .isLessThan(TestTensors.F32_TOL);
    }
  }
}

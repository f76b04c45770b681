package org.node4j.nn.layer;

import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.nn.testing.TestTensors;

/** Every layer's VJP (input and parameters) against central finite differences in float64. */
class LayerVjpProperties {
  private static final DType F64 = DType.FLOAT64;

  @Property(tries = 25)
  void linear(
      @ForAll @IntRange(min = 1, max = 5) int batch,
      @ForAll @IntRange(min = 1, max = 6) int in,
      @ForAll @IntRange(min = 1, max = 6) int out,
      @ForAll boolean bias,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    Linear l = Linear.builder(in, out).bias(bias).dtype(F64).build();
    TestTensors.randomize(l.parameters(), rnd, 1.0);
    GradCheck.check(l, TestTensors.uniform(rnd, F64, batch, in), rnd);
  }

  @Property(tries = 25)
  void conv2d(
      @ForAll @IntRange(min = 1, max = 2) int batch,
      @ForAll @IntRange(min = 1, max = 3) int in,
      @ForAll @IntRange(min = 1, max = 3) int out,
      @ForAll("kernels") int k,
      @ForAll @IntRange(min = 1, max = 2) int stride,
      @ForAll @IntRange(min = 0, max = 2) int pad,
      @ForAll @IntRange(min = 0, max = 3) int extraH,
      @ForAll @IntRange(min = 0, max = 3) int extraW,
      @ForAll boolean bias,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    Conv2d c =
        Conv2d.builder(in, out).kernel(k).stride(stride).padding(pad).bias(bias).dtype(F64).build();
    TestTensors.randomize(c.parameters(), rnd, 1.0);
    int h = Math.max(1, k - 2 * pad) + extraH;
    int w = Math.max(1, k - 2 * pad) + extraW;
    GradCheck.check(c, TestTensors.uniform(rnd, F64, batch, in, h, w), rnd);
  }

  @Property(tries = 25)
  void conv1d(
      @ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll @IntRange(min = 1, max = 4) int in,
      @ForAll @IntRange(min = 1, max = 4) int out,
      @ForAll("kernels") int k,
      @ForAll @IntRange(min = 1, max = 2) int stride,
      @ForAll @IntRange(min = 0, max = 2) int pad,
      @ForAll @IntRange(min = 0, max = 4) int extra,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    Conv1d c = Conv1d.builder(in, out).kernel(k).stride(stride).padding(pad).dtype(F64).build();
    TestTensors.randomize(c.parameters(), rnd, 1.0);
    int len = Math.max(1, k - 2 * pad) + extra;
    GradCheck.check(c, TestTensors.uniform(rnd, F64, batch, in, len), rnd);
  }

  @Property(tries = 40)
  void activations(
      @ForAll("activations") Supplier<Activation> kind,
      @ForAll @IntRange(min = 1, max = 4) int batch,
      @ForAll @IntRange(min = 1, max = 7) int width,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    Tensor x = TestTensors.awayFromZero(rnd, F64, batch, width);
    x.set(0, 3 * x.get(0)); // reach the tails of tanh, sigmoid and GELU
    GradCheck.check(kind.get(), x, rnd);
  }

  @Property(tries = 20)
  void flattenAndPooling(
      @ForAll @IntRange(min = 1, max = 2) int batch,
      @ForAll @IntRange(min = 1, max = 3) int channels,
      @ForAll @IntRange(min = 1, max = 3) int k,
      @ForAll @IntRange(min = 1, max = 3) int stride,
      @ForAll @IntRange(min = 0, max = 3) int extra,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    Tensor x = TestTensors.uniform(rnd, F64, batch, channels, k + extra, k + extra + 1);
    GradCheck.check(new Flatten(), x, rnd);
    GradCheck.check(new AvgPool2d(k, stride), x, rnd);
  }

  @Property(tries = 25)
  void batchNorm(
      @ForAll @IntRange(min = 2, max = 4) int batch,
      @ForAll @IntRange(min = 1, max = 3) int channels,
      @ForAll @IntRange(min = 1, max = 3) int spatial,
      @ForAll boolean twoD,
      @ForAll boolean training,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    BatchNorm bn =
        (twoD ? BatchNorm.builder2d(channels) : BatchNorm.builder1d(channels)).dtype(F64).build();
    TestTensors.randomize(bn.parameters(), rnd, 1.0);
    for (int c = 0; c < channels; c++) {
      bn.runningMean().set(c, rnd.nextGaussian());
      bn.runningVar().set(c, 0.5 + rnd.nextDouble());
    }
    bn.setTraining(training);
    Tensor x =
        twoD
            ? TestTensors.uniform(rnd, F64, batch, channels, spatial, spatial + 1)
            : TestTensors.uniform(rnd, F64, batch, channels, spatial);
    GradCheck.check(bn, x, rnd);
  }

  @Property(tries = 15)
  void sequential(
      @ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll @IntRange(min = 1, max = 4) int width,
      @ForAll @IntRange(min = 2, max = 5) int length,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    Sequential net =
        Sequential.of(
            Conv1d.builder(1, width).name("c1").dtype(F64).build(),
            Activation.tanh(),
            Conv1d.builder(width, width).kernel(3).padding(1).name("c2").dtype(F64).build(),
            BatchNorm.builder1d(width).name("bn").dtype(F64).build(),
            Activation.softplus(),
            new Flatten(),
            Linear.builder(width * length, 2).name("head").dtype(F64).build(),
            Activation.gelu());
    TestTensors.randomize(net.parameters(), rnd, 1.0);
    GradCheck.check(net, TestTensors.uniform(rnd, F64, batch + 1, 1, length), rnd);
  }

  @Provide
  Arbitrary<Integer> kernels() {
    return Arbitraries.of(1, 3, 5);
  }

  @Provide
  Arbitrary<Supplier<Activation>> activations() {
    return Arbitraries.of(
        Activation::relu,
        () -> Activation.leakyRelu(0.1),
        Activation::tanh,
        Activation::sigmoid,
        Activation::softplus,
        Activation::gelu,
        Activation::identity);
  }
}

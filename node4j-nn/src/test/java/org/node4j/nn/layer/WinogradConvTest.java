package org.node4j.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.nn.testing.TestTensors;

/**
 * The Winograd F(2x2, 3x3) and F(4x4, 3x3) convolutions against the direct one: the same output and
 * gradients in float64 to rounding, in float32 to float32 accuracy (with F(4x4, 3x3)'s larger
 * transform coefficients allowed for), and their gradients against finite differences.
 */
class WinogradConvTest {
  /** float64 unit roundoff. */
  private static final double EPS64 = 0x1p-53;

  /** float32 unit roundoff. */
  private static final double EPS32 = 0x1p-24;

  /**
   * Geometries: padding 0, 1 and 2; odd output sizes (edge tiles half outside); one tile block and
   * several (more than {@link WinogradF64#TILE_BLOCK} tiles per chunk); with and without bias; tile
   * rows of 17 and 18 tiles, so that the vector transforms (16 float32 or 8 float64 tiles a vector
   * on AVX-512) run beside per-tile ones in one row, with the last row or column half outside.
   */
  static Stream<Arguments> geometries() {
    Stream<Object[]> shapes =
        Stream.of(
            new Object[] {3, 4, 1, true, new int[] {2, 3, 8, 8}},
            new Object[] {2, 3, 0, true, new int[] {3, 2, 7, 9}},
            new Object[] {4, 2, 2, false, new int[] {2, 4, 5, 6}},
            new Object[] {5, 6, 1, true, new int[] {3, 5, 19, 17}},
            new Object[] {3, 3, 1, false, new int[] {1, 3, 1, 1}},
            new Object[] {2, 3, 1, true, new int[] {1, 2, 6, 35}},
            new Object[] {3, 2, 0, false, new int[] {2, 3, 5, 36}},
            new Object[] {17, 3, 1, true, new int[] {1, 17, 6, 5}},
            new Object[] {3, 2, 1, true, new int[] {2, 3, 32, 32}},
            new Object[] {2, 2, 2, false, new int[] {1, 2, 10, 11}});
    return shapes.flatMap(
        s ->
            Stream.of(ConvAlgorithm.WINOGRAD, ConvAlgorithm.WINOGRAD_4X4)
                .map(a -> Arguments.of(a, s[0], s[1], s[2], s[3], s[4])));
  }

  private static Conv2d conv(int in, int out, int pad, boolean bias, DType d, ConvAlgorithm a) {
    return Conv2d.builder(in, out).kernel(3).padding(pad).bias(bias).dtype(d).algorithm(a).build();
  }

  @ParameterizedTest(name = "{0}: {1}->{2}, pad {3}, bias {4}")
  @MethodSource("geometries")
  void float64MatchesDirectToRounding(
      ConvAlgorithm a, int in, int out, int pad, boolean bias, int[] shape) {
    List<Tensor> wino = run(conv(in, out, pad, bias, DType.FLOAT64, a), shape);
    List<Tensor> direct = run(conv(in, out, pad, bias, DType.FLOAT64, ConvAlgorithm.DIRECT), shape);
    // Each result is a sum of 9 * C (or 9 * positions) products; the transforms add a few
    // roundings per term. 1e-12 is about 10^4 eps: ample for these sums, tight enough to catch
    // any wrong coefficient.
    for (int i = 0; i < wino.size(); i++) {
      assertThat(TestTensors.relError(wino.get(i), direct.get(i)))
          .as("result %d (y, dx, dW, db)", i)
          .isLessThan(1e-12)
          .isLessThan(1e4 * EPS64);
    }
  }

  @ParameterizedTest(name = "{0}: {1}->{2}, pad {3}, bias {4}")
  @MethodSource("geometries")
  void float32MatchesFloat64ToPrecision(
      ConvAlgorithm a, int in, int out, int pad, boolean bias, int[] shape) {
    List<Tensor> wino = run(conv(in, out, pad, bias, DType.FLOAT32, a), shape);
    List<Tensor> exact = run(conv(in, out, pad, bias, DType.FLOAT64, ConvAlgorithm.DIRECT), shape);
    // A sum of n terms of size <= 1 carries about sqrt(n) * eps of rounding; the transforms scale
    // terms by at most 4 (the entries of B^T d B are sums of 4 inputs). The largest sum here is the
    // weight gradient over all positions of the batch.
    int n = shape[0] * shape[2] * shape[3] * 9 * Math.max(in, out);
    double tol = 16 * Math.sqrt(n) * EPS32;
    for (int i = 0; i < wino.size(); i++) {
      assertThat(TestTensors.relError(wino.get(i), exact.get(i)))
          .as("result %d (y, dx, dW, db)", i)
          .isLessThan(tol);
    }
  }

  @ParameterizedTest(name = "{0}: {1}->{2}, pad {3}, bias {4}")
  @MethodSource("geometries")
  void gradientsMatchFiniteDifferences(
      ConvAlgorithm a, int in, int out, int pad, boolean bias, int[] shape) {
    Random rnd = new Random(3);
    Conv2d l = conv(in, out, pad, bias, DType.FLOAT64, a);
    TestTensors.randomize(l.parameters(), rnd, 0.5);
    GradCheck.check(l, TestTensors.uniform(rnd, DType.FLOAT64, shape), rnd);
  }

  @Test
  void autoTakesWinograd4x4OnlyForLargeFloat32Images() {
    Conv2d wide = Conv2d.builder(16, 16).kernel(3).padding(1).build();
    assertThat(wide.usesWinograd(DType.FLOAT32, new Im2Row.Dims(8, 8, 8, 8))).isTrue();
    assertThat(wide.winogradTile()).isEqualTo(4);
    assertThat(Conv2d.builder(16, 16).kernel(3).algorithm(ConvAlgorithm.WINOGRAD).build())
        .extracting(Conv2d::winogradTile)
        .isEqualTo(2);
    assertThat(wide.usesWinograd(DType.FLOAT64, new Im2Row.Dims(8, 8, 8, 8))).isFalse();
    assertThat(wide.usesWinograd(DType.FLOAT32, new Im2Row.Dims(4, 4, 4, 4))).isFalse();
    Conv2d narrow = Conv2d.builder(3, 16).kernel(3).padding(1).build();
    assertThat(narrow.usesWinograd(DType.FLOAT32, new Im2Row.Dims(8, 8, 8, 8))).isFalse();
    Conv2d strided = Conv2d.builder(16, 16).kernel(3).stride(2).padding(1).build();
    assertThat(strided.usesWinograd(DType.FLOAT32, new Im2Row.Dims(16, 16, 8, 8))).isFalse();
  }

  @Test
  void forcedWinogradRefusesOtherGeometries() {
    assertThatThrownBy(
            () -> Conv2d.builder(2, 2).kernel(5).algorithm(ConvAlgorithm.WINOGRAD).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3x3 kernel")
        .hasMessageContaining("got kernel 5x5")
        .hasMessageContaining("DIRECT");
    assertThatThrownBy(
            () ->
                Conv2d.builder(2, 2).kernel(3).stride(2).algorithm(ConvAlgorithm.WINOGRAD).build())
        .hasMessageContaining("stride 2x2");
    assertThatThrownBy(
            () ->
                Conv2d.builder(2, 2)
                    .kernel(3)
                    .padding(3)
                    .algorithm(ConvAlgorithm.WINOGRAD_4X4)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("padding 3x3");
  }

  /** Returns y, dx, then every parameter gradient, for fixed random parameters, input and dy. */
  private static List<Tensor> run(Conv2d l, int[] shape) {
    DType d = l.weight().value().dtype();
    Random rnd = new Random(11);
    TestTensors.randomize(l.parameters(), rnd, 0.5);
    Tensor x = TestTensors.uniform(rnd, DType.FLOAT64, shape).to(d);
    Cache c = l.newCache(shape, d);
    Tensor y = l.forward(x, c).copy();
    Tensor dy = TestTensors.uniform(rnd, DType.FLOAT64, y.shape()).to(d);
    Tensor dx = x.zerosLike();
    l.parameters().forEach(Parameter::zeroGrad);
    l.backward(dy, c, dx);
    List<Tensor> out = new ArrayList<>(List.of(y, dx));
    for (Parameter p : l.parameters()) {
      out.add(p.grad());
    }
    return out;
  }
}

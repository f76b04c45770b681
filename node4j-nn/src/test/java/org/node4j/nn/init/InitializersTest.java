package org.node4j.nn.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

class InitializersTest {
  private static final long SEED = 20240611L;

  /** Sample mean and standard deviation of a tensor, in float64. */
  private record Stats(double mean, double std, double min, double max) {
    static Stats of(Tensor t) {
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < t.size(); i++) {
        sum += t.get(i);
        min = Math.min(min, t.get(i));
        max = Math.max(max, t.get(i));
      }
      double mean = sum / t.size();
      double ss = 0;
      for (int i = 0; i < t.size(); i++) {
        ss += (t.get(i) - mean) * (t.get(i) - mean);
      }
      return new Stats(mean, Math.sqrt(ss / (t.size() - 1)), min, max);
    }
  }

  private static Stats filled(Initializer init, DType dtype, int... shape) {
    Tensor t = Tensor.zeros(dtype, shape);
    init.fill(t, SEED);
    return Stats.of(t);
  }

  /** Mean within 5 standard errors and std within 2 %: loose enough never to flake at n > 1e5. */
  private static void assertMoments(Stats s, int n, double std) {
    assertThat(s.mean()).isCloseTo(0.0, within(5 * std / Math.sqrt(n)));
    assertThat(s.std()).isCloseTo(std, within(0.02 * std));
  }

  @Test
  void fansFollowPyTorchForLinearAndConvolutionShapes() {
    assertThat(Fans.of(10, 20)).isEqualTo(new Fans(20, 10));
    assertThat(Fans.of(128, 3, 3, 3)).isEqualTo(new Fans(27, 1152));
    assertThat(Fans.of(32, 32, 3)).isEqualTo(new Fans(96, 96));
    assertThatThrownBy(() -> Fans.of(7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[7]");
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void kaimingNormalFanInHasStdGainOverSqrtFanIn(DType dtype) {
    Stats s = filled(Initializers.kaimingNormal(FanMode.FAN_IN, Gains.relu()), dtype, 512, 256);
    assertMoments(s, 512 * 256, Math.sqrt(2.0 / 256));
  }

  @Test
  void kaimingNormalFanOutUsesOutputsTimesReceptiveField() {
    double gain = Gains.leakyRelu(0.2);
    Stats s =
        filled(Initializers.kaimingNormal(FanMode.FAN_OUT, gain), DType.FLOAT64, 64, 32, 7, 7);
    assertMoments(s, 64 * 32 * 49, gain / Math.sqrt(64 * 49));
  }

  @Test
  void kaimingUniformStaysWithinItsBound() {
    double bound = Math.sqrt(2.0) * Math.sqrt(3.0 / 300);
    Stats s =
        filled(Initializers.kaimingUniform(FanMode.FAN_IN, Gains.relu()), DType.FLOAT64, 400, 300);
    assertThat(s.min()).isGreaterThanOrEqualTo(-bound).isLessThan(-0.99 * bound);
    assertThat(s.max()).isLessThanOrEqualTo(bound).isGreaterThan(0.99 * bound);
    assertMoments(s, 400 * 300, bound / Math.sqrt(3.0));
  }

  @Test
  void xavierUniformScalesWithGainAndBothFans() {
    double gain = Math.sqrt(2.0);
    double bound = gain * Math.sqrt(6.0 / (16 * 9 + 32 * 9));
    Stats s = filled(Initializers.xavierUniform(gain), DType.FLOAT32, 32, 16, 3, 3);
    assertThat(s.min()).isGreaterThanOrEqualTo(-bound).isLessThan(-0.99 * bound);
    assertThat(s.max()).isLessThanOrEqualTo(bound).isGreaterThan(0.99 * bound);
  }

  @Test
  void torchDefaultsAreUniformOverOneOverSqrtFanIn() {
    int[] shape = {128, 64, 3, 3};
    double bound = 1.0 / Math.sqrt(64 * 9);
    Stats w = filled(Initializers.torchDefaultWeight(), DType.FLOAT64, shape);
    assertThat(w.max()).isLessThanOrEqualTo(bound).isGreaterThan(0.99 * bound);
    assertThat(w.min()).isGreaterThanOrEqualTo(-bound).isLessThan(-0.99 * bound);
    Stats b = filled(Initializers.torchDefaultBias(Fans.of(shape)), DType.FLOAT64, 100_000);
    assertThat(b.max()).isLessThanOrEqualTo(bound).isGreaterThan(0.99 * bound);
    assertThat(b.min()).isGreaterThanOrEqualTo(-bound).isLessThan(-0.99 * bound);
  }

  @Test
  void normalAndConstantsHaveTheirMoments() {
    Stats s = filled(Initializers.normal(0.0, 0.3), DType.FLOAT64, 200_000);
    assertMoments(s, 200_000, 0.3);
    Tensor t = Tensor.zeros(DType.FLOAT32, 3, 4);
    Initializers.constant(1.5).fill(t, SEED);
    assertThat(t.floats()).containsOnly(1.5f);
    Initializers.zeros().fill(t, SEED);
    assertThat(t.floats()).containsOnly(0f);
  }

  @Test
  void theSameSeedGivesTheSameNumbersAndFloat32IsTheRoundedFloat64() {
    Initializer init = Initializers.kaimingNormal(FanMode.FAN_IN, 1.0);
    Tensor a = Tensor.zeros(DType.FLOAT64, 8, 5);
    Tensor b = Tensor.zeros(DType.FLOAT64, 8, 5);
    Tensor c = Tensor.zeros(DType.FLOAT64, 8, 5);
    Tensor f = Tensor.zeros(DType.FLOAT32, 8, 5);
    init.fill(a, 7L);
    init.fill(b, 7L);
    init.fill(c, 8L);
    init.fill(f, 7L);
    assertThat(b.doubles()).isEqualTo(a.doubles());
    assertThat(c.doubles()).isNotEqualTo(a.doubles());
    for (int i = 0; i < a.size(); i++) {
      assertThat(f.floats()[i]).isEqualTo((float) a.doubles()[i]);
    }
  }

  @Test
  void badScalesAndEmptyFansAreRejected() {
    assertThatThrownBy(() -> Initializers.normal(0, -1)).hasMessageContaining("-1");
    assertThatThrownBy(() -> Initializers.uniform(1, 0)).hasMessageContaining("lo=1.0");
    Tensor empty = Tensor.zeros(DType.FLOAT64, 4, 0, 3);
    Initializers.xavierUniform(1).fill(empty, SEED); // no elements, no division by a zero fan
    assertThatThrownBy(
            () ->
                Initializers.kaimingNormal(FanMode.FAN_IN, 1)
                    .fill(Tensor.zeros(DType.FLOAT64, 3), SEED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[3]");
  }
}

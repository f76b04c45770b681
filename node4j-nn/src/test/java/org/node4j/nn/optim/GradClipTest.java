package org.node4j.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;

class GradClipTest {

  /** Gradients (3, 4) and (12): global L2 norm 13, max norm 12. */
  private static List<Parameter> params(DType dtype) {
    Parameter a = Fixtures.param("a", dtype, new double[] {0, 0}, 2);
    Parameter b = Fixtures.param("b", dtype, new double[] {0}, 1);
    a.grad().set(0, 3);
    a.grad().set(1, -4);
    b.grad().set(0, 12);
    return List.of(a, b);
  }

  @Test
  void clipNormScalesAllGradientsByMaxNormOverTheGlobalNorm() {
    List<Parameter> ps = params(DType.FLOAT64);
    double total = GradClip.clipNorm(ps, 6.5);
    assertThat(total).isEqualTo(13.0);
    double coef = 6.5 / (13.0 + 1e-6);
    assertThat(ps.get(0).grad().doubles()).containsExactly(3 * coef, -4 * coef);
    assertThat(ps.get(1).grad().doubles()).containsExactly(12 * coef);
    assertThat(GradClip.totalNorm(ps, 2)).isCloseTo(6.5, within(1e-6));
  }

  @Test
  void clipNormLeavesSmallGradientsAlone() {
    List<Parameter> ps = params(DType.FLOAT32);
    assertThat(GradClip.clipNorm(ps, 100)).isEqualTo(13.0);
    assertThat(ps.get(0).grad().floats()).containsExactly(3f, -4f);
  }

  @Test
  void otherNormTypes() {
    List<Parameter> ps = params(DType.FLOAT64);
    assertThat(GradClip.totalNorm(ps, 1)).isEqualTo(19.0);
    assertThat(GradClip.clipNorm(ps, 6, Double.POSITIVE_INFINITY)).isEqualTo(12.0);
    assertThat(ps.get(1).grad().get(0)).isCloseTo(6.0, within(1e-6));
  }

  @Test
  void nonFiniteNormIsReturnedAndGradientsAreUntouched() {
    List<Parameter> ps = params(DType.FLOAT64);
    ps.get(1).grad().set(0, Double.NaN);
    assertThat(GradClip.clipNorm(ps, 1)).isNaN();
    assertThat(ps.get(0).grad().doubles()).containsExactly(3, -4);
  }

  @Test
  void clipValueClampsEachElement() {
    List<Parameter> ps = params(DType.FLOAT32);
    GradClip.clipValue(ps, 3.5);
    assertThat(ps.get(0).grad().floats()).containsExactly(3f, -3.5f);
    assertThat(ps.get(1).grad().floats()).containsExactly(3.5f);
  }
}

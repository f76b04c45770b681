package org.node4j.nn.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** erf and erfc to near double precision, across the switch between the two expansions. */
class ErrorFunctionTest {

  @Test
  void matchesTabulatedValues() {
    // Abramowitz and Stegun Table 7.1 / DLMF 7.2, to 16 digits
    assertRelative(ErrorFunction.erf(0.5), 0.5204998778130465, 4e-16);
    assertRelative(ErrorFunction.erf(1.0), 0.8427007929497149, 4e-16);
    assertRelative(ErrorFunction.erf(2.0), 0.9953222650189527, 4e-16);
    assertRelative(ErrorFunction.erfc(3.0), 2.209049699858544e-5, 1e-14);
    assertRelative(ErrorFunction.erfc(5.0), 1.537459794428035e-12, 1e-14);
  }

  @Test
  void derivativeIsTheGaussianOnBothSidesOfTheSwitch() {
    double h = 1e-5;
    for (double x = -4; x <= 4; x += 0.37) {
      double fd = (ErrorFunction.erf(x + h) - ErrorFunction.erf(x - h)) / (2 * h);
      assertThat(fd).isCloseTo(2 / Math.sqrt(Math.PI) * Math.exp(-x * x), within(1e-9));
    }
  }

  @Test
  void isOddAndContinuousAtTheSwitch() {
    for (double x = 0; x < 6; x += 0.25) {
      assertThat(ErrorFunction.erf(-x)).isEqualTo(-ErrorFunction.erf(x));
      assertThat(ErrorFunction.erf(x) + ErrorFunction.erfc(x)).isCloseTo(1.0, within(2e-16));
    }
    double below = ErrorFunction.erf(Math.nextDown(2.0));
    double above = ErrorFunction.erf(2.0);
    assertThat(above - below).isBetween(0.0, 1e-15);
  }

  @Test
  void normalCdfIsAccurateInTheLowerTail() {
    // Phi(-10) = 7.619853024160527e-24; 1 + erf would round to zero
    assertRelative(ErrorFunction.normalCdf(-10), 7.619853024160527e-24, 1e-13);
    assertThat(ErrorFunction.normalCdf(0)).isEqualTo(0.5);
  }

  private static void assertRelative(double actual, double expected, double tol) {
    assertThat(Math.abs(actual - expected) / Math.abs(expected)).isLessThan(tol);
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}

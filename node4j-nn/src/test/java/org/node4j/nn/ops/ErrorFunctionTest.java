package org.node4j.nn.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * erf and erfc against 120-digit values from the Taylor series, at a few hundred points of [-7, 7]
 * including fdlibm's interval ends, tiny and subnormal arguments; and erfc's far tail against the
 * library's former continued fraction ({@link SeriesErrorFunction}).
 */
class ErrorFunctionTest {
  private static final MathContext MC = new MathContext(120);
  private static final BigDecimal PI =
      new BigDecimal(
          "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899"
              + "8628034825342117067982148086513282306647093844609550582231725359408128481117450");
  private static final BigDecimal TWO_OVER_SQRT_PI = BigDecimal.valueOf(2).divide(PI.sqrt(MC), MC);

  @Test
  void erfIsWithinOneUlpOfTheHighPrecisionValue() {
    double worst = 0;
    for (double x : points()) {
      double err = ulpError(ErrorFunction.erf(x), exactErf(x));
      worst = Math.max(worst, err);
      assertThat(err).as("erf(%s) error in ulps", x).isLessThanOrEqualTo(1.0);
    }
    System.out.printf("erf: max error %.3f ulp over %d points%n", worst, points().size());
  }

  @Test
  void erfcIsWithinTwoUlpsOfTheHighPrecisionValue() {
    // erfc = (1 - erx) - P/Q cancels by a bit or so just below 1.25, where erfc is about 0.08
    double worst = 0;
    for (double x : points()) {
      double err = ulpError(ErrorFunction.erfc(x), BigDecimal.ONE.subtract(exactErf(x), MC));
      worst = Math.max(worst, err);
      assertThat(err).as("erfc(%s) error in ulps", x).isLessThanOrEqualTo(2.0);
    }
    System.out.printf("erfc: max error %.3f ulp over %d points%n", worst, points().size());
  }

  @Test
  void erfcFarTailMatchesTheContinuedFraction() {
    for (double x = 7; x < 27; x += 0.173) {
      // the reference rounds x^2 inside exp(-x^2): a relative error of about x^2 2^-53 of its own
      double reference = SeriesErrorFunction.erfc(x);
      assertRelative(ErrorFunction.erfc(x), reference, (x * x + 8) * 0x1p-52);
      assertThat(ErrorFunction.erfc(-x)).isEqualTo(2.0);
    }
    assertThat(ErrorFunction.erfc(28.0)).isEqualTo(0.0);
    assertThat(ErrorFunction.erfc(26.0)).isPositive(); // 5.7e-296, normal
  }

  @Test
  void specialValues() {
    assertThat(ErrorFunction.erf(0.0)).isEqualTo(0.0);
    assertThat(1 / ErrorFunction.erf(-0.0)).isEqualTo(Double.NEGATIVE_INFINITY); // keeps -0
    assertThat(ErrorFunction.erf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    assertThat(ErrorFunction.erf(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
    assertThat(ErrorFunction.erf(Double.NaN)).isNaN();
    assertThat(ErrorFunction.erfc(0.0)).isEqualTo(1.0);
    assertThat(ErrorFunction.erfc(-0.0)).isEqualTo(1.0);
    assertThat(ErrorFunction.erfc(Double.POSITIVE_INFINITY)).isEqualTo(0.0);
    assertThat(ErrorFunction.erfc(Double.NEGATIVE_INFINITY)).isEqualTo(2.0);
    assertThat(ErrorFunction.erfc(Double.NaN)).isNaN();
    assertThat(ErrorFunction.erf(Double.MAX_VALUE)).isEqualTo(1.0);
    assertThat(ErrorFunction.erfc(-Double.MAX_VALUE)).isEqualTo(2.0);
  }

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
  void derivativeIsTheGaussianAcrossTheIntervals() {
    double h = 1e-5;
    for (double x = -4; x <= 4; x += 0.37) {
      double fd = (ErrorFunction.erf(x + h) - ErrorFunction.erf(x - h)) / (2 * h);
      assertThat(fd).isCloseTo(2 / Math.sqrt(Math.PI) * Math.exp(-x * x), within(1e-9));
    }
  }

  @Test
  void isOddAndMonotoneAcrossTheIntervalEnds() {
    for (double x = 0; x < 6; x += 0.25) {
      assertThat(ErrorFunction.erf(-x)).isEqualTo(-ErrorFunction.erf(x));
      assertThat(ErrorFunction.erf(x) + ErrorFunction.erfc(x)).isCloseTo(1.0, within(2e-16));
    }
    for (double end : new double[] {0.84375, 1.25, 1 / 0.35, 6}) {
      double below = ErrorFunction.erf(Math.nextDown(end));
      double above = ErrorFunction.erf(end);
      assertThat(above - below).as("erf step at %s", end).isBetween(0.0, 1e-15);
      double cBelow = ErrorFunction.erfc(Math.nextDown(end));
      double cAbove = ErrorFunction.erfc(end);
      assertThat(cBelow - cAbove).as("erfc step at %s", end).isBetween(0.0, 1e-15);
    }
  }

  @Test
  void normalCdfIsAccurateInTheLowerTail() {
    // Phi(-10) = 7.619853024160527e-24; 1 + erf would round to zero
    assertRelative(ErrorFunction.normalCdf(-10), 7.619853024160527e-24, 1e-13);
    assertThat(ErrorFunction.normalCdf(0)).isEqualTo(0.5);
  }

  /**
   * 401 even points of [-7, 7], 200 random ones, the interval ends and their neighbours, tiny x.
   */
  private static List<Double> points() {
    List<Double> xs = new ArrayList<>();
    for (int i = 0; i <= 400; i++) {
      xs.add(-7 + 14.0 * i / 400);
    }
    SplittableRandom random = new SplittableRandom(12);
    for (int i = 0; i < 200; i++) {
      xs.add(random.nextDouble(-7, 7));
    }
    double[] ends = {0.25, 0.84375, 1.25, 1 / 0.35, 2.857142857, 6, 0x1p-28, 0x1p-56};
    for (double end : ends) {
      for (double e : new double[] {Math.nextDown(end), end, Math.nextUp(end)}) {
        xs.add(e);
        xs.add(-e);
      }
    }
    double[] tiny = {1e-301, 1e-305, Double.MIN_NORMAL, 1e-310, 3 * Double.MIN_VALUE, 1e-200};
    for (double t : tiny) {
      xs.add(t);
      xs.add(-t);
    }
    return xs;
  }

  /** erf(x) = 2/sqrt(pi) sum_n (-1)^n x^(2n+1) / (n! (2n+1)) in 120 digits. */
  private static BigDecimal exactErf(double x) {
    if (x == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal bx = new BigDecimal(x);
    BigDecimal x2 = bx.multiply(bx, MC);
    BigDecimal power = bx; // (-1)^n x^(2n+1) / n!
    BigDecimal sum = bx;
    for (int n = 1; ; n++) {
      power = power.multiply(x2, MC).divide(BigDecimal.valueOf(-n), MC);
      BigDecimal term = power.divide(BigDecimal.valueOf(2L * n + 1), MC);
      sum = sum.add(term, MC);
      if (term.abs().compareTo(sum.abs().movePointLeft(125)) < 0) {
        break;
      }
    }
    return TWO_OVER_SQRT_PI.multiply(sum, MC);
  }

  /** |computed - exact| in units of the last place of the exact value rounded to a double. */
  private static double ulpError(double computed, BigDecimal exact) {
    double ulp = Math.ulp(exact.doubleValue());
    return new BigDecimal(computed).subtract(exact, MC).abs().doubleValue() / ulp;
  }

  private static void assertRelative(double actual, double expected, double tol) {
    assertThat(Math.abs(actual - expected) / Math.abs(expected)).isLessThan(tol);
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}

package org.node4j.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vector and scalar float64 tanh against {@link Math#tanh} and against each other. */
class ElementwiseTanhTest {
  private static final Elementwise.TanhKernel VECTOR = Elementwise.loadVector();
  private static final Elementwise.TanhKernel SCALAR = new Elementwise.ScalarTanh();

  /** A dense grid of [-20, 20] plus points around the branch switch. */
  private static double[] grid() {
    int n = 400_001;
    double[] x = new double[n + 4];
    for (int i = 0; i < n; i++) {
      x[i] = -20.0 + 40.0 * i / (n - 1);
    }
    x[n] = Math.nextDown(0.625);
    x[n + 1] = 0.625;
    x[n + 2] = -Math.nextDown(0.625);
    x[n + 3] = -0.625;
    return x;
  }

  private static double[] apply(Elementwise.TanhKernel kernel, double[] x) {
    double[] y = new double[x.length];
    kernel.tanh(x, y, 0, x.length);
    return y;
  }

  @Test
  void vectorTanhIsWithinAFewUlpsOfMathTanhOnADenseGrid() {
    double[] x = grid();
    double[] y = apply(VECTOR, x);
    double worst = 0;
    for (int i = 0; i < x.length; i++) {
      double want = Math.tanh(x[i]);
      if (want == 0) {
        assertThat(y[i]).isEqualTo(want);
        continue;
      }
      worst = Math.max(worst, Math.abs(y[i] - want) / Math.abs(want));
    }
    // about 2 ulps (Math.tanh's own error included): 4.6e-16 with the polynomial by Estrin's
    // scheme, 4.4e-16 by Horner's rule; the scalar formula reaches 5.5e-16. The bound that counts,
    // against the correctly rounded value, is the next test's.
    assertThat(worst).isLessThan(5.0e-16);
  }

  /** tanh x = m / (m + 2), m = e^(2x) - 1 summed as a series, to 40 digits, rounded once. */
  private static double reference(double x) {
    MathContext mc = new MathContext(40);
    BigDecimal y = new BigDecimal(2 * x);
    BigDecimal term = y;
    BigDecimal m = y;
    for (int n = 2; term.abs().compareTo(new BigDecimal("1e-60")) > 0; n++) {
      term = term.multiply(y, mc).divide(BigDecimal.valueOf(n), mc);
      m = m.add(term, mc);
    }
    return m.divide(m.add(BigDecimal.valueOf(2), mc), mc).doubleValue();
  }

  /** Asserts the vector tanh of every {@code x} within 2 ulps of its correctly rounded value. */
  private static void assertWithinTwoUlpsOfTheReference(double[] x) {
    double[] y = apply(VECTOR, x);
    for (int i = 0; i < x.length; i++) {
      double want = reference(x[i]);
      assertThat(Math.abs(y[i] - want))
          .as("tanh(%s) = %s, correctly rounded %s", x[i], y[i], want)
          .isLessThanOrEqualTo(2 * Math.ulp(want));
    }
  }

  @Test
  void vectorTanhIsWithinTwoUlpsOfTheCorrectlyRoundedValue() {
    Random random = new Random(5);
    int n = 20_000;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      // magnitudes log-uniform over [1e-7, 8), both signs: every branch of the range reduction
      double magnitude = 8 * Math.pow(10, -7.9 * random.nextDouble());
      x[i] = random.nextBoolean() ? magnitude : -magnitude;
    }
    assertWithinTwoUlpsOfTheReference(x);
  }

  /**
   * Below 2^-27 the kernel has no case of its own (it once returned the argument there): the
   * general formula must stay within 2 ulps of the correctly rounded value, which is the argument
   * itself, down to the subnormals.
   */
  @Test
  void tinyArgumentsAreWithinTwoUlpsWithoutACaseOfTheirOwn() {
    Random random = new Random(11);
    int n = 20_000;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      // magnitudes log-uniform over [2^-1074, 2^-19): subnormals, tiny normals, and 2^-27's sides
      double magnitude = Math.scalb(1 + random.nextDouble(), -20 - random.nextInt(1055));
      x[i] = random.nextBoolean() ? magnitude : -magnitude;
    }
    assertWithinTwoUlpsOfTheReference(x);
  }

  @Test
  void specialValuesMatchMathTanhExactly() {
    double[] x = {
      0.0,
      -0.0,
      Double.MIN_VALUE,
      -Double.MIN_VALUE,
      1e-300,
      -1e-300,
      1e-10,
      -1e-10,
      25.0,
      -25.0,
      1e300,
      -1e300,
      Double.MAX_VALUE,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.NaN
    };
    double[] y = apply(VECTOR, x);
    for (int i = 0; i < x.length; i++) {
      assertThat(Double.doubleToLongBits(y[i]))
          .as("tanh(%s) = %s", x[i], y[i])
          .isEqualTo(Double.doubleToLongBits(Math.tanh(x[i])));
    }
  }

  @Test
  void vectorAndScalarAgreeToAFewUlps() {
    double[] x = grid();
    double[] v = apply(VECTOR, x);
    double[] s = apply(SCALAR, x);
    for (int i = 0; i < x.length; i++) {
      assertThat(Math.abs(v[i] - s[i])).as("x = %s", x[i]).isLessThanOrEqualTo(4 * Math.ulp(s[i]));
    }
  }

  @Test
  void everyElementIsTheSameWhereverTheRangeIsCut() {
    Random random = new Random(7);
    double[] x = new double[101];
    for (int i = 0; i < x.length; i++) {
      x[i] = 6 * random.nextGaussian();
    }
    double[] whole = apply(VECTOR, x);
    for (int cut = 0; cut <= x.length; cut += 3) {
      double[] parts = new double[x.length];
      VECTOR.tanh(x, parts, 0, cut);
      VECTOR.tanh(x, parts, cut, x.length);
      assertThat(parts).as("cut at %d", cut).isEqualTo(whole);
    }
  }
}

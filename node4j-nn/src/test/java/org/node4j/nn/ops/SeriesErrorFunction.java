package org.node4j.nn.ops;

/**
 * The library's former erf and erfc (before the fdlibm port in {@link ErrorFunction}), kept as an
 * independent reference for the tests: two convergent expansions instead of rational fits.
 *
 * <p>Short polynomial fits such as Abramowitz and Stegun 7.1.26 are accurate to only about 1e-7,
 * which is visible in float64 finite-difference checks. This class uses two convergent expansions
 * instead (Abramowitz and Stegun 7.1.6 and 7.1.14; Numerical Recipes 3rd ed. §6.2):
 *
 * <ul>
 *   <li>for |x| &lt; 2, the series {@code erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) /
 *       (1*3*...*(2n+1))}, whose terms are all positive, so there is no cancellation;
 *   <li>for |x| &ge; 2, the continued fraction {@code erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x +
 *       (1/2)/(x + 1/(x + (3/2)/(x + ...))))}, evaluated with the modified Lentz method, which
 *       keeps erfc accurate in relative terms far into the tail.
 * </ul>
 *
 * Both are accurate to a few ulps.
 */
final class SeriesErrorFunction {
  private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
  private static final double ONE_OVER_SQRT_PI = 0.5641895835477563;
  private static final double SWITCH = 2.0;
  private static final double TINY = 1e-300;
  private static final int MAX_TERMS = 500;

  private SeriesErrorFunction() {}

  /** Returns erf(x). */
  static double erf(double x) {
    if (Double.isNaN(x)) {
      return x;
    }
    double ax = Math.abs(x);
    if (ax < SWITCH) {
      return series(x);
    }
    double r = 1.0 - tail(ax);
    return x < 0 ? -r : r;
  }

  /** Returns erfc(x) = 1 - erf(x), accurate in relative terms for large positive x. */
  static double erfc(double x) {
    if (Double.isNaN(x)) {
      return x;
    }
    if (Math.abs(x) < SWITCH) {
      return 1.0 - series(x);
    }
    return x > 0 ? tail(x) : 2.0 - tail(-x);
  }

  private static double series(double x) {
    double x2 = x * x;
    double term = x;
    double sum = x;
    for (int n = 1; n < MAX_TERMS; n++) {
      term *= 2.0 * x2 / (2 * n + 1);
      sum += term;
      if (Math.abs(term) <= 1e-17 * Math.abs(sum)) {
        break;
      }
    }
    return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
  }

  /** erfc(x) for x &ge; SWITCH by the modified Lentz evaluation of the continued fraction. */
  private static double tail(double x) {
    if (x > 27.3) {
      return 0.0; // erfc underflows below the smallest subnormal
    }
    // f = x + a1/(x + a2/(x + ...)), a_n = n/2.
    double f = x;
    double c = x;
    double d = 0.0;
    for (int n = 1; n < MAX_TERMS; n++) {
      double a = 0.5 * n;
      d = x + a * d;
      d = Math.abs(d) < TINY ? TINY : d;
      c = x + a / c;
      c = Math.abs(c) < TINY ? TINY : c;
      d = 1.0 / d;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1.0) < 1e-16) {
        break;
      }
    }
    return ONE_OVER_SQRT_PI * Math.exp(-x * x) / f;
  }
}

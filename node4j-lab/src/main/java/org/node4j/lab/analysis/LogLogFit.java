package org.node4j.lab.analysis;

import java.util.Locale;

/**
 * The least-squares line through (log x, log y): the empirical rate y ~ C x^slope of a convergence
 * or growth figure, with the range of x it was fitted on and its coefficient of determination R^2
 * (1 for points exactly on a line). A report states all three, since a slope means little without
 * the range it holds on and how well a line describes the points.
 *
 * @param slope the fitted exponent
 * @param intercept the fitted log C (natural logarithm)
 * @param rSquared the coefficient of determination of the fit in log-log space
 * @param xMin the smallest x used
 * @param xMax the largest x used
 * @param points the number of points used
 */
public record LogLogFit(
    double slope, double intercept, double rSquared, double xMin, double xMax, int points) {

  /**
   * Fits the points with {@code xMin <= x <= xMax}; points with a non-positive or non-finite x or y
   * are skipped (they have no logarithm).
   *
   * @throws IllegalArgumentException if the arrays differ in length or fewer than two usable points
   *     remain
   */
  public static LogLogFit fit(double[] x, double[] y, double xMin, double xMax) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "x and y differ in length: " + x.length + " and " + y.length);
    }
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    int n = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] > 0) || !(y[i] > 0) || !Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        continue;
      }
      if (x[i] < xMin || x[i] > xMax) {
        continue;
      }
      double lx = Math.log(x[i]);
      double ly = Math.log(y[i]);
      sx += lx;
      sy += ly;
      sxx += lx * lx;
      sxy += lx * ly;
      syy += ly * ly;
      lo = Math.min(lo, x[i]);
      hi = Math.max(hi, x[i]);
      n++;
    }
    if (n < 2 || hi == lo) {
      throw new IllegalArgumentException(
          "a log-log fit needs two points with distinct positive x in ["
              + xMin
              + ", "
              + xMax
              + "], got "
              + n);
    }
    double vx = sxx - sx * sx / n;
    double vy = syy - sy * sy / n;
    double cxy = sxy - sx * sy / n;
    double slope = cxy / vx;
    double intercept = (sy - slope * sx) / n;
    double r2 = vy <= 0 ? 1.0 : cxy * cxy / (vx * vy);
    return new LogLogFit(slope, intercept, r2, lo, hi, n);
  }

  /** Fits all usable points. */
  public static LogLogFit fit(double[] x, double[] y) {
    return fit(x, y, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /** Returns the fitted line's value C x^slope at {@code x}. */
  public double predict(double x) {
    return Math.exp(intercept + slope * Math.log(x));
  }

  /** E.g. "slope -0.99 over N = 16..1024 (7 points, R² 0.999)". */
  public String describe(String xName) {
    return String.format(
        Locale.ROOT,
        "slope %.2f over %s = %s..%s (%d points, R² %.3f)",
        slope,
        xName,
        trim(xMin),
        trim(xMax),
        points,
        rSquared);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
  }
}

package org.node4j.lab.analysis;

/**
 * The least-squares line y = intercept + slope x through points (x_i, y_i), with its coefficient of
 * determination R² = 1 - SS_res / SS_tot. A report that claims a rate states the slope together
 * with the range of x it was fitted over and R², so a reader can see how straight the line was.
 *
 * @param slope the fitted slope
 * @param intercept the fitted intercept
 * @param rSquared R² in [0, 1] (1 when every point is on the line, or all y are equal)
 * @param xMin the smallest x fitted
 * @param xMax the largest x fitted
 * @param points how many points were fitted
 */
public record LineFit(
    double slope, double intercept, double rSquared, double xMin, double xMax, int points) {

  /**
   * Fits a line through (xs[i], ys[i]).
   *
   * @throws IllegalArgumentException when the arrays differ in length, hold fewer than two points,
   *     a non-finite value, or x values that are all equal
   */
  public static LineFit of(double[] xs, double[] ys) {
    if (xs.length != ys.length) {
      throw new IllegalArgumentException(
          "line fit needs as many x as y values, got " + xs.length + " and " + ys.length);
    }
    int n = xs.length;
    if (n < 2) {
      throw new IllegalArgumentException("line fit needs at least 2 points, got " + n);
    }
    double mx = 0;
    double my = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
        throw new IllegalArgumentException(
            "line fit point " + i + " is not finite: (" + xs[i] + ", " + ys[i] + ")");
      }
      mx += xs[i];
      my += ys[i];
      lo = Math.min(lo, xs[i]);
      hi = Math.max(hi, xs[i]);
    }
    mx /= n;
    my /= n;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = xs[i] - mx;
      double dy = ys[i] - my;
      sxx += dx * dx;
      sxy += dx * dy;
      syy += dy * dy;
    }
    if (sxx == 0) {
      throw new IllegalArgumentException("line fit needs at least two distinct x values");
    }
    double slope = sxy / sxx;
    double ssRes = Math.max(0, syy - slope * sxy);
    double r2 = syy == 0 ? 1.0 : Math.max(0, 1 - ssRes / syy);
    return new LineFit(slope, my - slope * mx, r2, lo, hi, n);
  }

  /** Returns intercept + slope x. */
  public double at(double x) {
    return intercept + slope * x;
  }
}

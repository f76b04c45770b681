package org.node4j.lab.analysis;

/**
 * A power law y ≈ c x^slope fitted as a straight line through (ln x, ln y): the slope is the
 * measured rate (e.g. -1 for "O(1/L)"), and R² is that of the log-log line.
 *
 * @param line the line fitted in natural logarithms
 */
public record LogLogFit(LineFit line) {

  /**
   * Fits log y against log x.
   *
   * @throws IllegalArgumentException when a value is not positive, or as {@link LineFit#of}
   */
  public static LogLogFit of(double[] xs, double[] ys) {
    if (xs.length != ys.length) {
      throw new IllegalArgumentException(
          "log-log fit needs as many x as y values, got " + xs.length + " and " + ys.length);
    }
    double[] lx = new double[xs.length];
    double[] ly = new double[ys.length];
    for (int i = 0; i < xs.length; i++) {
      if (!(xs[i] > 0) || !(ys[i] > 0)) {
        throw new IllegalArgumentException(
            "log-log fit needs positive values, point " + i + " is (" + xs[i] + ", " + ys[i] + ")");
      }
      lx[i] = Math.log(xs[i]);
      ly[i] = Math.log(ys[i]);
    }
    return new LogLogFit(LineFit.of(lx, ly));
  }

  /** The fitted exponent. */
  public double slope() {
    return line.slope();
  }

  /** R² of the log-log line. */
  public double rSquared() {
    return line.rSquared();
  }

  /** The smallest x fitted (not its logarithm). */
  public double xMin() {
    return Math.exp(line.xMin());
  }

  /** The largest x fitted (not its logarithm). */
  public double xMax() {
    return Math.exp(line.xMax());
  }

  /** Returns the fitted c x^slope. */
  public double at(double x) {
    return Math.exp(line.at(Math.log(x)));
  }
}

package org.node4j.lab.experiment;

/** Means and sample standard deviations of a few numbers. */
final class Stats {
  private Stats() {}

  /** Returns the mean, or NaN for no values. */
  static double mean(double[] a) {
    if (a.length == 0) {
      return Double.NaN;
    }
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s / a.length;
  }

  /** Returns the sample standard deviation (n - 1), 0 for fewer than two values. */
  static double std(double[] a) {
    if (a.length < 2) {
      return 0;
    }
    double m = mean(a);
    double s = 0;
    for (double v : a) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (a.length - 1));
  }
}

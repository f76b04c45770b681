package org.node4j.lab.experiment.anode;

import java.util.List;

/**
 * A least-squares line through log2(error) against log2(N_t): the empirical order of convergence is
 * minus its slope, and R^2 says how well one power law describes the points.
 *
 * @param slope d log2(error) / d log2(N_t)
 * @param rSquared the coefficient of determination of the fit
 * @param fromSteps the smallest N_t fitted
 * @param toSteps the largest N_t fitted
 * @param points how many points were fitted
 */
public record SlopeFit(double slope, double rSquared, int fromSteps, int toSteps, int points) {

  /**
   * Fits the points with {@code minSteps <= N_t} and an error above {@code floor} (below it the
   * error is rounding, not discretisation).
   *
   * @param steps N_t of each point
   * @param errors the error at each N_t
   * @return the fit, or null with fewer than 3 points in range
   */
  public static SlopeFit fit(List<Integer> steps, List<Double> errors, int minSteps, double floor) {
    int n = 0;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    int lo = Integer.MAX_VALUE;
    int hi = 0;
    for (int i = 0; i < steps.size(); i++) {
      double e = errors.get(i);
      if (steps.get(i) < minSteps || !(e > floor)) {
        continue;
      }
      double x = Math.log(steps.get(i)) / Math.log(2);
      double y = Math.log(e) / Math.log(2);
      n++;
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
      syy += y * y;
      lo = Math.min(lo, steps.get(i));
      hi = Math.max(hi, steps.get(i));
    }
    if (n < 3) {
      return null;
    }
    double vx = sxx - sx * sx / n;
    double vy = syy - sy * sy / n;
    double cxy = sxy - sx * sy / n;
    double slope = cxy / vx;
    double r2 = vy == 0 ? 1.0 : cxy * cxy / (vx * vy);
    return new SlopeFit(slope, r2, lo, hi, n);
  }
}

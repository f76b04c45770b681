package org.node4j.ode.testing;

import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;

/**
 * Central finite differences in float64, written once for the tests of every module (node4j-ode's
 * test-jar): a directional derivative along a perturbation the caller applies, and the gradient of
 * a loss with respect to live arrays perturbed entry by entry in place. Both restore what they
 * perturb. Plus the two measures gradient tests compare with: a relative error and a log-log slope.
 */
public final class FiniteDifferences {

  /**
   * The central-difference step in float64: truncation error ~ h^2 and round-off ~ eps / h balance
   * near eps^(1/3) ~ 6e-6.
   */
  public static final double STEP = 1e-5;

  private FiniteDifferences() {}

  /**
   * Returns the central difference (L(+h) - L(-h)) / 2h of {@code loss} along a direction that
   * {@code shift} applies: {@code shift.accept(delta)} moves the inputs by delta along it. The
   * inputs are moved by +h, -2h and +h, so they end where they started.
   */
  public static double directional(DoubleConsumer shift, DoubleSupplier loss, double h) {
    shift.accept(h);
    double plus = loss.getAsDouble();
    shift.accept(-2 * h);
    double minus = loss.getAsDouble();
    shift.accept(h);
    return (plus - minus) / (2 * h);
  }

  /**
   * Returns the central difference of {@code loss} with respect to one input whose current value is
   * {@code value}: {@code set} is called with value + h and value - h, then with value itself.
   */
  public static double partial(DoubleConsumer set, double value, DoubleSupplier loss, double h) {
    set.accept(value + h);
    double plus = loss.getAsDouble();
    set.accept(value - h);
    double minus = loss.getAsDouble();
    set.accept(value);
    return (plus - minus) / (2 * h);
  }

  /**
   * Returns dL/dx for every entry of every array of {@code live}, in order, by central differences
   * with step {@code h}: each entry is set to x + h and x - h in place, {@code loss} evaluated, and
   * the entry restored exactly.
   */
  public static double[] gradient(List<double[]> live, DoubleSupplier loss, double h) {
    int n = 0;
    for (double[] a : live) {
      n += a.length;
    }
    double[] out = new double[n];
    int at = 0;
    for (double[] a : live) {
      for (int i = 0; i < a.length; i++) {
        int entry = i;
        out[at++] = partial(v -> a[entry] = v, a[i], loss, h);
      }
    }
    return out;
  }

  /** Returns |a - reference| / |reference| in the Euclidean norm. */
  public static double relativeError(double[] a, double[] reference) {
    if (a.length != reference.length) {
      throw new IllegalArgumentException(a.length + " entries against " + reference.length);
    }
    double num = 0;
    double den = 0;
    for (int i = 0; i < a.length; i++) {
      num += (a[i] - reference[i]) * (a[i] - reference[i]);
      den += reference[i] * reference[i];
    }
    return Math.sqrt(num / den);
  }

  /** Returns the least-squares slope of log(y) against log(x). */
  public static double logSlope(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += Math.log(x[i]) / n;
      my += Math.log(y[i]) / n;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      double dx = Math.log(x[i]) - mx;
      sxy += dx * (Math.log(y[i]) - my);
      sxx += dx * dx;
    }
    return sxy / sxx;
  }
}

package org.node4j.lab.bench;

import java.math.BigDecimal;

/** Compares a computed figure with one printed in docs/WORKLOADS.md to the digits printed there. */
public final class Expected {
  private Expected() {}

  /**
   * Returns whether {@code value} rounds to {@code printed} at {@code printed}'s last decimal, i.e.
   * differs from it by at most half a unit in that place (so "0.6937820" demands 7 decimals).
   */
  public static boolean matches(double value, String printed) {
    BigDecimal p = new BigDecimal(printed);
    double halfUnit = 0.5 * Math.pow(10, -p.scale());
    return Math.abs(value - p.doubleValue()) <= halfUnit * (1 + 1e-9);
  }

  /**
   * As {@link #matches}, for a figure the peer computed and printed in float32: it also matches
   * when both round to the same float32, since the last printed digit of a float32 loss near 2 is
   * below its resolution (one float32 ulp at 2.3 is 2.4e-7).
   */
  public static boolean matchesFloat32(double value, String printed) {
    return matches(value, printed) || (float) value == Float.parseFloat(printed);
  }

  /**
   * Returns whether {@code value} agrees with a figure printed to two significant digits (the
   * gradient errors of W5, "1.6e-2"), allowing the printed figure's rounding plus {@code slack}
   * relative.
   */
  public static boolean agreesTo2Digits(double value, double printed, double slack) {
    return Math.abs(value - printed) <= Math.abs(printed) * (0.05 + slack);
  }
}

package org.node4j.ode.solver;

/** The invariant checks of {@link ButcherTableau}, kept apart so the value class stays short. */
final class TableauChecks {

  private TableauChecks() {}

  static double[] checkLength(String name, String what, double[] v, int s) {
    if (v.length != s) {
      throw new IllegalArgumentException(
          name + ": " + what + " has length " + v.length + " but the tableau has " + s + " stages");
    }
    for (double x : v) {
      if (!Double.isFinite(x)) {
        throw new IllegalArgumentException(name + ": " + what + " contains " + x);
      }
    }
    return v.clone();
  }

  /**
   * Returns the strictly lower triangle of {@code a} as jagged rows, rejecting implicit entries.
   */
  static double[][] lowerTriangle(String name, double[][] a, int s) {
    if (a.length != s) {
      throw new IllegalArgumentException(
          name + ": a has " + a.length + " rows but the tableau has " + s + " stages");
    }
    double[][] rows = new double[s][];
    for (int i = 0; i < s; i++) {
      double[] row = a[i] == null ? new double[0] : a[i];
      if (row.length != i && row.length != s) {
        throw new IllegalArgumentException(
            name
                + ": row "
                + i
                + " of a has "
                + row.length
                + " entries; expected "
                + i
                + " or "
                + s);
      }
      for (int j = i; j < row.length; j++) {
        if (row[j] != 0.0) {
          throw new IllegalArgumentException(
              name
                  + ": a["
                  + i
                  + "]["
                  + j
                  + "] = "
                  + row[j]
                  + " makes the method implicit; only explicit (strictly lower-triangular) a");
        }
      }
      rows[i] = checkLength(name, "row " + i + " of a", java.util.Arrays.copyOf(row, i), i);
    }
    return rows;
  }

  static void orders(String name, int order, int errorOrder, boolean embedded) {
    if (order < 1) {
      throw new IllegalArgumentException(name + ": order must be >= 1, got " + order);
    }
    if (embedded && (errorOrder < 1 || errorOrder == order)) {
      throw new IllegalArgumentException(
          name + ": embedded order must be >= 1 and differ from " + order + ", got " + errorOrder);
    }
  }

  static void sums(String name, double[] c, double[][] a, double[] b, double[] bError) {
    if (c[0] != 0.0) {
      throw new IllegalArgumentException(name + ": c[0] must be 0 for an explicit method");
    }
    for (int i = 0; i < a.length; i++) {
      double sum = 0.0;
      for (double x : a[i]) {
        sum += x;
      }
      if (Math.abs(sum - c[i]) > ButcherTableau.TOLERANCE) {
        throw new IllegalArgumentException(
            name + ": row " + i + " of a sums to " + sum + " but c[" + i + "] = " + c[i]);
      }
    }
    double sb = sum(b);
    if (Math.abs(sb - 1.0) > ButcherTableau.TOLERANCE) {
      throw new IllegalArgumentException(name + ": weights b sum to " + sb + ", not 1");
    }
    if (bError != null && Math.abs(sum(bError)) > ButcherTableau.TOLERANCE) {
      throw new IllegalArgumentException(
          name + ": error weights sum to " + sum(bError) + ", not 0 (give b - b_hat)");
    }
  }

  static double[][] dense(String name, double[][] dense, double[] b) {
    if (dense.length != b.length) {
      throw new IllegalArgumentException(
          name + ": dense output has " + dense.length + " rows for " + b.length + " stages");
    }
    for (int i = 0; i < dense.length; i++) {
      double atOne = sum(checkLength(name, "dense row " + i, dense[i], dense[i].length));
      if (Math.abs(atOne - b[i]) > 1e3 * ButcherTableau.TOLERANCE) {
        throw new IllegalArgumentException(
            name
                + ": dense weight b_"
                + i
                + "(1) = "
                + atOne
                + " differs from b_"
                + i
                + " = "
                + b[i]);
      }
    }
    return deepCopy(dense);
  }

  static double sum(double[] v) {
    double s = 0.0;
    for (double x : v) {
      s += x;
    }
    return s;
  }

  static double[][] deepCopy(double[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i] == null ? null : m[i].clone();
    }
    return out;
  }
}

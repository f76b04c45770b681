package org.node4j.ode.solver;

import java.util.Arrays;
import java.util.Objects;

/**
 * The coefficients of an explicit Runge-Kutta method, as an immutable value that checks itself.
 *
 * <pre>
 *   c_1 |
 *   c_2 | a_21
 *   c_3 | a_31  a_32
 *    :  |  :           .
 *   c_s | a_s1  a_s2  ...  a_s,s-1
 *   ----+-------------------------
 *       | b_1   b_2   ...  b_s          propagated solution, order p
 *       | e_1   e_2   ...  e_s          error weights e = b - b_hat, b_hat of order q
 * </pre>
 *
 * <p>The constructor checks the invariants diffrax's {@code ButcherTableau} checks: the shapes
 * agree, {@code a} is strictly lower triangular (explicit), each row of {@code a} sums to its
 * {@code c}, the weights sum to 1 and the error weights to 0 (within {@value #TOLERANCE}). It works
 * out FSAL (first same as last: the last stage is evaluated at (t + h, y1), so it is the next
 * step's first stage) once. Arrays are copied on the way in and out; {@link #equals} compares by
 * content.
 *
 * <p>Optional dense output: {@code dense[i][m]} is the coefficient of theta^(m+1) in the weight
 * polynomial b_i(theta), so that {@code y(t + theta h) = y0 + h sum_i b_i(theta) k_i}. It must
 * reproduce {@code b} at theta = 1.
 */
public final class ButcherTableau {

  /** Tolerance of the invariant checks; the coefficients are double constants. */
  public static final double TOLERANCE = 1e-12;

  private final String name;
  private final double[] c;
  private final double[][] a;
  private final double[] b;
  private final double[] bError;
  private final int order;
  private final int errorOrder;
  private final double[][] dense;
  private final int denseOrder;
  private final boolean fsal;

  private ButcherTableau(Builder bd) {
    this.name = requireName(bd.name);
    this.b = Objects.requireNonNull(bd.b, "b").clone();
    int s = b.length;
    if (s == 0) {
      throw new IllegalArgumentException(name + ": a tableau needs at least one stage");
    }
    this.c = TableauChecks.checkLength(name, "c", Objects.requireNonNull(bd.c, "c"), s).clone();
    this.a = TableauChecks.lowerTriangle(name, Objects.requireNonNull(bd.a, "a"), s);
    this.bError =
        bd.bError == null ? null : TableauChecks.checkLength(name, "bError", bd.bError, s);
    this.order = bd.order;
    this.errorOrder = bd.errorOrder;
    this.dense = bd.dense == null ? null : TableauChecks.dense(name, bd.dense, b);
    this.denseOrder = bd.denseOrder;
    TableauChecks.orders(name, order, bError == null ? 0 : errorOrder, bError != null);
    if (dense != null && (denseOrder < 1 || denseOrder > order)) {
      throw new IllegalArgumentException(
          name + ": dense output order must be in [1, " + order + "], got " + denseOrder);
    }
    TableauChecks.sums(name, c, a, b, bError);
    this.fsal = detectFsal();
  }

  private static String requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a tableau needs a non-blank name");
    }
    return name;
  }

  private boolean detectFsal() {
    int s = b.length;
    if (s < 2 || c[s - 1] != 1.0 || b[s - 1] != 0.0) {
      return false;
    }
    for (int j = 0; j < s - 1; j++) {
      if (a[s - 1][j] != b[j]) {
        return false;
      }
    }
    return true;
  }

  /** Starts a builder for a tableau called {@code name}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Returns the method's short name, e.g. {@code "dopri5"}. */
  public String name() {
    return name;
  }

  /** Returns the number of stages s. */
  public int stages() {
    return b.length;
  }

  /** Returns a copy of the nodes c (length s). */
  public double[] c() {
    return c.clone();
  }

  /** Returns a copy of row {@code i} of a: the {@code i} coefficients a_i0 .. a_i,i-1. */
  public double[] aRow(int i) {
    return a[i].clone();
  }

  /** Returns a copy of the propagated weights b. */
  public double[] b() {
    return b.clone();
  }

  /** Returns a copy of the error weights b - b_hat, or null when there is no embedded method. */
  public double[] bError() {
    return bError == null ? null : bError.clone();
  }

  /** Returns whether the tableau has an embedded error estimate, so it can adapt its steps. */
  public boolean hasErrorEstimate() {
    return bError != null;
  }

  /** Returns the order p of the propagated solution. */
  public int order() {
    return order;
  }

  /** Returns the order q of the embedded solution, or 0 without one. */
  public int errorOrder() {
    return errorOrder;
  }

  /** Returns whether the last stage equals the next step's first stage. */
  public boolean fsal() {
    return fsal;
  }

  /** Returns whether the tableau carries its own dense-output polynomials. */
  public boolean hasDenseOutput() {
    return dense != null;
  }

  /** Returns the order of the dense output, or 0 without one. */
  public int denseOrder() {
    return dense == null ? 0 : denseOrder;
  }

  /** Returns a copy of the dense-output coefficients (see the class comment), or null. */
  public double[][] dense() {
    return dense == null ? null : TableauChecks.deepCopy(dense);
  }

  /** Writes the dense-output weights b_i(theta) into {@code out} (length s); needs dense output. */
  public void denseWeights(double theta, double[] out) {
    for (int i = 0; i < dense.length; i++) {
      double[] p = dense[i];
      double v = 0.0;
      for (int m = p.length - 1; m >= 0; m--) {
        v = (v + p[m]) * theta;
      }
      out[i] = v;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ButcherTableau t
        && name.equals(t.name)
        && order == t.order
        && errorOrder == t.errorOrder
        && denseOrder == t.denseOrder
        && Arrays.equals(c, t.c)
        && Arrays.deepEquals(a, t.a)
        && Arrays.equals(b, t.b)
        && Arrays.equals(bError, t.bError)
        && Arrays.deepEquals(dense, t.dense);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name, order, errorOrder, Arrays.hashCode(c), Arrays.deepHashCode(a), Arrays.hashCode(b));
  }

  @Override
  public String toString() {
    return name
        + (bError == null ? " (order " + order : " (" + order + "(" + errorOrder + ")")
        + ", "
        + stages()
        + " stages"
        + (fsal ? ", FSAL)" : ")");
  }

  /** Collects the coefficients of a tableau; {@link #build} validates them. */
  public static final class Builder {
    private final String name;
    private double[] c;
    private double[][] a;
    private double[] b;
    private double[] bError;
    private int order;
    private int errorOrder;
    private double[][] dense;
    private int denseOrder;

    private Builder(String name) {
      this.name = name;
    }

    /** Sets the nodes c (required). */
    public Builder c(double... nodes) {
      this.c = nodes.clone();
      return this;
    }

    /**
     * Sets a (required): either s jagged rows where row i has i entries, or an s x s matrix whose
     * diagonal and upper triangle are zero.
     */
    public Builder a(double[]... rows) {
      this.a = TableauChecks.deepCopy(rows);
      return this;
    }

    /** Sets the propagated weights b and their order (required). */
    public Builder b(int solutionOrder, double... weights) {
      this.order = solutionOrder;
      this.b = weights.clone();
      return this;
    }

    /** Sets the error weights e = b - b_hat and the embedded order (optional). */
    public Builder bError(int embeddedOrder, double... weights) {
      this.errorOrder = embeddedOrder;
      this.bError = weights.clone();
      return this;
    }

    /** Sets dense-output coefficients (see the class comment) and their order (optional). */
    public Builder dense(int interpolantOrder, double[]... coefficients) {
      this.denseOrder = interpolantOrder;
      this.dense = TableauChecks.deepCopy(coefficients);
      return this;
    }

    /**
     * Validates and builds the tableau.
     *
     * @throws IllegalArgumentException naming the tableau and the broken invariant
     */
    public ButcherTableau build() {
      return new ButcherTableau(this);
    }
  }
}

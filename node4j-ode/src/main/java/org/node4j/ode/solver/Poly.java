package org.node4j.ode.solver;

/** Expands products of polynomials into the dense-output layout of {@link ButcherTableau}. */
final class Poly {

  private Poly() {}

  /**
   * Returns the coefficients of theta^1, theta^2, ... of {@code scale * prod(factors)}, where each
   * factor lists its coefficients in ascending powers. The product must vanish at theta = 0.
   */
  static double[] expand(double scale, double[]... factors) {
    double[] p = {scale};
    for (double[] f : factors) {
      double[] q = new double[p.length + f.length - 1];
      for (int i = 0; i < p.length; i++) {
        for (int j = 0; j < f.length; j++) {
          q[i + j] += p[i] * f[j];
        }
      }
      p = q;
    }
    if (p[0] != 0.0) {
      throw new IllegalArgumentException("a dense-output weight must vanish at theta = 0");
    }
    return java.util.Arrays.copyOfRange(p, 1, p.length);
  }
}

package org.node4j.ode.solver;

/**
 * The Dormand-Prince 5(4) tableau (Dormand and Prince, "A family of embedded Runge-Kutta formulae",
 * J. Comp. Appl. Math. 6, 1980; Hairer, Norsett and Wanner, Solving ODEs I, II.5, Table 5.2), FSAL,
 * 7 stages, propagating the fifth-order solution, with the fourth-order dense output of Shampine
 * (1986) as coded in Hairer's {@code dopri5.f} ({@code CONTD5}).
 *
 * <pre>
 *   0    |
 *   1/5  | 1/5
 *   3/10 | 3/40        9/40
 *   4/5  | 44/45      -56/15       32/9
 *   8/9  | 19372/6561 -25360/2187  64448/6561  -212/729
 *   1    | 9017/3168  -355/33      46732/5247   49/176   -5103/18656
 *   1    | 35/384      0           500/1113     125/192  -2187/6784    11/84
 *   -----+------------------------------------------------------------------------
 *        | 35/384      0           500/1113     125/192  -2187/6784    11/84    0
 *        | 1951/21600  0           22642/50085  451/720  -12231/42400  649/6300 1/60
 * </pre>
 *
 * <p>The embedded fourth-order weights (last row) are Shampine's alternative ("Some practical
 * Runge-Kutta formulas", Math. Comp. 46, 1986), the ones torchdiffeq ({@code dopri5.py}) and
 * diffrax use, rather than Dormand and Prince's 5179/57600 row: with the same controller the step
 * sequence, and so the evaluation count of WORKLOADS.md's W3 (98), matches torchdiffeq's.
 *
 * <p>Hairer's continuous output is y0 + theta (Y + (1 - theta)(h k1 - Y + theta (2Y - h k1 - h k7 +
 * (1 - theta) h sum_i d_i k_i))) with Y = y1 - y0 = h sum_i b_i k_i; expanded in powers of theta
 * this gives the weight polynomials below.
 */
final class Dopri5 {

  private Dopri5() {}

  private static final double[] B = {
    35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0
  };
  private static final double[] B_HAT = {
    1951.0 / 21600, 0, 22642.0 / 50085, 451.0 / 720, -12231.0 / 42400, 649.0 / 6300, 1.0 / 60
  };
  private static final double[] D = {
    -12715105075.0 / 11282082432.0,
    0,
    87487479700.0 / 32700410799.0,
    -10690763975.0 / 1880347072.0,
    701980252875.0 / 199316789632.0,
    -1453857185.0 / 822651844.0,
    69997945.0 / 29380423.0
  };

  static final ButcherTableau TABLEAU =
      ButcherTableau.builder("dopri5")
          .c(0, 0.2, 0.3, 0.8, 8.0 / 9, 1, 1)
          .a(
              new double[0],
              new double[] {0.2},
              new double[] {3.0 / 40, 9.0 / 40},
              new double[] {44.0 / 45, -56.0 / 15, 32.0 / 9},
              new double[] {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
              new double[] {
                9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656
              },
              B.clone())
          .b(5, B)
          .bError(4, difference(B, B_HAT))
          .dense(4, denseRows())
          .build();

  private static double[] difference(double[] x, double[] y) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i] - y[i];
    }
    return d;
  }

  /** Coefficients of theta^1..theta^4 of each stage's weight, from the formula above. */
  private static double[][] denseRows() {
    double[][] rows = new double[7][];
    for (int i = 0; i < 7; i++) {
      double e1 = i == 0 ? 1 : 0;
      double e7 = i == 6 ? 1 : 0;
      rows[i] =
          new double[] {e1, 3 * B[i] - 2 * e1 - e7 + D[i], -2 * B[i] + e1 + e7 - 2 * D[i], D[i]};
    }
    return rows;
  }
}

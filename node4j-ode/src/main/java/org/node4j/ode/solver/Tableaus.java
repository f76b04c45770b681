package org.node4j.ode.solver;

/**
 * The catalogue of Butcher tableaux: one constant per method, the single source of truth for its
 * coefficients. {@link Solvers} wraps each in a {@link RungeKutta} solver.
 */
public final class Tableaus {

  private Tableaus() {}

  /**
   * Forward Euler, order 1 (Euler 1768; Hairer, Norsett and Wanner, Solving ODEs I, II.1).
   *
   * <pre>
   *   0 |
   *   --+--
   *     | 1
   * </pre>
   */
  public static final ButcherTableau EULER =
      ButcherTableau.builder("euler").c(0).a(new double[0]).b(1, 1).build();

  /**
   * Explicit midpoint rule, order 2 (Runge 1895; Hairer et al. I, II.1, eq. (1.6)).
   *
   * <pre>
   *   0   |
   *   1/2 | 1/2
   *   ----+---------
   *       | 0    1
   * </pre>
   */
  public static final ButcherTableau MIDPOINT =
      ButcherTableau.builder("midpoint")
          .c(0, 0.5)
          .a(new double[0], new double[] {0.5})
          .b(2, 0, 1)
          .build();

  /**
   * Heun's method (explicit trapezoidal rule), order 2 (Heun 1900; Hairer et al. I, II.1).
   *
   * <pre>
   *   0 |
   *   1 | 1
   *   --+---------
   *     | 1/2  1/2
   * </pre>
   */
  public static final ButcherTableau HEUN =
      ButcherTableau.builder("heun")
          .c(0, 1)
          .a(new double[0], new double[] {1})
          .b(2, 0.5, 0.5)
          .build();

  /**
   * Ralston's second-order method, the two-stage method of minimal error bound (Ralston,
   * "Runge-Kutta methods with minimum error bounds", Math. Comp. 16, 1962).
   *
   * <pre>
   *   0   |
   *   2/3 | 2/3
   *   ----+---------
   *       | 1/4  3/4
   * </pre>
   */
  public static final ButcherTableau RALSTON =
      ButcherTableau.builder("ralston")
          .c(0, 2.0 / 3)
          .a(new double[0], new double[] {2.0 / 3})
          .b(2, 0.25, 0.75)
          .build();

  /**
   * The classic fourth-order Runge-Kutta method (Kutta 1901; Hairer et al. I, II.1, Table 1.2
   * left).
   *
   * <pre>
   *   0   |
   *   1/2 | 1/2
   *   1/2 | 0    1/2
   *   1   | 0    0    1
   *   ----+-------------------
   *       | 1/6  1/3  1/3  1/6
   * </pre>
   */
  public static final ButcherTableau RK4 =
      ButcherTableau.builder("rk4")
          .c(0, 0.5, 0.5, 1)
          .a(new double[0], new double[] {0.5}, new double[] {0, 0.5}, new double[] {0, 0, 1})
          .b(4, 1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6)
          .build();

  /**
   * Kutta's 3/8 rule, order 4 (Kutta 1901; Hairer et al. I, II.1, Table 1.2 right). This is the
   * method torchdiffeq calls {@code rk4} ({@code rk_common.rk4_alt_step_func}), hence the one the
   * released code of Ott et al. 2021 (boschresearch/numerics_independent_neural_odes) trains with;
   * our {@code rk4} is the classic one.
   *
   * <pre>
   *   0   |
   *   1/3 |  1/3
   *   2/3 | -1/3  1
   *   1   |  1   -1    1
   *   ----+--------------------
   *       |  1/8  3/8  3/8  1/8
   * </pre>
   */
  public static final ButcherTableau RK4_38 =
      ButcherTableau.builder("rk4-38")
          .c(0, 1.0 / 3, 2.0 / 3, 1)
          .a(
              new double[0],
              new double[] {1.0 / 3},
              new double[] {-1.0 / 3, 1},
              new double[] {1, -1, 1})
          .b(4, 0.125, 0.375, 0.375, 0.125)
          .build();

  /**
   * Heun-Euler 2(1): Heun's method with forward Euler embedded for the error estimate (Hairer et
   * al. I, II.4; torchdiffeq {@code adaptive_heun}).
   *
   * <pre>
   *   0 |
   *   1 | 1
   *   --+-----------
   *     | 1/2   1/2     order 2
   *     | 1     0       embedded, order 1
   * </pre>
   */
  public static final ButcherTableau HEUN_EULER =
      ButcherTableau.builder("heun-euler")
          .c(0, 1)
          .a(new double[0], new double[] {1})
          .b(2, 0.5, 0.5)
          .bError(1, -0.5, 0.5)
          .build();

  /**
   * Fehlberg 2(1), the paper's "Fehlberg21" (Fehlberg, NASA TR R-315, 1969; torchdiffeq {@code
   * fehlberg2}, one of Ott et al. 2021's adaptive solvers). Propagates the second-order solution;
   * not FSAL because b differs from the last row of a.
   *
   * <pre>
   *   0   |
   *   1/2 | 1/2
   *   1   | 1/256  255/256
   *   ----+-----------------------
   *       | 1/512  255/256  1/512    order 2
   *       | 1/256  255/256  0        embedded, order 1
   * </pre>
   */
  public static final ButcherTableau FEHLBERG2 =
      ButcherTableau.builder("fehlberg2")
          .c(0, 0.5, 1)
          .a(new double[0], new double[] {0.5}, new double[] {1.0 / 256, 255.0 / 256})
          .b(2, 1.0 / 512, 255.0 / 256, 1.0 / 512)
          .bError(1, -1.0 / 512, 0, 1.0 / 512)
          .build();

  /**
   * Bogacki-Shampine 3(2), FSAL (Bogacki and Shampine, "A 3(2) pair of Runge-Kutta formulas", Appl.
   * Math. Lett. 2(4), 1989; diffrax {@code Bosh3}, torchdiffeq {@code bosh3}).
   *
   * <pre>
   *   0   |
   *   1/2 | 1/2
   *   3/4 | 0     3/4
   *   1   | 2/9   1/3   4/9
   *   ----+----------------------
   *       | 2/9   1/3   4/9   0     order 3
   *       | 7/24  1/4   1/3   1/8   embedded, order 2
   * </pre>
   */
  public static final ButcherTableau BOSH3 =
      ButcherTableau.builder("bosh3")
          .c(0, 0.5, 0.75, 1)
          .a(
              new double[0],
              new double[] {0.5},
              new double[] {0, 0.75},
              new double[] {2.0 / 9, 1.0 / 3, 4.0 / 9})
          .b(3, 2.0 / 9, 1.0 / 3, 4.0 / 9, 0)
          .bError(2, 2.0 / 9 - 7.0 / 24, 1.0 / 3 - 0.25, 4.0 / 9 - 1.0 / 3, -0.125)
          .build();

  /** Dormand-Prince 5(4) with Shampine's dense output; see {@link Dopri5}. */
  public static final ButcherTableau DOPRI5 = Dopri5.TABLEAU;

  /** Tsitouras 5(4) with its own interpolant; see {@link Tsit5}. */
  public static final ButcherTableau TSIT5 = Tsit5.TABLEAU;
}

package org.node4j.ode.integrate;

import org.node4j.ode.ArrayOps;
import org.node4j.ode.VectorField;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.solver.Solver;

/**
 * Measures a solver's order of convergence: solves y' = A y, A = [[-0.5, 2], [-2, -0.5]], y(0) =
 * (1, 0) on [0, 1] with constant steps h = 2^-k, whose exact solution is e^(-t/2) (cos 2t, -sin
 * 2t), and fits the least-squares slope of log2(error) against log2(h) over the steps whose error
 * is still above round-off ({@value #ROUND_OFF_FLOOR}). This is the test of diffrax's {@code
 * test_ode_order}, with a tighter band.
 */
public final class EmpiricalOrder {

  /** Errors below this are dominated by round-off and are left out of the fit. */
  public static final double ROUND_OFF_FLOOR = 1e-13;

  private static final int FIRST_K = 4;
  private static final int LAST_K = 14;

  private static final VectorField<double[]> FIELD =
      (t, y, dy) -> {
        dy[0] = -0.5 * y[0] + 2 * y[1];
        dy[1] = -2 * y[0] - 0.5 * y[1];
      };

  /**
   * The fit.
   *
   * @param slope the fitted order
   * @param log2Steps log2(h) of the points used
   * @param log2Errors log2(error) of the points used
   */
  public record Result(double slope, double[] log2Steps, double[] log2Errors) {}

  private EmpiricalOrder() {}

  /** Measures the order of {@code solver}; needs at least three points above round-off. */
  public static Result measure(Solver solver) {
    double[] xs = new double[LAST_K - FIRST_K + 1];
    double[] ys = new double[xs.length];
    int n = 0;
    for (int k = FIRST_K; k <= LAST_K; k++) {
      double err = error(solver, 1 << k);
      if (err < ROUND_OFF_FLOOR) {
        break;
      }
      xs[n] = -k;
      ys[n] = Math.log(err) / Math.log(2);
      n++;
    }
    if (n < 3) {
      throw new IllegalStateException(
          solver.name() + ": only " + n + " step sizes above round-off; cannot fit an order");
    }
    double[] x = java.util.Arrays.copyOf(xs, n);
    double[] y = java.util.Arrays.copyOf(ys, n);
    return new Result(slope(x, y), x, y);
  }

  private static double error(Solver solver, int steps) {
    double[] y1 =
        Integrator.solve(
                SolveSpec.builder(FIELD, ArrayOps.INSTANCE, new double[] {1, 0})
                    .span(0, 1)
                    .setup(new SolveSetup(solver, ConstantSteps.count(steps), Integer.MAX_VALUE))
                    .build())
            .y();
    double decay = Math.exp(-0.5);
    double e0 = y1[0] - decay * Math.cos(2);
    double e1 = y1[1] + decay * Math.sin(2);
    return Math.sqrt(e0 * e0 + e1 * e1);
  }

  private static double slope(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] / x.length;
      my += y[i] / y.length;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxy / sxx;
  }
}

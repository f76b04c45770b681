package org.node4j.ode.solver;

import org.node4j.ode.VectorField;

/**
 * An explicit Runge-Kutta {@link Solver}: what the discrete gradient methods need to pull a
 * cotangent back through a step, namely its Butcher tableau (stages, weights, nodes) and the
 * coefficients of its interpolant.
 *
 * <p>The interpolant of a step from (t0, y0) to (t1, y1) = (t0 + h, y1) with stages k_i is written
 * in one linear form for both kinds of dense output:
 *
 * <pre>
 *   y(t0 + theta h) = (1 - beta) y0 + beta y1 + h (sum_i w_i k_i + gamma f(t1, y1))
 * </pre>
 *
 * For a tableau with its own dense output (dopri5, tsit5) beta = 0 and w_i are the tableau's dense
 * weights (the weight of an FSAL last stage, which is f(t1, y1), is gamma); for the cubic Hermite
 * interpolant through (y0, k_0) and (y1, f(t1, y1)) (Hairer, Norsett and Wanner, Solving ODEs I,
 * II.6), beta = 3 theta^2 - 2 theta^3, w_0 = theta^3 - 2 theta^2 + theta and gamma = theta^3 -
 * theta^2.
 */
public interface RungeKutta extends Solver {

  /** Returns the Butcher tableau. */
  ButcherTableau tableau();

  /**
   * Evaluates the stages of the step (t, y, h) as {@link #step} does, for a caller that reads only
   * what the evaluations record and not y1: a stage that no later stage reads is evaluated through
   * {@code unread}, which may leave its output unwritten, and {@code ws.y1()} and the error
   * estimate are left unspecified. The discrete gradient methods' replays of a step whose end they
   * already hold (the memory-free reconstruction) call this. The default takes the whole step.
   *
   * @param f the vector field of the stages that later stages read
   * @param unread the same field for the stages that no later stage reads
   */
  default <S> void stageRecords(
      VectorField<S> f, VectorField<S> unread, double t, S y, double h, RkWorkspace<S> ws) {
    step(f, t, y, h, ws);
  }

  /**
   * Writes the interpolant's coefficients at {@code theta} into {@code out}, of length s + 2: w_0
   * ... w_(s-1), then gamma, then beta (see the class comment).
   */
  void interpolantCoefficients(double theta, double[] out);
}

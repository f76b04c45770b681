package org.node4j.ode.solver;

import org.node4j.ode.StateOps;
import org.node4j.ode.VectorField;

/**
 * A one-step ODE method as the integration loops use it: immutable, with everything that changes
 * during a solve kept in the {@link RkWorkspace} that {@link #workspace} creates for a solve and a
 * caller's {@link org.node4j.ode.integrate.SolveBuffers} keeps for the next (diffrax's {@code
 * AbstractSolver}, whose state is passed through explicitly).
 *
 * <p>The solvers of the catalogue ({@link Solvers}) are {@link RungeKutta} methods, the
 * sub-interface that also exposes the Butcher tableau for the gradient methods that pull cotangents
 * back through the stages. Code outside this package names these interfaces only.
 */
public interface Solver {

  /** Returns the method's name, e.g. {@code "dopri5"}. */
  String name();

  /** Returns the order of the propagated solution. */
  int order();

  /** Returns whether the method has an error estimate and so works with an adaptive controller. */
  boolean adaptive();

  /** Returns the order of the error estimate, which sets the adaptive controller's exponents. */
  int errorOrder();

  /**
   * Returns whether the method has its own dense output (else the interpolant is cubic Hermite).
   */
  boolean denseOutput();

  /**
   * Creates the buffers of one solve, shaped like {@code like}: the only allocation of a solve's
   * stepping.
   */
  <S> RkWorkspace<S> workspace(StateOps<S> ops, S like);

  /**
   * Takes one step from (t, y) of signed size h, evaluating every stage: fills {@code ws.y1()} and,
   * for adaptive methods, {@code ws.error()}.
   *
   * @param f the vector field
   * @param t the start time
   * @param y the start state; not modified, and never one of the workspace's buffers
   * @param h the signed step size
   * @param ws this solver's workspace
   */
  <S> void step(VectorField<S> f, double t, S y, double h, RkWorkspace<S> ws);

  /**
   * Like {@link #step}, but reuses {@code ws.stage(0)}, which the caller guarantees holds f(t, y):
   * after a rejected step, after {@link RkWorkspace#advance} returned true, or after {@link
   * RkWorkspace#evaluateFirstStage}.
   */
  <S> void stepFromFirstStage(VectorField<S> f, double t, S y, double h, RkWorkspace<S> ws);

  /**
   * Writes the state at t0 + theta h of the last step held by {@code ws} into {@code out}, for 0
   * &lt;= theta &lt;= 1.
   *
   * @param f the vector field of the step
   * @param ws the workspace holding the last step
   * @param theta the fraction of the step
   * @param out the result; not one of the workspace's buffers
   */
  <S> void interpolate(VectorField<S> f, RkWorkspace<S> ws, double theta, S out);
}

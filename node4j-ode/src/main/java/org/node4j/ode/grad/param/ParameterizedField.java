package org.node4j.ode.grad.param;

/**
 * A vector field whose parameters theta are passed in as a state, f(t, z; theta), so that they can
 * evolve by their own ODE ({@link CoupledParameterField}, ANODEV2).
 *
 * @param <S> the state type
 * @param <T> the parameter type (a state type too)
 */
public interface ParameterizedField<S, T> {

  /** Evaluates f(t, z; theta) into {@code dzdt}; {@code z} and {@code theta} are not modified. */
  void evaluate(double t, S z, T theta, S dzdt);

  /**
   * Writes a^T df/dz into {@code outZ} and <em>adds</em> a^T df/dtheta into {@code thetaAcc}.
   *
   * @param a the cotangent, shaped like f; not modified
   */
  void vjp(double t, S z, T theta, S a, S outZ, T thetaAcc);
}

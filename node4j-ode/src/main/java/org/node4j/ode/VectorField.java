package org.node4j.ode;

/**
 * The right-hand side f(t, z) of an ODE z' = f(t, z).
 *
 * <p>Evaluation writes into a caller-owned output so that the stepping loop allocates nothing. An
 * implementation may keep scratch buffers, so one instance serves one solve at a time unless it
 * says otherwise.
 *
 * @param <S> the state type
 */
@FunctionalInterface
public interface VectorField<S> {

  /**
   * Evaluates f(t, z) into {@code dzdt}.
   *
   * @param t the time
   * @param z the state; not modified
   * @param dzdt the derivative; overwritten. Never the same object as {@code z}.
   */
  void evaluate(double t, S z, S dzdt);
}

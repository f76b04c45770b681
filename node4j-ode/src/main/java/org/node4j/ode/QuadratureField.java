package org.node4j.ode;

/**
 * A vector field whose state carries quadratures: parts whose derivative f computes but never
 * reads, integrals accumulated along the solution. The continuous adjoint's parameter gradient is
 * one (Chen et al., "Neural ordinary differential equations", NeurIPS 2018, Eq. 5: g' = -a^T
 * df/dtheta, and f reads only z and a).
 *
 * <p>A Runge-Kutta stage whose weight is zero in the solution, in the error estimate and in the
 * dense output (Dormand-Prince 5(4)'s second stage) feeds the quadratures nothing: its quadrature
 * parts reach only the inputs of later stages, where f ignores them. The solver evaluates such a
 * stage through {@link #withoutQuadratures()}, and the field skips that work (for the adjoint, the
 * VJP with respect to the parameters: a sixth of its parameter products with dopri5). The solution,
 * the error estimate and the dense output are the same bits either way.
 *
 * @param <S> the state type
 */
public interface QuadratureField<S> extends VectorField<S> {

  /**
   * Returns this field as one that writes zeros into the quadrature parts of its output instead of
   * computing them, and computes the other parts as {@link #evaluate} does. The same instance on
   * every call (it is fetched once per stage); it serves the same solve as this field.
   */
  VectorField<S> withoutQuadratures();
}

package org.node4j.ode.grad;

import org.node4j.ode.QuadratureField;
import org.node4j.ode.StateOps;
import org.node4j.ode.Tuple;
import org.node4j.ode.VectorField;

/**
 * The augmented dynamics of the continuous adjoint (Chen et al., "Neural ordinary differential
 * equations", NeurIPS 2018, Algorithm 1) on the tuple (z, a, g):
 *
 * <pre>
 *   z' = f(t, z),   a' = -a^T df/dz,   g' = -a^T df/dtheta
 * </pre>
 *
 * solved backward from (z(t1), dL/dz(t1), 0), so that a(t0) = dL/dz0 and g(t0) = dL/dtheta. One
 * evaluation is one evaluation of f plus one VJP of the same record, with no recomputation ({@link
 * DifferentiableField#evaluateWithVjp}). g is a quadrature: f reads z and a only, so a stage that
 * feeds only later stages' inputs skips the VJP with respect to theta ({@link QuadratureField}).
 */
final class AdjointField<S, G> implements QuadratureField<Tuple> {

  private final DifferentiableField<S, G> field;
  private final StateOps<S> ops;
  private final StateOps<G> gradOps;
  private final EvalRecord record;
  private final VectorField<Tuple> withoutGradient = (t, y, dy) -> evaluate(t, y, dy, false);

  AdjointField(DifferentiableField<S, G> field, StateOps<S> ops, S like) {
    this.field = field;
    this.ops = ops;
    this.gradOps = field.gradOps();
    this.record = field.newRecord(ops, like);
  }

  @Override
  public void evaluate(double t, Tuple y, Tuple dy) {
    evaluate(t, y, dy, true);
  }

  /** The stages that feed only later stages' inputs: g' written as zeros, not computed. */
  @Override
  public VectorField<Tuple> withoutQuadratures() {
    return withoutGradient;
  }

  private void evaluate(double t, Tuple y, Tuple dy, boolean parameters) {
    S z = y.part(0);
    S a = y.part(1);
    S dz = dy.part(0);
    S da = dy.part(1);
    G dg = dy.part(2);
    if (parameters) {
      gradOps.fillZero(dg);
    }
    field.evaluateWithVjp(t, z, dz, record, a, da, dg, parameters);
    ops.scale(-1.0, da);
    if (parameters) {
      gradOps.scale(-1.0, dg);
    } else {
      gradOps.fillZero(dg); // whatever the field added, unread: a defined value for the stage
    }
  }
}

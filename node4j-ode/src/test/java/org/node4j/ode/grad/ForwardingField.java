package org.node4j.ode.grad;

import org.node4j.ode.StateOps;

/**
 * A field that forwards evaluation, the parameter gradients' operations and the recomputing VJP to
 * a {@link TanhMlp}, and leaves the record methods to the interface's defaults: tests extend it to
 * change one behaviour (how records are shared, how a record-only evaluation behaves).
 */
class ForwardingField implements DifferentiableField<double[], double[]> {
  final TanhMlp f;

  ForwardingField(TanhMlp f) {
    this.f = f;
  }

  @Override
  public void evaluate(double t, double[] z, double[] dzdt) {
    f.evaluate(t, z, dzdt);
  }

  @Override
  public StateOps<double[]> gradOps() {
    return f.gradOps();
  }

  @Override
  public double[] newGrad() {
    return f.newGrad();
  }

  @Override
  public void vjp(double t, double[] z, double[] a, double[] outZ, double[] gradAcc) {
    f.vjp(t, z, a, outZ, gradAcc);
  }
}

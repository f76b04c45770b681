package org.node4j.ode.grad;

import org.node4j.ode.ArrayOps;
import org.node4j.ode.StateOps;

/** Test field f(z) = A z with A (d x d, row-major) as its parameters. */
final class LinearField implements DifferentiableField<double[], double[]> {

  final int d;
  final double[] a;

  LinearField(int d, double[] a) {
    this.d = d;
    this.a = a;
  }

  @Override
  public void evaluate(double t, double[] z, double[] out) {
    for (int i = 0; i < d; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += a[i * d + j] * z[j];
      }
      out[i] = s;
    }
  }

  @Override
  public void vjp(double t, double[] z, double[] cot, double[] outZ, double[] acc) {
    for (int j = 0; j < d; j++) {
      double s = 0;
      for (int i = 0; i < d; i++) {
        s += a[i * d + j] * cot[i];
        acc[i * d + j] += cot[i] * z[j];
      }
      outZ[j] = s;
    }
  }

  @Override
  public StateOps<double[]> gradOps() {
    return ArrayOps.INSTANCE;
  }

  @Override
  public double[] newGrad() {
    return new double[a.length];
  }
}

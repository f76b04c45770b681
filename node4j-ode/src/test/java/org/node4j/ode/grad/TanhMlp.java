package org.node4j.ode.grad;

import org.node4j.ode.ArrayOps;
import org.node4j.ode.StateOps;
import org.node4j.ode.grad.param.ParameterizedField;

/**
 * Test field f(t, z) = V tanh(W z + b + t c) on a batch of states of width d, hidden width m, with
 * a hand-written VJP. Parameters theta = (W[m x d], b[m], c[m], V[d x m]) live in one array that
 * finite differences perturb in place. With records on, it keeps tanh activations and
 * differentiates a stored evaluation without recomputing it.
 */
final class TanhMlp
    implements DifferentiableField<double[], double[]>, ParameterizedField<double[], double[]> {

  final int d;
  final int m;
  final int batch;
  final double[] theta;
  private final boolean records;
  private final double[] hidden;
  private final double[] gate;

  TanhMlp(int d, int m, int batch, double[] theta, boolean records) {
    if (theta.length != size(d, m)) {
      throw new IllegalArgumentException("theta has " + theta.length + " != " + size(d, m));
    }
    this.d = d;
    this.m = m;
    this.batch = batch;
    this.theta = theta;
    this.records = records;
    this.hidden = new double[batch * m];
    this.gate = new double[m];
  }

  static int size(int d, int m) {
    return 2 * m * d + 2 * m;
  }

  /** Smooth pseudo-random parameters of moderate size. */
  static double[] params(int d, int m, double phase) {
    double[] p = new double[size(d, m)];
    for (int i = 0; i < p.length; i++) {
      p[i] = 0.9 * Math.sin(1.7 * i + phase) / Math.sqrt(Math.max(d, m));
    }
    return p;
  }

  @Override
  public void evaluate(double t, double[] z, double[] dzdt) {
    evaluate(t, z, theta, dzdt);
  }

  @Override
  public void evaluate(double t, double[] z, double[] p, double[] out) {
    activations(t, z, p, hidden);
    int v = 2 * m * d + 2 * m - d * m;
    for (int s = 0; s < batch; s++) {
      for (int r = 0; r < d; r++) {
        double acc = 0;
        for (int i = 0; i < m; i++) {
          acc += p[v + r * m + i] * hidden[s * m + i];
        }
        out[s * d + r] = acc;
      }
    }
  }

  private void activations(double t, double[] z, double[] p, double[] h) {
    int b = m * d;
    int c = b + m;
    for (int s = 0; s < batch; s++) {
      for (int i = 0; i < m; i++) {
        double u = p[b + i] + t * p[c + i];
        for (int j = 0; j < d; j++) {
          u += p[i * d + j] * z[s * d + j];
        }
        h[s * m + i] = Math.tanh(u);
      }
    }
  }

  @Override
  public void vjp(double t, double[] z, double[] a, double[] outZ, double[] gradAcc) {
    vjp(t, z, theta, a, outZ, gradAcc);
  }

  @Override
  public void vjp(double t, double[] z, double[] p, double[] a, double[] outZ, double[] acc) {
    activations(t, z, p, hidden);
    pullBack(t, z, hidden, p, a, outZ, acc);
  }

  private void pullBack(
      double t, double[] z, double[] h, double[] p, double[] a, double[] outZ, double[] acc) {
    int b = m * d;
    int c = b + m;
    int v = c + m;
    java.util.Arrays.fill(outZ, 0.0);
    for (int s = 0; s < batch; s++) {
      for (int i = 0; i < m; i++) {
        double hi = h[s * m + i];
        double g = 0;
        for (int r = 0; r < d; r++) {
          double ar = a[s * d + r];
          g += p[v + r * m + i] * ar;
          acc[v + r * m + i] += ar * hi;
        }
        g *= 1 - hi * hi;
        gate[i] = g;
        acc[b + i] += g;
        acc[c + i] += g * t;
      }
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < d; j++) {
          acc[i * d + j] += gate[i] * z[s * d + j];
          outZ[s * d + j] += p[i * d + j] * gate[i];
        }
      }
    }
  }

  @Override
  public StateOps<double[]> gradOps() {
    return ArrayOps.INSTANCE;
  }

  @Override
  public double[] newGrad() {
    return new double[theta.length];
  }

  @Override
  public EvalRecord newRecord(StateOps<double[]> ops, double[] like) {
    return records ? new Record(like.length, batch * m) : new StateRecord<>(ops, like);
  }

  @Override
  public void evaluate(double t, double[] z, double[] dzdt, EvalRecord record) {
    if (!(record instanceof Record r)) {
      DifferentiableField.super.evaluate(t, z, dzdt, record);
      return;
    }
    evaluate(t, z, theta, dzdt);
    r.t = t;
    System.arraycopy(z, 0, r.z, 0, z.length);
    System.arraycopy(hidden, 0, r.h, 0, hidden.length);
  }

  @Override
  public void vjp(EvalRecord record, double[] a, double[] outZ, double[] gradAcc) {
    if (!(record instanceof Record r)) {
      DifferentiableField.super.vjp(record, a, outZ, gradAcc);
      return;
    }
    pullBack(r.t, r.z, r.h, theta, a, outZ, gradAcc);
  }

  /** Keeps the input and the tanh activations of one evaluation. */
  private static final class Record implements EvalRecord {
    double t;
    final double[] z;
    final double[] h;

    Record(int n, int hiddenSize) {
      this.z = new double[n];
      this.h = new double[hiddenSize];
    }

    @Override
    public long bytes() {
      return 8L * (z.length + h.length + 1);
    }
  }
}

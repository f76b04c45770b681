package org.node4j.ode.grad;

import java.util.ArrayList;
import java.util.List;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.StateOps;
import org.node4j.ode.grad.param.DepthIndexedField;

/**
 * One residual function of bench workload W5, f_k(x) = V_k tanh(W_k x) on a batch of states of
 * width w, with parameters (W_k, V_k) in one array and a hand-written VJP. Its records keep the
 * input and the activations, so a stored evaluation is differentiated without recomputation.
 */
final class TanhLayer implements DifferentiableField<double[], double[]> {

  final int w;
  final int batch;
  final double[] theta;
  private final double[] h;
  private final double[] gate;
  private double[] scratch;

  TanhLayer(int w, int batch, double[] theta) {
    this.w = w;
    this.batch = batch;
    this.theta = theta;
    this.h = new double[batch * w];
    this.gate = new double[w];
  }

  /**
   * W5's deterministic layer k of N: W_k[i][j] = 2 sin(0.37 i j + 1.1 i + 0.3 j + 1 + 3k/N) /
   * sqrt(w), V_k the same with phase 2 (WORKLOADS.md, width 64 gives the /8).
   */
  static TanhLayer w5(int k, int depth, int w, int batch) {
    double[] p = new double[2 * w * w];
    double s = 3.0 * k / depth;
    for (int i = 0; i < w; i++) {
      for (int j = 0; j < w; j++) {
        double arg = 0.37 * i * j + 1.1 * i + 0.3 * j;
        p[i * w + j] = 2 * Math.sin(arg + 1 + s) / Math.sqrt(w);
        p[w * w + i * w + j] = 2 * Math.sin(arg + 2 + s) / Math.sqrt(w);
      }
    }
    return new TanhLayer(w, batch, p);
  }

  /** The depth-indexed field of W5's N layers. */
  static DepthIndexedField<double[], double[]> w5Field(int depth, int w, int batch) {
    List<TanhLayer> layers = new ArrayList<>();
    for (int k = 0; k < depth; k++) {
      layers.add(w5(k, depth, w, batch));
    }
    return DepthIndexedField.of(layers);
  }

  /** W5's input x[s][f] = sin(1.3 s + 0.7 f). */
  static double[] w5Input(int w, int batch) {
    double[] x = new double[w * batch];
    for (int s = 0; s < batch; s++) {
      for (int f = 0; f < w; f++) {
        x[s * w + f] = Math.sin(1.3 * s + 0.7 * f);
      }
    }
    return x;
  }

  @Override
  public void evaluate(double t, double[] z, double[] out) {
    forward(z, h, out);
  }

  private void forward(double[] z, double[] act, double[] out) {
    int v = w * w;
    for (int s = 0; s < batch; s++) {
      int zs = s * w;
      for (int i = 0; i < w; i++) {
        double u = 0;
        for (int j = 0; j < w; j++) {
          u += theta[i * w + j] * z[zs + j];
        }
        act[zs + i] = Math.tanh(u);
      }
      for (int r = 0; r < w; r++) {
        double acc = 0;
        for (int i = 0; i < w; i++) {
          acc += theta[v + r * w + i] * act[zs + i];
        }
        out[zs + r] = acc;
      }
    }
  }

  @Override
  public void vjp(double t, double[] z, double[] a, double[] outZ, double[] acc) {
    if (scratch == null) {
      scratch = new double[z.length];
    }
    forward(z, h, scratch);
    pullBack(z, h, a, outZ, acc);
  }

  private void pullBack(double[] z, double[] act, double[] a, double[] outZ, double[] acc) {
    int v = w * w;
    java.util.Arrays.fill(outZ, 0.0);
    for (int s = 0; s < batch; s++) {
      int zs = s * w;
      java.util.Arrays.fill(gate, 0.0);
      for (int r = 0; r < w; r++) {
        double ar = a[zs + r];
        int row = v + r * w;
        for (int i = 0; i < w; i++) {
          gate[i] += theta[row + i] * ar;
          acc[row + i] += ar * act[zs + i];
        }
      }
      for (int i = 0; i < w; i++) {
        double hi = act[zs + i];
        double g = gate[i] * (1 - hi * hi);
        for (int j = 0; j < w; j++) {
          acc[i * w + j] += g * z[zs + j];
          outZ[zs + j] += theta[i * w + j] * g;
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
    return new Record(like.length);
  }

  @Override
  public void evaluate(double t, double[] z, double[] dzdt, EvalRecord record) {
    Record r = (Record) record;
    System.arraycopy(z, 0, r.z, 0, z.length);
    forward(z, r.h, dzdt);
  }

  @Override
  public void vjp(EvalRecord record, double[] a, double[] outZ, double[] gradAcc) {
    Record r = (Record) record;
    pullBack(r.z, r.h, a, outZ, gradAcc);
  }

  /** The input and activations of one evaluation. */
  private static final class Record implements EvalRecord {
    final double[] z;
    final double[] h;

    Record(int n) {
      this.z = new double[n];
      this.h = new double[n];
    }

    @Override
    public long bytes() {
      return 16L * z.length;
    }
  }
}

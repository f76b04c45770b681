package org.node4j.lab.experiment.sander;

import org.node4j.nn.model.ResidualNetwork;

/**
 * The N weights of a residual perceptron f(x, theta_n) = V_n tanh(W_n x) in plain float64 arrays,
 * with what the network itself cannot do: its associated neural ODE x' = f(x, theta(t)), theta the
 * piecewise-linear interpolation with theta(n / N) = theta_n (constant after (N - 1) / N), solved
 * with a fine classical RK4 (Sander et al., NeurIPS 2022, section 3), and the memory-free reverse
 * steps that reconstruct the input from the output.
 *
 * <p>Every method works on one input vector at a time and owns its buffers; not thread-safe.
 */
final class Perceptron {
  private final int depth;
  private final int d;
  private final int m;
  private final double[][] w;
  private final double[][] v;
  private final double[] wt;
  private final double[] vt;
  private final double[] hidden;
  private final double[][] stage;
  private final double[] tmp;

  private Perceptron(double[][] w, double[][] v, int d, int m) {
    this.depth = w.length;
    this.d = d;
    this.m = m;
    this.w = w;
    this.v = v;
    this.wt = new double[m * d];
    this.vt = new double[d * m];
    this.hidden = new double[m];
    this.stage = new double[4][d];
    this.tmp = new double[d];
  }

  /** Copies the weights of a network of {@link ProbeNetworks#perceptron} (W then V per layer). */
  static Perceptron of(ResidualNetwork net) {
    int n = net.depth();
    double[][] w = new double[n][];
    double[][] v = new double[n][];
    for (int k = 0; k < n; k++) {
      w[k] = net.function(k).parameters().get(0).value().doubles().clone();
      v[k] = net.function(k).parameters().get(1).value().doubles().clone();
    }
    int m = net.function(0).parameters().get(0).value().dim(0);
    int d = net.function(0).parameters().get(0).value().dim(1);
    return new Perceptron(w, v, d, m);
  }

  int depth() {
    return depth;
  }

  int width() {
    return d;
  }

  /** out = V tanh(W x) with W [m, d] and V [d, m] row-major. */
  private void f(double[] wk, double[] vk, double[] x, double[] out) {
    for (int i = 0; i < m; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += wk[i * d + j] * x[j];
      }
      hidden[i] = Math.tanh(s);
    }
    for (int i = 0; i < d; i++) {
      double s = 0;
      for (int j = 0; j < m; j++) {
        s += vk[i * m + j] * hidden[j];
      }
      out[i] = s;
    }
  }

  private void layer(int k, double[] x, double[] out) {
    f(w[k], v[k], x, out);
  }

  /** The ResNet: x_{n+1} = x_n + f_n(x_n) / N; returns x_N. */
  double[] resnet(double[] x0) {
    double[] x = x0.clone();
    double h = 1.0 / depth;
    for (int k = 0; k < depth; k++) {
      layer(k, x, tmp);
      axpy(h, tmp, x);
    }
    return x;
  }

  /** The HeunNet: N - 1 Heun steps of size 1/N, step i with f_i and f_{i+1}; returns its output. */
  double[] heunNet(double[] x0) {
    double[] x = x0.clone();
    double h = 1.0 / depth;
    double[] y = new double[d];
    for (int i = 0; i + 1 < depth; i++) {
      layer(i, x, stage[0]);
      System.arraycopy(x, 0, y, 0, d);
      axpy(h, stage[0], y);
      layer(i + 1, y, stage[1]);
      axpy(h / 2, stage[0], x);
      axpy(h / 2, stage[1], x);
    }
    return x;
  }

  /**
   * The associated ODE's x(1) by classical RK4 with {@code substeps} equal steps per layer interval
   * [n / N, (n + 1) / N], so that every step lies on one linear piece of theta(t) (where the field
   * is smooth in t and RK4 keeps its fourth order).
   */
  double[] ode(double[] x0, int substeps) {
    double[] x = x0.clone();
    double[] y = new double[d];
    int steps = depth * substeps;
    double h = 1.0 / steps;
    for (int s = 0; s < steps; s++) {
      int piece = s / substeps;
      double u0 = (double) (s % substeps) / substeps;
      double du = 1.0 / substeps;
      interpolated(piece, u0, x, stage[0]);
      combine(x, h / 2, stage[0], y);
      interpolated(piece, u0 + du / 2, y, stage[1]);
      combine(x, h / 2, stage[1], y);
      interpolated(piece, u0 + du / 2, y, stage[2]);
      combine(x, h, stage[2], y);
      interpolated(piece, u0 + du, y, stage[3]);
      for (int i = 0; i < d; i++) {
        x[i] += h / 6 * (stage[0][i] + 2 * stage[1][i] + 2 * stage[2][i] + stage[3][i]);
      }
    }
    return x;
  }

  /** f(x, theta) at fraction u of piece n: theta_n + u (theta_{n+1} - theta_n), or theta_{N-1}. */
  private void interpolated(int piece, double u, double[] x, double[] out) {
    if (piece + 1 >= depth) {
      layer(depth - 1, x, out);
      return;
    }
    lerp(w[piece], w[piece + 1], u, wt);
    lerp(v[piece], v[piece + 1], u, vt);
    f(wt, vt, x, out);
  }

  private static void lerp(double[] a, double[] b, double u, double[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = a[i] + u * (b[i] - a[i]);
    }
  }

  /**
   * Reconstructs x_0 from the ResNet's x_N by reverse Euler steps x_n ~ x_{n+1} - f_n(x_{n+1}) / N,
   * as the memory-free backward pass does (MemoryFree.euler()).
   */
  double[] reverseEuler(double[] xN) {
    double[] x = xN.clone();
    double h = 1.0 / depth;
    for (int k = depth - 1; k >= 0; k--) {
      layer(k, x, tmp);
      axpy(-h, tmp, x);
    }
    return x;
  }

  /**
   * Reconstructs the HeunNet's input from its output by reverse Heun steps a = -f_{i+1}(x) / N, y =
   * x + a, b = -f_i(y) / N, x ~ x + (a + b) / 2 (MemoryFree.heun()).
   */
  double[] reverseHeun(double[] xOut) {
    double[] x = xOut.clone();
    double h = 1.0 / depth;
    double[] y = new double[d];
    for (int i = depth - 2; i >= 0; i--) {
      layer(i + 1, x, stage[0]);
      System.arraycopy(x, 0, y, 0, d);
      axpy(-h, stage[0], y);
      layer(i, y, stage[1]);
      axpy(-h / 2, stage[0], x);
      axpy(-h / 2, stage[1], x);
    }
    return x;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static void combine(double[] x, double a, double[] k, double[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = x[i] + a * k[i];
    }
  }
}

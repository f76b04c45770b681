package org.node4j.ode.grad;

import java.util.ArrayList;
import java.util.List;
import org.node4j.ode.Tuple;
import org.node4j.ode.integrate.Integrator;
import org.node4j.ode.solver.RkWorkspace;

/**
 * Test helpers: a quadratic loss, gradients from any method flattened into one vector (dL/dz0 then
 * dL/dtheta), and central finite differences of the discrete forward map with the accepted steps
 * frozen (so that adaptive solves are differentiated with their step sizes as constants).
 */
final class GradCheck {

  /** Central-difference step in float64. */
  static final double FD_STEP = 1e-5;

  private GradCheck() {}

  /** L(z) = sum_j w_j z_j + 0.5 |z|^2 with fixed weights w_j = sin(j + 0.5). */
  static double loss(double[] z) {
    double s = 0;
    for (int j = 0; j < z.length; j++) {
      s += Math.sin(j + 0.5) * z[j] + 0.5 * z[j] * z[j];
    }
    return s;
  }

  static double[] lossGradient(double[] z) {
    double[] g = new double[z.length];
    for (int j = 0; j < z.length; j++) {
      g[j] = Math.sin(j + 0.5) + z[j];
    }
    return g;
  }

  /** The result of one method: flattened gradient and report. */
  record Result(double[] gradient, GradientReport report) {}

  static <G> Result gradient(GradientMethod method, GradProblem<double[], G> p, double[] z0) {
    GradientPass<double[], G> pass = method.prepare(p);
    return run(pass, z0);
  }

  static <G> Result run(GradientPass<double[], G> pass, double[] z0) {
    double[] zT = pass.forward(z0);
    double[] dz0 = new double[z0.length];
    G g = pass.problem().field().newGrad();
    GradientReport r = pass.backward(lossGradient(zT), dz0, g);
    return new Result(concat(dz0, flatten(g)), r);
  }

  static double[] flatten(Object g) {
    List<double[]> parts = new ArrayList<>();
    collect(g, parts);
    int n = parts.stream().mapToInt(p -> p.length).sum();
    double[] out = new double[n];
    int at = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private static void collect(Object g, List<double[]> parts) {
    if (g instanceof double[] a) {
      parts.add(a);
      return;
    }
    Tuple t = (Tuple) g;
    for (int i = 0; i < t.size(); i++) {
      collect(t.part(i), parts);
    }
  }

  static double[] concat(double[] a, double[] b) {
    double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Returns the accepted steps (t0, h) of the forward solve from z0. */
  static List<double[]> grid(GradProblem<double[], ?> p, double[] z0) {
    List<double[]> steps = new ArrayList<>();
    Integrator.solve(
        p.spec(p.field(), z0).observer(s -> steps.add(new double[] {s.t0(), s.h()})).build());
    return steps;
  }

  /** Replays the frozen grid from z0 and returns the loss. */
  static double replayLoss(GradProblem<double[], ?> p, List<double[]> grid, double[] z0) {
    RkWorkspace<double[]> ws = p.solver().workspace(p.ops(), z0);
    double[] y = z0.clone();
    for (double[] step : grid) {
      p.solver().step(p.field(), step[0], y, step[1], ws);
      System.arraycopy(ws.y1(), 0, y, 0, y.length);
    }
    return loss(y);
  }

  /**
   * Central finite differences of the replayed loss with respect to z0 and every entry of {@code
   * params} (the live parameter arrays of the field, in the order of its flattened gradient).
   */
  static double[] finiteDifferences(
      GradProblem<double[], ?> p, double[] z0, List<double[]> params) {
    List<double[]> grid = grid(p, z0);
    List<Double> out = new ArrayList<>();
    List<double[]> all = new ArrayList<>();
    all.add(z0.clone());
    all.addAll(params);
    double[] x0 = all.get(0);
    for (double[] arr : all) {
      for (int i = 0; i < arr.length; i++) {
        double keep = arr[i];
        arr[i] = keep + FD_STEP;
        double plus = replayLoss(p, grid, x0);
        arr[i] = keep - FD_STEP;
        double minus = replayLoss(p, grid, x0);
        arr[i] = keep;
        out.add((plus - minus) / (2 * FD_STEP));
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static double relativeError(double[] a, double[] reference) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < a.length; i++) {
      num += (a[i] - reference[i]) * (a[i] - reference[i]);
      den += reference[i] * reference[i];
    }
    return Math.sqrt(num / den);
  }

  /** Least-squares slope of log(y) against log(x). */
  static double logSlope(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += Math.log(x[i]) / n;
      my += Math.log(y[i]) / n;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      double dx = Math.log(x[i]) - mx;
      sxy += dx * (Math.log(y[i]) - my);
      sxx += dx * dx;
    }
    return sxy / sxx;
  }
}

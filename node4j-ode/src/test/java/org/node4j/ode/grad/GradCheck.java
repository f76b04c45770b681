package org.node4j.ode.grad;

import java.util.ArrayList;
import java.util.List;
import org.node4j.ode.SaveAt;
import org.node4j.ode.Tuple;
import org.node4j.ode.integrate.Integrator;
import org.node4j.ode.solver.RkWorkspace;
import org.node4j.ode.testing.FiniteDifferences;

/**
 * Test helpers: a quadratic loss on the saved states, gradients from any method flattened into one
 * vector (dL/dz0 then dL/dtheta), and central finite differences of the discrete forward map with
 * the accepted steps frozen (so that adaptive solves are differentiated with their step sizes as
 * constants), the saved states inside steps read from the solver's interpolant as the forward solve
 * reads them.
 */
final class GradCheck {

  /** Central-difference step in float64. */
  static final double FD_STEP = FiniteDifferences.STEP;

  private GradCheck() {}

  /** L(z) = sum_j w_j z_j + 0.5 |z|^2 with fixed weights w_j = sin(j + 0.5). */
  static double loss(double[] z) {
    return loss(z, 0);
  }

  /** The loss on the k-th saved state: weights sin(j + 0.5 + k), so every time counts apart. */
  static double loss(double[] z, int k) {
    double s = 0;
    for (int j = 0; j < z.length; j++) {
      s += Math.sin(j + 0.5 + k) * z[j] + 0.5 * z[j] * z[j];
    }
    return s;
  }

  static double[] lossGradient(double[] z) {
    return lossGradient(z, 0);
  }

  static double[] lossGradient(double[] z, int k) {
    double[] g = new double[z.length];
    for (int j = 0; j < z.length; j++) {
      g[j] = Math.sin(j + 0.5 + k) + z[j];
    }
    return g;
  }

  /** The result of one method: flattened gradient and report. */
  record Result(double[] gradient, GradientReport report) {}

  static <G> Result gradient(GradientMethod method, GradProblem<double[], G> p, double[] z0) {
    GradientPass<double[], G> pass = method.prepare(p);
    return run(pass, z0);
  }

  /**
   * Runs one forward and backward of the loss on the problem's saved states: z(t1) for {@link
   * SaveAt#t1()}, else the sum of {@link #loss(double[], int)} over the saved times.
   */
  static <G> Result run(GradientPass<double[], G> pass, double[] z0) {
    double[] zT = pass.forward(z0);
    double[] dz0 = new double[z0.length];
    G g = pass.problem().field().newGrad();
    GradientReport r;
    if (pass.problem().saveAt().kind() == SaveAt.Kind.TIMES) {
      List<double[]> saved = pass.saved();
      List<double[]> cotangents = new ArrayList<>();
      for (int k = 0; k < saved.size(); k++) {
        cotangents.add(lossGradient(saved.get(k), k));
      }
      r = pass.backward(cotangents, dz0, g);
    } else {
      r = pass.backward(lossGradient(zT), dz0, g);
    }
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

  /**
   * Replays the frozen grid from z0 and returns the loss on the saved states, each taken as the
   * forward solve's recorder takes it: y1 on a step boundary, the solver's interpolant inside.
   */
  static double replayLoss(GradProblem<double[], ?> p, List<double[]> grid, double[] z0) {
    RkWorkspace<double[]> ws = p.solver().workspace(p.ops(), z0);
    double[] y = z0.clone();
    boolean times = p.saveAt().kind() == SaveAt.Kind.TIMES;
    double[] ts = p.savedTimes();
    double dir = Math.signum(p.t1() - p.t0());
    double total = 0;
    int k = 0;
    for (; times && k < ts.length && ts[k] == p.t0(); k++) {
      total += loss(y, k);
    }
    double[] out = new double[z0.length];
    for (int n = 0; n < grid.size(); n++) {
      double[] step = grid.get(n);
      double end = n + 1 < grid.size() ? grid.get(n + 1)[0] : p.t1();
      p.solver().step(p.field(), step[0], y, step[1], ws);
      for (; times && k < ts.length && (end - ts[k]) * dir >= 0; k++) {
        if (ts[k] == end) {
          total += loss(ws.y1(), k);
        } else {
          p.solver().interpolate(p.field(), ws, (ts[k] - step[0]) / step[1], out);
          total += loss(out, k);
        }
      }
      System.arraycopy(ws.y1(), 0, y, 0, y.length);
    }
    return times ? total : loss(y);
  }

  /**
   * Central finite differences of the replayed loss with respect to z0 and every entry of {@code
   * params} (the live parameter arrays of the field, in the order of its flattened gradient).
   */
  static double[] finiteDifferences(
      GradProblem<double[], ?> p, double[] z0, List<double[]> params) {
    List<double[]> grid = grid(p, z0);
    List<double[]> all = new ArrayList<>();
    double[] x0 = z0.clone();
    all.add(x0);
    all.addAll(params);
    return FiniteDifferences.gradient(all, () -> replayLoss(p, grid, x0), FD_STEP);
  }

  static double relativeError(double[] a, double[] reference) {
    return FiniteDifferences.relativeError(a, reference);
  }

  /** Least-squares slope of log(y) against log(x). */
  static double logSlope(double[] x, double[] y) {
    return FiniteDifferences.logSlope(x, y);
  }
}

package org.node4j.ode.grad;

import java.util.List;
import org.node4j.ode.StateOps;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.solver.ButcherTableau;

/**
 * The continuous adjoint's backward solve with constant steps, integrating (z, a) as a state and
 * g_theta as a quadrature straight into the caller's gradient.
 *
 * <p>g_theta' = -a^T df/dtheta feeds back into nothing, so with constant steps (no error control,
 * no rejections) its Runge-Kutta update is the weighted sum h * sum_i b_i * (-a_i^T df/dtheta) over
 * the stages. Adding each stage's term into the gradient as it is computed gives the same result as
 * carrying g in the ODE state, but costs one VJP's worth of gradient work per stage instead of a
 * pass over the whole parameter gradient per stage. For a depth-indexed field with N layers, where
 * only layer k is active at time t, that turns O(N^2) work into O(N).
 *
 * <p>A stage whose weight b_i is zero and that no later stage uses (the FSAL stage of dopri5, tsit5
 * and bosh3) is skipped, since it cannot change z, a or g; one that later stages use (dopri5's
 * second) is evaluated without the parameter part of its VJP. Each stage's evaluation and VJP are
 * one call ({@link DifferentiableField#evaluateWithVjp}), which a network runs as one pass.
 */
final class ConstantStepAdjoint<S, G> {
  private final DifferentiableField<S, G> field;
  private final StateOps<S> ops;
  private final double[] c;
  private final double[] b;
  private final double[][] rows;
  private final boolean[] needed;
  private final S[] kz;
  private final S[] ka;
  private final S zStage;
  private final S aStage;
  private final S scaled;
  private final EvalRecord record;
  private final G unused;
  private long evaluations;

  ConstantStepAdjoint(
      DifferentiableField<S, G> field, StateOps<S> ops, ButcherTableau tableau, S like) {
    this.field = field;
    this.ops = ops;
    int s = tableau.stages();
    this.c = tableau.c();
    this.b = tableau.b();
    this.rows = new double[s][];
    for (int i = 0; i < s; i++) {
      rows[i] = tableau.aRow(i);
    }
    this.needed = neededStages(tableau);
    this.kz = ops.newArray(like, s);
    this.ka = ops.newArray(like, s);
    for (int i = 0; i < s; i++) {
      kz[i] = ops.zerosLike(like);
      ka[i] = ops.zerosLike(like);
    }
    this.zStage = ops.zerosLike(like);
    this.aStage = ops.zerosLike(like);
    this.scaled = ops.zerosLike(like);
    this.record = field.newRecord(ops, like);
    this.unused = field.newGrad();
  }

  /** Returns the vector-field evaluations of the last {@link #solve}. */
  long evaluations() {
    return evaluations;
  }

  /**
   * Solves from (z, a) at t1 back to t0 with {@code steps}, overwriting z and a with their values
   * at t0 and adding dL/dtheta into {@code gradAcc}. With saved times, the cotangent of each is
   * added to a at its time; a step that contains one is split there.
   *
   * @param times the saved times, sorted from t0 to t1, or null for none
   * @param jumps the cotangent of each saved time, or null for none
   */
  void solve(
      S z,
      S a,
      G gradAcc,
      ConstantSteps steps,
      double t1,
      double t0,
      double[] times,
      List<S> jumps) {
    evaluations = 0;
    long n = steps.steps(t1, t0);
    double back = Math.signum(t0 - t1);
    int k = jumps == null ? -1 : times.length - 1;
    for (long i = 0; i < n; i++) {
      double ta = steps.time(i, n, t1, t0);
      double tb = steps.time(i + 1, n, t1, t0);
      for (; k >= 0 && (times[k] - ta) * back <= 0; k--) {
        ops.axpy(1.0, jumps.get(k), a);
      }
      while (k >= 0 && (tb - times[k]) * back > 0) {
        double tau = times[k];
        step(ta, tau - ta, z, a, gradAcc);
        for (; k >= 0 && times[k] == tau; k--) {
          ops.axpy(1.0, jumps.get(k), a);
        }
        ta = tau;
      }
      step(ta, tb - ta, z, a, gradAcc);
    }
    for (; k >= 0; k--) {
      ops.axpy(1.0, jumps.get(k), a);
    }
  }

  private void step(double t, double h, S z, S a, G gradAcc) {
    for (int i = 0; i < c.length; i++) {
      if (!needed[i]) {
        continue;
      }
      ops.linearCombination(zStage, z, h, rows[i], kz, i);
      ops.linearCombination(aStage, a, h, rows[i], ka, i);
      evaluations++;
      // g gains h * b_i * (-a_i^T df/dtheta); the VJP is linear in its cotangent, so pass
      // w * a_i with w = -h * b_i and divide the state part by -w to get da = -a_i^T df/dz.
      // A stage with b_i = 0 that later stages read skips the parameter part.
      double w = -h * b[i];
      double ti = t + c[i] * h;
      if (w != 0) {
        ops.copyInto(aStage, scaled);
        ops.scale(w, scaled);
        field.evaluateWithVjp(ti, zStage, kz[i], record, scaled, ka[i], gradAcc, true);
        ops.scale(-1.0 / w, ka[i]);
      } else {
        field.evaluateWithVjp(ti, zStage, kz[i], record, aStage, ka[i], unused, false);
        ops.scale(-1.0, ka[i]);
      }
    }
    ops.linearCombination(z, z, h, b, kz, c.length);
    ops.linearCombination(a, a, h, b, ka, c.length);
  }

  /** Marks the stages that change the step's result, directly or through later stages. */
  private static boolean[] neededStages(ButcherTableau t) {
    int s = t.stages();
    boolean[] needed = new boolean[s];
    for (int i = s - 1; i >= 0; i--) {
      boolean used = t.b()[i] != 0;
      for (int j = i + 1; j < s && !used; j++) {
        used = needed[j] && t.aRow(j)[i] != 0;
      }
      needed[i] = used;
    }
    return needed;
  }
}

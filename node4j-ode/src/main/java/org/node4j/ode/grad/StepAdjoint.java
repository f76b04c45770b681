package org.node4j.ode.grad;

import org.node4j.ode.StateOps;
import org.node4j.ode.solver.ButcherTableau;

/**
 * Pulls a cotangent back through one explicit Runge-Kutta step whose stage evaluations are
 * recorded: the reverse mode of
 *
 * <pre>
 *   Y_i = y0 + h sum_{j &lt; i} a_ij k_j,   k_i = f(t0 + c_i h, Y_i),   y1 = y0 + h sum_i b_i k_i
 * </pre>
 *
 * with h taken as a constant. Given ybar = dL/dy1 it sets kbar_i = h b_i ybar, then for i = s-1
 * down to 0: Ybar_i = kbar_i^T df/dz (and kbar_i^T df/dtheta into the gradient), ybar += Ybar_i and
 * kbar_j += h a_ij Ybar_i. Stages that cannot influence y1 (dopri5's FSAL stage, whose weight is 0)
 * are skipped, so they need no record.
 *
 * <p>Owns its stage cotangents; allocates nothing per step. Not thread-safe.
 */
final class StepAdjoint<S, G> {

  private final double[][] a;
  private final double[] b;
  private final boolean[] needed;
  private final StateOps<S> ops;
  private final S[] kbar;
  private final S ybarStage;
  private long vjps;

  StepAdjoint(ButcherTableau tableau, StateOps<S> ops, S like) {
    if (!neededStages(tableau)[0]) {
      throw new IllegalArgumentException(
          tableau.name() + ": the first stage influences nothing; not a Runge-Kutta method");
    }
    int s = tableau.stages();
    this.ops = ops;
    this.a = new double[s][];
    for (int i = 0; i < s; i++) {
      a[i] = tableau.aRow(i);
    }
    this.b = tableau.b();
    this.needed = neededStages(a, b);
    this.kbar = ops.newArray(like, s);
    for (int i = 0; i < s; i++) {
      kbar[i] = ops.zerosLike(like);
    }
    this.ybarStage = ops.zerosLike(like);
  }

  /**
   * Returns which stages influence y1: stage i does if b_i != 0 or a later needed stage uses it.
   */
  static boolean[] neededStages(ButcherTableau tableau) {
    double[][] rows = new double[tableau.stages()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = tableau.aRow(i);
    }
    return neededStages(rows, tableau.b());
  }

  private static boolean[] neededStages(double[][] a, double[] b) {
    boolean[] needed = new boolean[b.length];
    for (int i = b.length - 1; i >= 0; i--) {
      needed[i] = b[i] != 0.0;
      for (int j = i + 1; j < b.length && !needed[i]; j++) {
        needed[i] = needed[j] && a[j][i] != 0.0;
      }
    }
    return needed;
  }

  /** Returns whether stage {@code i} needs a record. */
  boolean needed(int i) {
    return needed[i];
  }

  /** Returns the number of stages s. */
  int stages() {
    return b.length;
  }

  /**
   * Replaces {@code ybar} = dL/dy1 by dL/dy0 and adds dL/dtheta of the step into {@code gradAcc}.
   *
   * @param field the field whose evaluations the records hold
   * @param h the step size of the recorded step
   * @param records the record of each needed stage (others may be null)
   */
  void pullBack(
      DifferentiableField<S, G> field, double h, EvalRecord[] records, S ybar, G gradAcc) {
    pullBack(field, h, records, ybar, gradAcc, null, Double.NaN, Double.NaN);
  }

  /**
   * As {@link #pullBack(DifferentiableField, double, EvalRecord[], Object, Object)}, with the stage
   * cotangents of saved states seeded by {@code jumps} (null for none; see {@link
   * SaveJumps#seedStages}).
   */
  void pullBack(
      DifferentiableField<S, G> field,
      double h,
      EvalRecord[] records,
      S ybar,
      G gradAcc,
      SaveJumps<S> jumps,
      double prevStart,
      double prevSize) {
    int s = b.length;
    for (int i = 0; i < s; i++) {
      if (b[i] != 0.0) {
        ops.scaledCopy(h * b[i], ybar, kbar[i]);
      } else {
        ops.fillZero(kbar[i]);
      }
    }
    if (jumps != null) {
      jumps.seedStages(kbar, prevStart, prevSize);
    }
    for (int i = s - 1; i >= 0; i--) {
      if (!needed[i]) {
        continue;
      }
      field.vjp(records[i], kbar[i], ybarStage, gradAcc);
      vjps++;
      ops.axpy(1.0, ybarStage, ybar);
      for (int j = 0; j < i; j++) {
        if (a[i][j] != 0.0) {
          ops.axpy(h * a[i][j], ybarStage, kbar[j]);
        }
      }
    }
  }

  /** Returns the number of VJPs taken so far. */
  long vjps() {
    return vjps;
  }
}

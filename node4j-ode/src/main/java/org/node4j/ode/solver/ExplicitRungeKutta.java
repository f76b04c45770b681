package org.node4j.ode.solver;

import java.util.Objects;
import org.node4j.ode.QuadratureField;
import org.node4j.ode.StateOps;
import org.node4j.ode.VectorField;

/**
 * The one generic explicit Runge-Kutta stepper: every method of {@link Tableaus} is this class with
 * a different {@link ButcherTableau}. Package-private: callers hold it as a {@link RungeKutta}
 * (from {@link Solvers}).
 *
 * <p>Immutable and thread-safe: everything that changes during a solve (stages, the candidate
 * solution, the error estimate, whether the first stage is already known) lives in a {@link
 * RkWorkspace} that {@link #workspace} creates for a solve (and {@link RkWorkspace#restart} readies
 * for the next solve of the same shape). A step is callable on its own, which is what gradient
 * methods need to re-run a recorded step and read its stages.
 */
final class ExplicitRungeKutta implements RungeKutta {

  private final ButcherTableau tableau;
  private final double[] c;
  private final double[][] a;
  private final double[] b;
  private final double[] bError;
  private final boolean fsal;

  /** Whether a later stage reads stage i (a nonzero a[j][i] for some j &gt; i). */
  private final boolean[] read;

  /**
   * Whether stage i feeds only later stages' inputs: zero in b, in the error weights and in the
   * dense output, and neither the first stage (which the cubic Hermite interpolant and the
   * controller's initial step read) nor an FSAL last stage (the next step's first). Such a stage is
   * evaluated without a {@link QuadratureField}'s quadratures.
   */
  private final boolean[] quadratureFree;

  /** Creates the stepper for {@code tableau}, copying its coefficients once. */
  ExplicitRungeKutta(ButcherTableau tableau) {
    this.tableau = Objects.requireNonNull(tableau, "tableau");
    this.c = tableau.c();
    this.b = tableau.b();
    this.bError = tableau.bError();
    this.fsal = tableau.fsal();
    this.a = new double[tableau.stages()][];
    for (int i = 0; i < a.length; i++) {
      a[i] = tableau.aRow(i);
    }
    this.read = new boolean[a.length];
    for (int j = 0; j < a.length; j++) {
      for (int i = 0; i < j; i++) {
        read[i] |= a[j][i] != 0.0;
      }
    }
    this.quadratureFree = new boolean[a.length];
    double[][] dense = tableau.dense();
    for (int i = 1; i < (fsal ? a.length - 1 : a.length); i++) {
      boolean free = b[i] == 0.0 && (bError == null || bError[i] == 0.0);
      for (int m = 0; free && dense != null && m < dense[i].length; m++) {
        free = dense[i][m] == 0.0;
      }
      quadratureFree[i] = free;
    }
  }

  @Override
  public ButcherTableau tableau() {
    return tableau;
  }

  @Override
  public String name() {
    return tableau.name();
  }

  @Override
  public int order() {
    return tableau.order();
  }

  @Override
  public boolean adaptive() {
    return tableau.hasErrorEstimate();
  }

  @Override
  public int errorOrder() {
    return tableau.errorOrder();
  }

  @Override
  public boolean denseOutput() {
    return tableau.hasDenseOutput();
  }

  @Override
  public void interpolantCoefficients(double theta, double[] out) {
    int s = tableau.stages();
    java.util.Arrays.fill(out, 0, s + 2, 0.0);
    if (tableau.hasDenseOutput()) {
      tableau.denseWeights(theta, out);
      if (fsal) {
        // The FSAL last stage is f(t1, y1): its weight is gamma.
        out[s] = out[s - 1];
        out[s - 1] = 0.0;
      }
      return;
    }
    double t2 = theta * theta;
    double t3 = t2 * theta;
    out[0] = t3 - 2 * t2 + theta;
    out[s] = t3 - t2;
    out[s + 1] = 3 * t2 - 2 * t3;
  }

  @Override
  public <S> RkWorkspace<S> workspace(StateOps<S> ops, S like) {
    return new RkWorkspace<>(ops, like, tableau);
  }

  @Override
  public <S> void step(VectorField<S> f, double t, S y, double h, RkWorkspace<S> ws) {
    ws.evaluate(f, t, y, 0);
    stepFromFirstStage(f, t, y, h, ws);
  }

  @Override
  public <S> void stepFromFirstStage(VectorField<S> f, double t, S y, double h, RkWorkspace<S> ws) {
    StateOps<S> ops = ws.ops();
    S[] k = ws.stages();
    int s = k.length;
    int last = fsal ? s - 1 : s;
    laterStages(f, f, t, y, h, ws, last);
    ops.linearCombination(ws.y1(), y, h, b, k, last);
    if (fsal) {
      // The last stage is evaluated at (t + h, y1): the next step's first stage for free.
      ws.evaluate(f, t + h, ws.y1(), s - 1);
    }
    if (bError != null) {
      ops.fillZero(ws.error());
      ops.linearCombination(ws.error(), ws.error(), h, bError, k, s);
    }
    ws.recordStep(t, h, y);
  }

  /**
   * {@inheritDoc}
   *
   * <p>An FSAL tableau's last stage is evaluated at y1, which every stage with a weight feeds, so
   * such a step is taken whole.
   */
  @Override
  public <S> void stageRecords(
      VectorField<S> f, VectorField<S> unread, double t, S y, double h, RkWorkspace<S> ws) {
    if (fsal) {
      step(f, t, y, h, ws);
      return;
    }
    ws.evaluate(read[0] ? f : unread, t, y, 0);
    laterStages(f, unread, t, y, h, ws, ws.stages().length);
    ws.recordStep(t, h, y);
  }

  /**
   * Evaluates stages 1 to {@code last - 1} of the step (t, y, h) from the stages before each: those
   * that a later stage reads through {@code f}, the others through {@code unread}, and a stage that
   * feeds only later stages' inputs without the field's quadratures when it has any.
   */
  private <S> void laterStages(
      VectorField<S> f,
      VectorField<S> unread,
      double t,
      S y,
      double h,
      RkWorkspace<S> ws,
      int last) {
    S[] k = ws.stages();
    for (int i = 1; i < last; i++) {
      ws.ops().linearCombination(ws.stageInput(), y, h, a[i], k, i);
      VectorField<S> g = read[i] ? f : unread;
      if (quadratureFree[i] && g instanceof QuadratureField<S> q) {
        g = q.withoutQuadratures();
      }
      ws.evaluate(g, t + c[i] * h, ws.stageInput(), i);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The tableau's own dense output when it has one (dopri5, tsit5), otherwise the cubic Hermite
   * interpolant through (y0, f(t0, y0)) and (y1, f(t1, y1)), which costs one evaluation of f(t1,
   * y1) per step for non-FSAL methods (reused as the next step's first stage).
   */
  @Override
  public <S> void interpolate(VectorField<S> f, RkWorkspace<S> ws, double theta, S out) {
    StateOps<S> ops = ws.ops();
    double[] w = ws.weights();
    if (tableau.hasDenseOutput()) {
      tableau.denseWeights(theta, w);
      ops.linearCombination(out, ws.y0(), ws.h(), w, ws.stages(), ws.stageCount());
      return;
    }
    S[] parts = ws.hermiteParts();
    parts[0] = ws.stage(0);
    parts[1] = ws.endDerivative(f);
    parts[2] = ws.y1();
    parts[3] = ws.y0();
    double t2 = theta * theta;
    double t3 = t2 * theta;
    double h01 = 3 * t2 - 2 * t3;
    w[0] = ws.h() * (t3 - 2 * t2 + theta);
    w[1] = ws.h() * (t3 - t2);
    w[2] = h01;
    w[3] = -h01;
    ops.linearCombination(out, ws.y0(), 1.0, w, parts, 4);
  }
}

package org.node4j.ode.integrate;

import org.node4j.ode.StateOps;
import org.node4j.ode.VectorField;

/**
 * Hairer's initial step selection (Hairer, Norsett and Wanner, Solving ODEs I, II.4, p. 169;
 * torchdiffeq {@code _select_initial_step}, which Ott et al. 2021 train with). With scale = atol +
 * rtol |y0| and RMS norms: d0 = |y0|, d1 = |f0|, h0 = 0.01 d0 / d1 (or 1e-6 if either is below
 * 1e-5), d2 = |f(t0 + h0, y0 + h0 f0) - f0| / h0, h1 = (0.01 / max(d1, d2))^(1 / (p + 1)) (or
 * max(1e-6, 1e-3 h0) if both are at most 1e-15), and the step is min(100 h0, h1). Costs one
 * evaluation. As torchdiffeq ({@code rk_common._before_integrate} passes {@code order - 1}), p is
 * the embedded (error) order, so the first step of dopri5 is torchdiffeq's.
 */
final class HairerInitialStep {

  private HairerInitialStep() {}

  /**
   * Returns the magnitude of the first step.
   *
   * @param run the solve, at t0 with stage 0 of its workspace holding f(t0, y0)
   * @param order the order p of the error estimate (the embedded order)
   * @param rtol relative tolerance
   * @param atol absolute tolerance
   */
  static <S> double select(SolveRun<S> run, int order, double rtol, double atol) {
    StateOps<S> ops = run.ops;
    VectorField<S> f = run.f;
    S y0 = run.y;
    S f0 = run.ws.stage(0);
    double d0 = ops.rmsNorm(y0, y0, y0, rtol, atol);
    double d1 = ops.rmsNorm(f0, y0, y0, rtol, atol);
    double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
    // y1 and error are free before the first step: use them as scratch.
    S yProbe = run.ws.y1();
    S fProbe = run.ws.error();
    ops.copyInto(y0, yProbe);
    ops.axpy(run.direction * h0, f0, yProbe);
    f.evaluate(run.t + run.direction * h0, yProbe, fProbe);
    run.countExtraEvaluation();
    ops.axpy(-1.0, f0, fProbe);
    double d2 = ops.rmsNorm(fProbe, y0, y0, rtol, atol) / h0;
    double h1 =
        (d1 <= 1e-15 && d2 <= 1e-15)
            ? Math.max(1e-6, h0 * 1e-3)
            : Math.pow(0.01 / Math.max(d1, d2), 1.0 / (order + 1));
    return Math.min(100 * h0, h1);
  }
}

package org.node4j.ode.integrate;

import org.node4j.ode.Status;
import org.node4j.ode.control.AdaptiveController;

/**
 * The adaptive loop: propose, step, measure the scaled RMS error, accept or reject, adapt. The
 * first stage is reused after every rejection and, for FSAL methods, after every acceptance.
 */
final class AdaptiveLoop {

  private AdaptiveLoop() {}

  static <S> void run(SolveRun<S> run, AdaptiveController ctl) {
    double t1 = run.spec.t1();
    int errorOrder = run.solver.errorOrder();
    AdaptiveController.History history = ctl.newHistory();
    run.ws.evaluateFirstStage(run.f, run.t, run.y);
    double h = initialStep(run, ctl);
    boolean lastWasNonFinite = false;
    while (run.t != t1) {
      double remaining = Math.abs(t1 - run.t);
      boolean last = h >= remaining;
      double step = run.direction * (last ? remaining : h);
      if (run.attempted() >= run.spec.maxSteps()) {
        throw run.failure(Status.MAX_STEPS_EXCEEDED, step);
      }
      if (!last && (h < ctl.dtMin() || run.t + step == run.t)) {
        Status why = lastWasNonFinite ? Status.NON_FINITE_STATE : Status.STEP_SIZE_TOO_SMALL;
        throw run.failure(why, step);
      }
      run.solver.stepFromFirstStage(run.f, run.t, run.y, step, run.ws);
      double r = run.ops.rmsNorm(run.ws.error(), run.y, run.ws.y1(), ctl.rtol(), ctl.atol());
      boolean finite = Double.isFinite(r) && run.ops.allFinite(run.ws.y1());
      if (finite && r <= 1) {
        double factor = ctl.factorAfterAccept(r, errorOrder, history);
        if (!run.accept(last ? t1 : run.t + step)) {
          run.ws.evaluateFirstStage(run.f, run.t, run.y);
        }
        h = Math.min(ctl.dtMax(), Math.abs(step) * factor);
        lastWasNonFinite = false;
      } else {
        // Stage 0 still holds f(t, y): the retry reuses it.
        run.reject();
        lastWasNonFinite = !finite;
        h = Math.abs(step) * ctl.factorAfterReject(finite ? r : Double.NaN, errorOrder);
      }
    }
  }

  private static <S> double initialStep(SolveRun<S> run, AdaptiveController ctl) {
    double h = ctl.initialStep();
    if (Double.isNaN(h)) {
      h = HairerInitialStep.select(run, run.solver.errorOrder(), ctl.rtol(), ctl.atol());
    }
    return Math.max(ctl.dtMin(), Math.min(ctl.dtMax(), h));
  }
}

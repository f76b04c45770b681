package org.node4j.ode.integrate;

import org.node4j.ode.Status;
import org.node4j.ode.control.ConstantSteps;

/** The constant-step loop: a fixed grid, every step accepted unless the state turns non-finite. */
final class ConstantStepLoop {

  private ConstantStepLoop() {}

  static <S> void run(SolveRun<S> run, ConstantSteps controller) {
    double t0 = run.spec.t0();
    double t1 = run.spec.t1();
    long n = controller.steps(t0, t1);
    boolean firstStageKnown = false;
    for (long i = 1; i <= n; i++) {
      double tEnd = controller.time(i, n, t0, t1);
      double h = tEnd - run.t;
      if (run.attempted() >= run.spec.maxSteps()) {
        throw run.failure(Status.MAX_STEPS_EXCEEDED, h);
      }
      if (firstStageKnown) {
        run.solver.stepFromFirstStage(run.f, run.t, run.y, h, run.ws);
      } else {
        run.solver.step(run.f, run.t, run.y, h, run.ws);
      }
      if (!run.ops.allFinite(run.ws.y1())) {
        throw run.failure(Status.NON_FINITE_STATE, h);
      }
      firstStageKnown = run.accept(tEnd);
    }
  }
}

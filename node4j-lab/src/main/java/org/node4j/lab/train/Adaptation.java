package org.node4j.lab.train;

import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.config.StepAdaptationMode;
import org.node4j.lab.config.ToleranceAdaptationMode;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.solver.Solver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer's view of the configured adaptation: none, {@link StepAdaptation} or {@link
 * ToleranceAdaptation}; it sets the model's integration and reads and writes the adaptation's part
 * of the {@link TrainerState}.
 */
final class Adaptation {
  private static final Logger LOG = LoggerFactory.getLogger(Adaptation.class);

  private final StepAdaptation step;
  private final ToleranceAdaptation tolerance;

  private Adaptation(StepAdaptation step, ToleranceAdaptation tolerance) {
    this.step = step;
    this.tolerance = tolerance;
  }

  /**
   * Builds the adaptation for a run and sets the model's integration: from the checkpoint's state
   * when resuming, else from the configuration (the released variant asks the model for Hairer's
   * estimate on the first batch {@code x}).
   */
  static Adaptation start(
      ExperimentConfig c, TrainableModel model, TrainerState resumed, Tensor x, int count) {
    Solver solver = c.integration().solver();
    double t0 = c.integration().t0();
    double t1 = c.integration().t1();
    Adaptation a;
    if (c.stepAdaptation().mode() != StepAdaptationMode.OFF) {
      double h;
      if (resumed != null) {
        h = resumed.stepSize();
      } else if (c.stepAdaptation().mode() == StepAdaptationMode.RELEASED) {
        h = model.initialStepEstimate(x, count, solver.order());
        LOG.info("released step adaptation: Hairer's initial step h = {}", h);
      } else {
        h = Integrations.stepSize(Integrations.initial(c), t0, t1);
      }
      a =
          new Adaptation(
              new StepAdaptation(c.stepAdaptation(), solver, Math.abs(t1 - t0), h), null);
    } else if (c.toleranceAdaptation().mode() == ToleranceAdaptationMode.ON) {
      ToleranceAdaptation tol = new ToleranceAdaptation(c.toleranceAdaptation(), c.integration());
      if (resumed != null) {
        tol.setTolerance(resumed.tolerance());
        tol.restoreHistory(resumed.nfeHistory());
      }
      a = new Adaptation(null, tol);
    } else {
      model.setIntegration(Integrations.initial(c));
      return new Adaptation(null, null);
    }
    model.setIntegration(a.integration());
    return a;
  }

  private Integration integration() {
    return step != null ? step.integration() : tolerance.integration();
  }

  /**
   * Runs a due check after iteration {@code n}'s forward/backward pass (before the optimiser step)
   * and updates the model's integration; records the NFE for the tolerance adaptation.
   */
  void afterBackward(
      long n, TrainableModel model, TrainableModel.BatchStats stats, BatchProbe probe) {
    if (step != null && step.due(n)) {
      StepAdaptation.Decision d = step.check(stats.accuracy(), probe);
      LOG.debug("iteration {}: step adaptation {}", n, d);
      model.setIntegration(step.integration());
    }
    if (tolerance != null) {
      if (tolerance.due(n)) {
        ToleranceAdaptation.Decision d =
            tolerance.check(stats.accuracy(), stats.evaluationsForward(), probe);
        LOG.debug("iteration {}: tolerance adaptation {}", n, d);
        model.setIntegration(tolerance.integration());
      }
      tolerance.record(stats.evaluationsForward());
    }
  }

  /** Returns the adapted step size, or NaN. */
  double stepSize() {
    return step == null ? Double.NaN : step.stepSize();
  }

  /** Returns the adapted tolerance, or NaN. */
  double tolerance() {
    return tolerance == null ? Double.NaN : tolerance.tolerance();
  }

  /** Returns the tolerance adaptation's NFE history, or an empty array. */
  long[] history() {
    return tolerance == null ? new long[0] : tolerance.history();
  }
}

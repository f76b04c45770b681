package org.node4j.lab.train;

import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.config.IntegrationConfig;
import org.node4j.lab.config.StepAdaptationMode;
import org.node4j.lab.config.ToleranceAdaptationMode;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.solver.Solver;

/** Translates between integration configuration and {@link Integration} values. */
public final class Integrations {
  private Integrations() {}

  /**
   * Returns the integration training starts with: the configured steps, step size or tolerance, the
   * tolerance adaptation's initial tolerance, or, for the released step adaptation (whose first h
   * depends on the model), one step of the largest allowed size as a placeholder.
   */
  public static Integration initial(ExperimentConfig c) {
    IntegrationConfig in = c.integration();
    Solver solver = in.solver();
    if (c.toleranceAdaptation().mode() == ToleranceAdaptationMode.ON) {
      return Integration.tolerance(solver, c.toleranceAdaptation().initialTol(), in);
    }
    if (c.stepAdaptation().mode() == StepAdaptationMode.RELEASED) {
      return Integration.steps(solver, 1);
    }
    if (in.tolerance() != null) {
      return Integration.tolerance(solver, in.tolerance(), in);
    }
    if (in.steps() != null) {
      return Integration.steps(solver, in.steps());
    }
    return Integration.stepSize(solver, in.stepSize());
  }

  /** Returns the number of steps a constant-step integration takes over [t0, t1]. */
  public static long steps(Integration integration, double t0, double t1) {
    if (integration.controller() instanceof ConstantSteps constant) {
      return constant.steps(t0, t1);
    }
    throw new IllegalArgumentException(integration.label() + " has no fixed number of steps");
  }

  /** Returns the step size of a constant-step integration over [t0, t1]: h, or span / K. */
  public static double stepSize(Integration integration, double t0, double t1) {
    if (integration.controller() instanceof ConstantSteps constant) {
      return constant.count() > 0 ? Math.abs(t1 - t0) / constant.count() : constant.size();
    }
    return Double.NaN;
  }

  /** Returns the tolerance (rtol) of an adaptive integration, or NaN for constant steps. */
  public static double tolerance(Integration integration) {
    if (integration.controller() instanceof AdaptiveController adaptive) {
      return adaptive.rtol();
    }
    return Double.NaN;
  }
}

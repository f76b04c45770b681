package org.node4j.lab.config;

import org.node4j.ode.solver.Solvers;

/**
 * How the ODE block is solved during training. At most one of {@code steps}, {@code stepSize} and
 * {@code tolerance} is given; which one is needed depends on the solver and the adaptation mode
 * (checked by {@link ExperimentConfig}).
 *
 * @param solver a name of {@code org.node4j.ode.solver.Solvers}, e.g. {@code euler} or {@code
 *     dopri5}
 * @param steps the number of constant steps K, or null
 * @param stepSize the constant step size h (last step shortened, as torchdiffeq), or null
 * @param tolerance rtol = atol of an adaptive solver (as Ott et al. run them), or null
 * @param t0 the start of the time span
 * @param t1 the end of the time span (Ott et al.: [0, 1])
 * @param gradient the gradient method, e.g. {@code stored}, {@code checkpointed}, {@code adjoint};
 *     interpreted by the model factory
 */
public record IntegrationConfig(
    String solver,
    Integer steps,
    Double stepSize,
    Double tolerance,
    double t0,
    double t1,
    String gradient) {

  /** Validates each value on its own. */
  public IntegrationConfig {
    Solvers.byName(solver);
    int given = (steps != null ? 1 : 0) + (stepSize != null ? 1 : 0) + (tolerance != null ? 1 : 0);
    if (given > 1) {
      throw new IllegalArgumentException(
          "give at most one of integration.steps, integration.stepSize and integration.tolerance;"
              + " got steps "
              + steps
              + ", stepSize "
              + stepSize
              + ", tolerance "
              + tolerance);
    }
    if (steps != null) {
      Checks.atLeast("integration.steps", steps, 1);
    }
    if (stepSize != null) {
      Checks.positive("integration.stepSize", stepSize);
    }
    if (tolerance != null) {
      Checks.positive("integration.tolerance", tolerance);
    }
    if (!Double.isFinite(t0) || !Double.isFinite(t1) || t0 == t1) {
      throw new IllegalArgumentException(
          "integration.t0 and t1 must be finite and differ, got " + t0 + " and " + t1);
    }
    Checks.name("integration.gradient", gradient);
  }

  /** Returns Euler over [0, 1] with stored-stage gradients and no discretisation yet. */
  public static IntegrationConfig defaults() {
    return new IntegrationConfig("euler", null, null, null, 0.0, 1.0, "stored");
  }

  /** Returns whether the solver has an error estimate (needs a tolerance). */
  public boolean adaptive() {
    return Solvers.byName(solver).adaptive();
  }
}

package org.node4j.ode.grad;

/**
 * Which parts of the continuous adjoint's augmented state (z, a, g_theta) enter the error norm of
 * an adaptive backward solve. Leaving parts out is the seminorm of Kidger, Chen and Lyons ("Hey,
 * that's not an ODE: faster ODE adjoints via seminorms", ICML 2021): g_theta is an integral that
 * nothing else depends on, so its error need not shrink the steps, and the backward solve takes
 * fewer steps for the same accuracy of z and a.
 */
public enum AdjointNorm {
  /** Every part controls the step (torchdiffeq's default). */
  ALL_PARTS(true, true),
  /** z and a control the step; g_theta does not (the seminorm). */
  SEMINORM(true, false),
  /** Only the recomputed state z controls the step. */
  STATE_ONLY(false, false);

  private final boolean adjointInNorm;
  private final boolean gradientInNorm;

  AdjointNorm(boolean adjointInNorm, boolean gradientInNorm) {
    this.adjointInNorm = adjointInNorm;
    this.gradientInNorm = gradientInNorm;
  }

  /** Returns the error mask over (z, a, g_theta). */
  boolean[] mask() {
    return new boolean[] {true, adjointInNorm, gradientInNorm};
  }
}

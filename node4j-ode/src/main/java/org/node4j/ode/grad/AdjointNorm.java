package org.node4j.ode.grad;

/**
 * Which parts of the continuous adjoint's augmented state (z, a, g_theta) enter the error norm of
 * an adaptive backward solve. Leaving parts out is the seminorm of Kidger, Chen and Lyons ("Hey,
 * that's not an ODE: faster ODE adjoints via seminorms", ICML 2021): g_theta is an integral that
 * nothing else depends on, so its error need not shrink the steps, and the backward solve takes
 * fewer steps for the same accuracy of z and a.
 */
public enum AdjointNorm {
  /** Every part controls the step, through one RMS over all their components. */
  ALL_PARTS(true, true, false),
  /**
   * Every part controls the step through torchdiffeq's default adjoint norm: the largest of the RMS
   * norms of z, of a and of all parameter gradients together ({@code _mixed_norm}), so that the
   * step count matches torchdiffeq's {@code odeint_adjoint}.
   */
  MIXED(true, true, true),
  /** z and a control the step; g_theta does not (the seminorm). */
  SEMINORM(true, false, false),
  /** Only the recomputed state z controls the step. */
  STATE_ONLY(false, false, false);

  private final boolean adjointInNorm;
  private final boolean gradientInNorm;
  private final boolean maxOfParts;

  AdjointNorm(boolean adjointInNorm, boolean gradientInNorm, boolean maxOfParts) {
    this.adjointInNorm = adjointInNorm;
    this.gradientInNorm = gradientInNorm;
    this.maxOfParts = maxOfParts;
  }

  /** Returns whether the norm is the maximum of the parts' RMS norms (else one joint RMS). */
  boolean maxOfParts() {
    return maxOfParts;
  }

  /** Returns the error mask over (z, a, g_theta). */
  boolean[] mask() {
    return new boolean[] {true, adjointInNorm, gradientInNorm};
  }
}

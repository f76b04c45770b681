package org.node4j.ode;

/**
 * How a solve ended, each failure paired with what to try (in the spirit of diffrax's {@code
 * RESULTS} and Hipparchus's {@code LocalizedODEFormats}). Tests assert on these values, never on
 * message text.
 */
public enum Status {
  /** The solve reached t1. */
  SUCCESS("the solve reached t1"),
  /** The step budget ran out before t1. */
  MAX_STEPS_EXCEEDED(
      "the step budget ran out before t1: raise maxSteps, loosen rtol/atol, or check whether the"
          + " problem is stiff (explicit methods then need tiny steps)"),
  /** The adaptive controller asked for a step below dtMin or below the resolution of t. */
  STEP_SIZE_TOO_SMALL(
      "the controller asked for a step below dtMin or below the floating-point resolution of t:"
          + " loosen rtol/atol, lower dtMin, or look for a singularity or stiffness near t"),
  /** The state or the vector field became NaN or infinite. */
  NON_FINITE_STATE(
      "the state or the vector field became NaN or infinite: use smaller steps or an adaptive"
          + " controller, check the vector field near t, or look for a finite-time blow-up");

  private final String hint;

  Status(String hint) {
    this.hint = hint;
  }

  /** Returns what the status means and what to try. */
  public String hint() {
    return hint;
  }
}

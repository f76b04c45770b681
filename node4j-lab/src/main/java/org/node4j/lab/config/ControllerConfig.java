package org.node4j.lab.config;

import java.util.Objects;
import org.node4j.ode.control.AdaptiveController;

/**
 * The step-size controller of an adaptive solve: a {@link ControllerKind} with optional
 * coefficients that replace its defaults. In a file it is either a name ({@code controller: pid})
 * or a mapping ({@code controller: {name: pi, pcoeff: 0.3, icoeff: 0.4}}).
 *
 * @param name the controller
 * @param pcoeff the proportional coefficient, or null for the controller's default
 * @param icoeff the integral coefficient (must be > 0), or null for the default
 * @param dcoeff the derivative coefficient, or null for the default
 */
public record ControllerConfig(ControllerKind name, Double pcoeff, Double icoeff, Double dcoeff) {

  /** Validates the coefficients by building the controller once. */
  public ControllerConfig {
    Objects.requireNonNull(name, "controller name");
    build(name, pcoeff, icoeff, dcoeff, 1e-3, 1e-3);
  }

  /** Returns the integral controller with its default coefficients. */
  public static ControllerConfig integral() {
    return of(ControllerKind.INTEGRAL);
  }

  /** Returns {@code kind} with its default coefficients. */
  public static ControllerConfig of(ControllerKind kind) {
    return new ControllerConfig(kind, null, null, null);
  }

  /**
   * Builds the controller for tolerances {@code rtol} and {@code atol}.
   *
   * @throws IllegalArgumentException for coefficients the controller rejects (icoeff <= 0, ...)
   */
  public AdaptiveController controller(double rtol, double atol) {
    return build(name, pcoeff, icoeff, dcoeff, rtol, atol);
  }

  private static AdaptiveController build(
      ControllerKind name, Double pcoeff, Double icoeff, Double dcoeff, double rtol, double atol) {
    AdaptiveController base = name.defaults(rtol, atol);
    if (pcoeff == null && icoeff == null && dcoeff == null) {
      return base;
    }
    return AdaptiveController.builder(rtol, atol)
        .coefficients(
            pcoeff == null ? base.pcoeff() : pcoeff,
            icoeff == null ? base.icoeff() : icoeff,
            dcoeff == null ? base.dcoeff() : dcoeff)
        .build();
  }
}

package org.node4j.lab.config;

import org.node4j.ode.control.AdaptiveController;

/**
 * The adaptive step-size controllers a configuration can name, each with the library's default
 * coefficients (diffrax's convention: pcoeff, icoeff, dcoeff). The names live in the {@link
 * Catalogue}'s controller registry.
 */
public enum ControllerKind {
  /** The classic integral (I) controller: pcoeff 0, icoeff 1, dcoeff 0. */
  INTEGRAL,
  /**
   * Gustafsson's PI controller (Hairer and Wanner, Solving ODEs II, IV.2): pcoeff 0.4, icoeff 0.3.
   */
  PI,
  /**
   * Söderlind's H312 PID filter ("Digital filters in adaptive time-stepping", ACM TOMS 29(1),
   * 2003): pcoeff -2/9, icoeff 2/9, dcoeff 1/18.
   */
  PID;

  /** Returns this controller with rtol and atol and the default coefficients. */
  AdaptiveController defaults(double rtol, double atol) {
    return switch (this) {
      case INTEGRAL -> AdaptiveController.integral(rtol, atol);
      case PI -> AdaptiveController.pi(rtol, atol);
      case PID -> AdaptiveController.pid(rtol, atol);
    };
  }
}

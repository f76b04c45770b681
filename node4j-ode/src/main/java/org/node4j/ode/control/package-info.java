/**
 * Step-size controllers: the closed choice {@link org.node4j.ode.control.StepSizeController}
 * between {@link org.node4j.ode.control.ConstantSteps} (any solver) and the PID {@link
 * org.node4j.ode.control.AdaptiveController} (solvers with an embedded error estimate; the pairing
 * is checked once, by {@link org.node4j.ode.integrate.SolveSetup}). Controllers are immutable
 * values; an adaptive controller's error history lives in a per-solve object.
 */
package org.node4j.ode.control;

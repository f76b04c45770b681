/**
 * Solving: {@link org.node4j.ode.integrate.SolveSetup} (solver, step-size controller and step
 * budget, checked once), {@link org.node4j.ode.integrate.SolveSpec} (a problem with its setup, save
 * policy and observer) and the entry point {@link org.node4j.ode.integrate.Integrator}, which runs
 * the constant-step or the adaptive loop with Hairer's initial step. {@link
 * org.node4j.ode.integrate.EmpiricalOrder} measures a solver's order of convergence.
 */
package org.node4j.ode.integrate;

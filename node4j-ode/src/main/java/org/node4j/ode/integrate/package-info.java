/**
 * Solving: {@link org.node4j.ode.integrate.SolveSetup} (solver, step-size controller and step
 * budget, checked once), {@link org.node4j.ode.integrate.SolveSpec} (a problem with its setup, save
 * policy and observer) and the entry point {@link org.node4j.ode.integrate.Integrator}, which runs
 * the constant-step or the adaptive loop with Hairer's initial step, in fresh buffers or in the
 * caller's {@link org.node4j.ode.integrate.SolveBuffers} (kept from one solve to the next of the
 * same shape, so that repeated solves allocate no states). {@link
 * org.node4j.ode.integrate.EmpiricalOrder} measures a solver's order of convergence.
 */
package org.node4j.ode.integrate;

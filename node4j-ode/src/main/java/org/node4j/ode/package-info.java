/**
 * The state abstraction of the solver core and what a solve returns: {@link
 * org.node4j.ode.VectorField} f(t, y), {@link org.node4j.ode.StateOps} (the operations solvers are
 * written against, implemented for {@code double[]} by {@link org.node4j.ode.ArrayOps} and for
 * tuples of states by {@link org.node4j.ode.TupleOps}), the output policy {@link
 * org.node4j.ode.SaveAt}, and the {@link org.node4j.ode.Solution} with its {@link
 * org.node4j.ode.Status} and {@link org.node4j.ode.Statistics}. The core has no tensor dependency,
 * so it is tested on {@code double[]} in milliseconds.
 *
 * <p>The parts a solve combines are independent (diffrax's design): the solver ({@code
 * org.node4j.ode.solver}), the step-size controller ({@code org.node4j.ode.control}), both held by
 * one {@link org.node4j.ode.integrate.SolveSetup}, the output policy, and, for gradients, the
 * gradient method ({@code org.node4j.ode.grad}).
 */
package org.node4j.ode;

/**
 * How the parameters of a vector field vary along the solve: shared over time (a plain {@link
 * org.node4j.ode.grad.DifferentiableField}), indexed by depth so that ResNets and HeunNets are
 * Euler and Heun solves ({@link org.node4j.ode.grad.param.DepthSchedule}, the rule of which
 * parameter set serves a time, and {@link org.node4j.ode.grad.param.DepthGrid}, the span, solver
 * and steps), or evolving by their own ODE as in ANODEV2 ({@link
 * org.node4j.ode.grad.param.CoupledParameterField}). The depth-indexed and time-concatenated
 * network fields themselves live in {@code node4j-nn} ({@code org.node4j.nn.field.NeuralField}).
 */
package org.node4j.ode.grad.param;

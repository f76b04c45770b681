/**
 * How the parameters of a vector field vary along the solve (issue 4, item 1): shared over time (a
 * plain {@link org.node4j.ode.grad.DifferentiableField}), fed the time as an input ({@link
 * org.node4j.ode.grad.param.TimeConcatField}), indexed by depth so that ResNets and HeunNets are
 * Euler and Heun solves ({@link org.node4j.ode.grad.param.DepthIndexedField}, {@link
 * org.node4j.ode.grad.param.DepthGrid}), or evolving by their own ODE as in ANODEV2 ({@link
 * org.node4j.ode.grad.param.CoupledParameterField}).
 */
package org.node4j.ode.grad.param;

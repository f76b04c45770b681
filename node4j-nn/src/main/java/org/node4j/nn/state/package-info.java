/**
 * {@link org.node4j.nn.state.TensorOps}: the {@code StateOps} of {@code node4j-ode} for tensor
 * states of either dtype, so that the ODE solvers integrate tensors as they integrate {@code
 * double[]}.
 */
package org.node4j.nn.state;

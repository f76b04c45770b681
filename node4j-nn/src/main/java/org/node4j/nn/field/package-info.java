/**
 * Neural networks as the vector fields of ODEs: {@link org.node4j.nn.field.NeuralField} (the
 * contract between the layers and every gradient method of {@code org.node4j.ode.grad}, with the
 * time input of {@link org.node4j.nn.field.TimeInput} and the depth-indexed parameter sets of
 * {@link org.node4j.nn.field.ParameterSets} chosen by {@link org.node4j.nn.field.DepthSchedule}),
 * and the ANODEV2 coupling of Zhang, Yao, Gholami et al. (NeurIPS 2019), in which the weights
 * evolve by their own ODE ({@link org.node4j.nn.field.Anodev2Field}, {@link
 * org.node4j.nn.field.ParameterDynamics}).
 */
package org.node4j.nn.field;

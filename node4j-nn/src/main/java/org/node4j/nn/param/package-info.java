/**
 * Trainable parameters, and where layers read their values ({@link
 * org.node4j.nn.param.ParameterSource}) and add their gradients ({@link
 * org.node4j.nn.param.GradientSink}); both default to the parameter's own tensors.
 */
package org.node4j.nn.param;

/**
 * {@link org.node4j.nn.param.Parameter}: a named trainable tensor and the gradient accumulated for
 * it.
 */
package org.node4j.nn.param;

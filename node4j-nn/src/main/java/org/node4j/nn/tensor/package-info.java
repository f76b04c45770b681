/**
 * {@link org.node4j.nn.tensor.Tensor}: a dense, row-major array of float32 or float64 values with a
 * fixed shape, owning exactly one backing array; {@link org.node4j.nn.tensor.DType} names the two
 * element types.
 */
package org.node4j.nn.tensor;

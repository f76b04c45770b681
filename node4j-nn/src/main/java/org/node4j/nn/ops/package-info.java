/**
 * Tensor operations that write into caller-owned outputs and allocate nothing: elementwise
 * arithmetic, reductions accumulated in float64 in index order (deterministic), the error function,
 * and the shape and dtype checks whose messages name both shapes.
 */
package org.node4j.nn.ops;

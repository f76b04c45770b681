/**
 * Files: the versioned, checksummed {@link org.node4j.nn.io.TensorFile} format for parameters,
 * optimiser state and checkpoints, strict parameter loading ({@link
 * org.node4j.nn.io.ParameterStore}, which lists every mismatch and loads all or nothing), and
 * {@link org.node4j.nn.io.AtomicFiles}, through which every output is written to a temporary file
 * and moved into place.
 */
package org.node4j.nn.io;

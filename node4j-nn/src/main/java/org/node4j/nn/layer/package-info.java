/**
 * Layers with vector-Jacobian products: {@link org.node4j.nn.layer.Layer} and its caches (one per
 * evaluation, owned and reused by the caller, as continuous-depth models evaluate a layer at every
 * stage of every step), {@link org.node4j.nn.layer.Linear}, 1-D and 2-D convolutions (im2row plus a
 * matrix product), pooling, batch normalisation, activations and {@link
 * org.node4j.nn.layer.Sequential}, each with PyTorch's semantics.
 */
package org.node4j.nn.layer;

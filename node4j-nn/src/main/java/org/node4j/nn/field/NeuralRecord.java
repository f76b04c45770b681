package org.node4j.nn.field;

import org.node4j.nn.layer.Cache;
import org.node4j.ode.grad.EvalRecord;

/**
 * The record of one evaluation of a {@link NeuralField}: the network's cache (its copy of the
 * input, every layer's activations and the parameter source of depth k) and the depth index k. Its
 * VJP runs the network's backward pass from these activations, without recomputing the forward
 * pass.
 */
final class NeuralRecord implements EvalRecord {
  final Cache cache;
  int k = -1;

  NeuralRecord(Cache cache) {
    this.cache = cache;
  }

  @Override
  public long bytes() {
    return cache.savedBytes() + Integer.BYTES;
  }
}

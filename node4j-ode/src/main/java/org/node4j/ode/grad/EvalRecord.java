package org.node4j.ode.grad;

/**
 * What one evaluation of a {@link DifferentiableField} kept so that its vector-Jacobian product can
 * be taken later without recomputing the forward pass: for a neural field the activations of each
 * layer, for the default {@link StateRecord} just (t, z).
 *
 * <p>Records are created by {@link DifferentiableField#newRecord}, filled by {@link
 * DifferentiableField#evaluate(double, Object, Object, EvalRecord)} and read by {@link
 * DifferentiableField#vjp(EvalRecord, Object, Object, Object)}. Gradient methods pool them and
 * refill the same record again and again, so a record must own its buffers and accept being
 * overwritten by the next evaluation.
 */
public interface EvalRecord {

  /**
   * Returns the bytes this record holds for the backward pass (its stored states and activations),
   * which gradient methods add up into {@link GradientReport#peakBytesHeld()}.
   */
  long bytes();
}

package org.node4j.ode.grad;

import org.node4j.ode.StateOps;

/**
 * The default {@link EvalRecord}: remembers the time and a copy of the input state, so that the
 * vector-Jacobian product recomputes the forward pass from them. It costs one state of memory and
 * one recomputation per VJP; fields that can keep their activations instead override {@link
 * DifferentiableField#newRecord}.
 *
 * @param <S> the state type
 */
public final class StateRecord<S> implements EvalRecord {

  private final StateOps<S> ops;
  private final S z;
  private double t = Double.NaN;

  /** Creates a record whose state buffer is shaped like {@code like}. */
  public StateRecord(StateOps<S> ops, S like) {
    this.ops = ops;
    this.z = ops.zerosLike(like);
  }

  /** Stores {@code t} and a copy of {@code state}, overwriting what was stored before. */
  public void remember(double time, S state) {
    this.t = time;
    ops.copyInto(state, z);
  }

  /** Returns the stored time (NaN before the first {@link #remember}). */
  public double t() {
    return t;
  }

  /** Returns the stored state; owned by this record and overwritten by the next remember. */
  public S z() {
    return z;
  }

  @Override
  public long bytes() {
    return ops.bytes(z) + Double.BYTES;
  }
}

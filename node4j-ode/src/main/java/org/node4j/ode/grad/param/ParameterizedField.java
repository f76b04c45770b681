package org.node4j.ode.grad.param;

import org.node4j.ode.StateOps;
import org.node4j.ode.grad.EvalRecord;
import org.node4j.ode.grad.StateRecord;

/**
 * A vector field whose parameters theta are passed in as a state, f(t, z; theta), so that they can
 * evolve by their own ODE ({@link CoupledParameterField}, ANODEV2).
 *
 * <p>Like {@link org.node4j.ode.grad.DifferentiableField}, it can keep what a VJP needs in an
 * {@link EvalRecord}: the default remembers (t, z, theta) and recomputes the forward pass, a field
 * that can keep its activations overrides the three record methods.
 *
 * @param <S> the state type
 * @param <T> the parameter type (a state type too)
 */
public interface ParameterizedField<S, T> {

  /** Evaluates f(t, z; theta) into {@code dzdt}; {@code z} and {@code theta} are not modified. */
  void evaluate(double t, S z, T theta, S dzdt);

  /**
   * Writes a^T df/dz into {@code outZ} and <em>adds</em> a^T df/dtheta into {@code thetaAcc}.
   *
   * @param a the cotangent, shaped like f; not modified
   */
  void vjp(double t, S z, T theta, S a, S outZ, T thetaAcc);

  /**
   * Returns a new, empty record for {@link #evaluate(double, Object, Object, Object, EvalRecord)};
   * the default holds copies of z and theta.
   */
  default EvalRecord newRecord(StateOps<S> zOps, S zLike, StateOps<T> thetaOps, T thetaLike) {
    return new Remembered<>(new StateRecord<>(zOps, zLike), new StateRecord<>(thetaOps, thetaLike));
  }

  /**
   * Evaluates f(t, z; theta) into {@code dzdt} and overwrites {@code record} with what the VJP of
   * this evaluation needs; the record depends on neither {@code z} nor {@code theta} afterwards.
   */
  @SuppressWarnings("unchecked")
  default void evaluate(double t, S z, T theta, S dzdt, EvalRecord record) {
    evaluate(t, z, theta, dzdt);
    Remembered<S, T> r = (Remembered<S, T>) record;
    r.z.remember(t, z);
    r.theta.remember(t, theta);
  }

  /**
   * Computes the VJP of the evaluation stored in {@code record}, as {@link #vjp(double, Object,
   * Object, Object, Object, Object)} does at the recorded point. (Not named {@code vjp}: a class
   * that is also a {@link org.node4j.ode.grad.DifferentiableField} with G = T would clash.)
   */
  @SuppressWarnings("unchecked")
  default void recordedVjp(EvalRecord record, S a, S outZ, T thetaAcc) {
    Remembered<S, T> r = (Remembered<S, T>) record;
    vjp(r.z.t(), r.z.z(), r.theta.z(), a, outZ, thetaAcc);
  }

  /** The default record: copies of (t, z) and of theta. */
  record Remembered<S, T>(StateRecord<S> z, StateRecord<T> theta) implements EvalRecord {
    @Override
    public long bytes() {
      return z.bytes() + theta.bytes();
    }
  }
}

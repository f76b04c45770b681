package org.node4j.ode.grad;

import org.node4j.ode.StateOps;
import org.node4j.ode.VectorField;

/**
 * A vector field f(t, z; theta) that can also pull a cotangent back through itself: the contract
 * every gradient method of this package is written against.
 *
 * <p>The vector-Jacobian product (VJP) of a cotangent a at (t, z) writes a^T df/dz into {@code
 * outZ} and <em>adds</em> a^T df/dtheta into a parameter-gradient accumulator of type {@code G}, so
 * that the contributions of many evaluations (stages, steps, the continuous adjoint's integral) sum
 * up in one buffer. {@code G} is any type with a {@link StateOps}: a {@code double[]}, a {@link
 * org.node4j.ode.Tuple} of per-layer gradients, or tensors.
 *
 * <p>A field that evaluates a network at many Runge-Kutta stages and wants to differentiate a
 * stored evaluation without recomputing it overrides the record trio {@link #newRecord}, {@link
 * #evaluate(double, Object, Object, EvalRecord)} and {@link #vjp(EvalRecord, Object, Object,
 * Object)}. The defaults remember (t, z) in a {@link StateRecord} and recompute through {@link
 * #vjp(double, Object, Object, Object, Object)}.
 *
 * <p>Like any {@link VectorField}, an instance may keep scratch buffers and serve one solve at a
 * time.
 *
 * @param <S> the state type
 * @param <G> the parameter-gradient type
 */
public interface DifferentiableField<S, G> extends VectorField<S> {

  /** Returns the operations on parameter gradients. */
  StateOps<G> gradOps();

  /** Returns a new zero parameter gradient, shaped like the parameters. */
  G newGrad();

  /**
   * Computes the vector-Jacobian product at (t, z).
   *
   * @param t the time
   * @param z the state; not modified
   * @param a the cotangent, shaped like f(t, z); not modified
   * @param outZ receives a^T df/dz; overwritten, never the same object as {@code z} or {@code a}
   * @param gradAcc a^T df/dtheta is added into it
   */
  void vjp(double t, S z, S a, S outZ, G gradAcc);

  /**
   * Returns a new, empty record for {@link #evaluate(double, Object, Object, EvalRecord)}. The
   * default is a {@link StateRecord} shaped like {@code like}.
   */
  default EvalRecord newRecord(StateOps<S> ops, S like) {
    return new StateRecord<>(ops, like);
  }

  /**
   * Returns what the records this field makes for states like {@code like} are interchangeable by:
   * a field may evaluate into, and take the VJP of, a record made by another field with an equal
   * key, so that gradient passes sharing a {@link RecordPool} hand their records to each other. The
   * default, this field with the state's shape, shares with no other field; a field whose records
   * depend only on a network that several fields evaluate (with their own parameter values) can
   * return that network with the shape.
   */
  default Object recordKey(StateOps<S> ops, S like) {
    return java.util.List.of(this, ops.describe(like));
  }

  /**
   * Evaluates f(t, z) into {@code dzdt}, like {@link #evaluate(double, Object, Object)}, and
   * overwrites {@code record} with what the VJP of this evaluation needs.
   *
   * @param record a record made by this field's {@link #newRecord}
   */
  @SuppressWarnings("unchecked")
  default void evaluate(double t, S z, S dzdt, EvalRecord record) {
    evaluate(t, z, dzdt);
    ((StateRecord<S>) record).remember(t, z);
  }

  /**
   * Overwrites {@code record} with what the VJP of an evaluation at (t, z) needs, like {@link
   * #evaluate(double, Object, Object, EvalRecord)}, for callers that do not read f(t, z): {@code
   * scratch} is then left with unspecified contents. A step replayed only for its records (the
   * memory-free methods' backward pass, {@link MemoryFree}) evaluates its last stage this way. A
   * network whose last layer's backward pass does not read that layer's output (a linear layer) can
   * skip computing it, the last product of the evaluation. The default evaluates f into {@code
   * scratch}.
   *
   * @param record a record made by this field's {@link #newRecord}
   */
  default void record(double t, S z, S scratch, EvalRecord record) {
    evaluate(t, z, scratch, record);
  }

  /**
   * Evaluates f(t, z) into {@code dzdt} and computes the VJP of that evaluation for the cotangent
   * {@code a}, as {@link #evaluate(double, Object, Object, EvalRecord)} followed by {@link
   * #vjp(EvalRecord, Object, Object, Object)} (the default) and with the same results: the
   * continuous adjoint's augmented field ({@link ContinuousAdjoint}) needs both at every stage. A
   * network can run the two passes as one, each thread taking its share of the batch forward and
   * straight back.
   *
   * <p>With {@code parameters} false the caller does not read a^T df/dtheta: the field may skip it,
   * and may or may not add it into {@code gradAcc}, whose contents the caller discards.
   *
   * @param record a record made by this field's {@link #newRecord}; overwritten
   * @param a the cotangent, shaped like f(t, z); never the same object as {@code dzdt}
   * @param outZ receives a^T df/dz
   * @param gradAcc a^T df/dtheta is added into it when {@code parameters} is true
   * @param parameters whether the caller reads the parameter part of the VJP
   */
  default void evaluateWithVjp(
      double t, S z, S dzdt, EvalRecord record, S a, S outZ, G gradAcc, boolean parameters) {
    evaluate(t, z, dzdt, record);
    vjp(record, a, outZ, gradAcc);
  }

  /**
   * Computes the VJP of the evaluation stored in {@code record}: as {@link #vjp(double, Object,
   * Object, Object, Object)} at the recorded (t, z).
   */
  @SuppressWarnings("unchecked")
  default void vjp(EvalRecord record, S a, S outZ, G gradAcc) {
    StateRecord<S> r = (StateRecord<S>) record;
    vjp(r.t(), r.z(), a, outZ, gradAcc);
  }
}

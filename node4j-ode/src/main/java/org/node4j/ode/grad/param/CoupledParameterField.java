package org.node4j.ode.grad.param;

import java.util.List;
import org.node4j.ode.StateOps;
import org.node4j.ode.Tuple;
import org.node4j.ode.TupleOps;
import org.node4j.ode.grad.DifferentiableField;
import org.node4j.ode.grad.EvalRecord;

/**
 * ANODEV2's coupled ODE (Zhang, Yao, Gholami et al., NeurIPS 2019): the activations and the
 * parameters evolve together,
 *
 * <pre>
 *   z' = f(t, z; theta),   theta' = q(t, theta; p),
 * </pre>
 *
 * solved as one {@link Tuple} state (z, theta) whose parameter gradient is that of p. The learned
 * quantities are theta(0), which enters as part of the initial state, and p. A gradient method run
 * on this field gives dL/dtheta(0) as the theta part of dL/d(z0, theta0) and dL/dp in its gradient
 * accumulator; with Euler steps it is exactly ANODEV2's explicit scheme z_{k+1} = z_k + h f(z_k,
 * theta_k), theta_{k+1} = theta_k + h q(theta_k, p). q = 0 recovers a plain neural ODE.
 *
 * @param <S> the activation state type
 * @param <T> the evolving-parameter type
 * @param <P> the gradient type of q's parameters p
 */
public final class CoupledParameterField<S, T, P> implements DifferentiableField<Tuple, P> {

  private final ParameterizedField<S, T> f;
  private final DifferentiableField<T, P> q;
  private final StateOps<T> thetaOps;

  /**
   * Couples {@code f} with the parameter dynamics {@code q}.
   *
   * @param thetaOps the operations on theta
   */
  public CoupledParameterField(
      ParameterizedField<S, T> f, DifferentiableField<T, P> q, StateOps<T> thetaOps) {
    this.f = java.util.Objects.requireNonNull(f, "f");
    this.q = java.util.Objects.requireNonNull(q, "q");
    this.thetaOps = java.util.Objects.requireNonNull(thetaOps, "thetaOps");
  }

  /** Returns the operations on the joint state (z, theta); both parts enter the error norm. */
  public TupleOps stateOps(StateOps<S> zOps) {
    return TupleOps.allParts(List.of(zOps, thetaOps));
  }

  /** Returns the joint state (z, theta), wrapping the arguments by reference. */
  public static <S, T> Tuple state(S z, T theta) {
    return Tuple.of(z, theta);
  }

  @Override
  public void evaluate(double t, Tuple y, Tuple dy) {
    T theta = y.part(1);
    f.evaluate(t, y.part(0), theta, dy.part(0));
    q.evaluate(t, theta, dy.part(1));
  }

  /**
   * Pulls (a_z, a_theta) back: out_z = a_z^T f_z, out_theta = a_theta^T q_theta + a_z^T f_theta,
   * and gradAcc += a_theta^T q_p.
   */
  @Override
  public void vjp(double t, Tuple y, Tuple a, Tuple outY, P gradAcc) {
    T theta = y.part(1);
    T outTheta = outY.part(1);
    q.vjp(t, theta, a.part(1), outTheta, gradAcc);
    f.vjp(t, y.part(0), theta, a.part(0), outY.part(0), outTheta);
  }

  /**
   * Returns a record of f's evaluation and q's (each field's own kind), so that a stored-stage
   * method differentiates f from its kept activations when f keeps them. Needs the joint {@link
   * TupleOps} of {@link #stateOps}; other operations get the default record.
   */
  @Override
  public EvalRecord newRecord(StateOps<Tuple> ops, Tuple like) {
    if (!(ops instanceof TupleOps joint) || joint.size() != 2) {
      return DifferentiableField.super.newRecord(ops, like);
    }
    T theta = like.part(1);
    return new Joint(
        f.newRecord(joint.part(0), like.part(0), thetaOps, theta), q.newRecord(thetaOps, theta));
  }

  @Override
  public void evaluate(double t, Tuple y, Tuple dy, EvalRecord record) {
    if (!(record instanceof Joint r)) {
      DifferentiableField.super.evaluate(t, y, dy, record);
      return;
    }
    T theta = y.part(1);
    f.evaluate(t, y.part(0), theta, dy.part(0), r.f);
    q.evaluate(t, theta, dy.part(1), r.q);
  }

  @Override
  public void vjp(EvalRecord record, Tuple a, Tuple outY, P gradAcc) {
    if (!(record instanceof Joint r)) {
      DifferentiableField.super.vjp(record, a, outY, gradAcc);
      return;
    }
    T outTheta = outY.part(1);
    q.vjp(r.q, a.part(1), outTheta, gradAcc);
    f.recordedVjp(r.f, a.part(0), outY.part(0), outTheta);
  }

  /** The records of f's and q's evaluations at one stage. */
  private record Joint(EvalRecord f, EvalRecord q) implements EvalRecord {
    @Override
    public long bytes() {
      return f.bytes() + q.bytes();
    }
  }

  @Override
  public StateOps<P> gradOps() {
    return q.gradOps();
  }

  @Override
  public P newGrad() {
    return q.newGrad();
  }
}

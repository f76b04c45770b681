package org.node4j.nn.field;

import java.util.List;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.state.TensorOps;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.StateOps;
import org.node4j.ode.Tuple;
import org.node4j.ode.TupleOps;

/**
 * q = 0: the weights keep theta(0), so ANODEV2 is a plain neural ODE (Zhang et al. 2019). q has no
 * parameters; since a {@link Tuple} cannot be empty its gradient is one scalar that stays zero.
 */
public final class ZeroDynamics implements WeightDynamics {
  private static final StateOps<Tuple> GRAD_OPS = TupleOps.allParts(List.of(TensorOps.INSTANCE));
  private final int tensors;
  private final Tuple ownGradient = newGradient();

  private ZeroDynamics(int tensors) {
    this.tensors = tensors;
  }

  /** Returns q = 0 for the weights {@code theta}. */
  public static ZeroDynamics of(List<Parameter> theta) {
    return new ZeroDynamics(theta.size());
  }

  private static Tuple newGradient() {
    return Tuple.of(Tensor.zeros(DType.FLOAT64, 1));
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  @Override
  public Tuple ownGradient() {
    return ownGradient;
  }

  @Override
  public int thetaTensors() {
    return tensors;
  }

  @Override
  public StateOps<Tuple> gradOps() {
    return GRAD_OPS;
  }

  @Override
  public Tuple newGrad() {
    return newGradient();
  }

  @Override
  public void evaluate(double t, Tuple theta, Tuple dtheta) {
    for (int j = 0; j < dtheta.size(); j++) {
      dtheta.<Tensor>part(j).fillZero();
    }
  }

  /** q_theta = 0: writes zeros; there is no p to accumulate into. */
  @Override
  public void vjp(double t, Tuple theta, Tuple a, Tuple outTheta, Tuple gradAcc) {
    evaluate(t, theta, outTheta);
  }
}

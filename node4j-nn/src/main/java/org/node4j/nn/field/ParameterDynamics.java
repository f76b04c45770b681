package org.node4j.nn.field;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.state.TensorOps;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.StateOps;
import org.node4j.ode.Tuple;
import org.node4j.ode.TupleOps;

/**
 * The dynamics theta' = q(t, theta; p) of a network's weights in ANODEV2 (Zhang et al. 2019), one
 * small law per weight tensor theta_j:
 *
 * <pre>
 *   q_j(theta) = -lambda * theta_j + g_j * tanh(theta_j) + b_j,
 * </pre>
 *
 * with a fixed decay rate lambda >= 0 and learned p = (g_j, b_j) for every j: a scalar gain g_j (a
 * tensor of shape [1]) and a drift b_j shaped like theta_j. <b>This law is our choice</b>: the
 * paper evolves the weights by a reaction-diffusion-advection equation whose operators the sources
 * do not specify. It is small, smooth and well defined for any tensor shape; lambda = 0 with zero
 * gains and drifts gives q = 0, a plain neural ODE.
 *
 * <p>The gradient type is a {@link Tuple} over {@link #parameters()} in the order (g_0, b_0, g_1,
 * b_1, ...); {@link #ownGradient()} is the copy-free tuple of the parameters' own gradient buffers,
 * so an {@code org.node4j.nn.optim.Optimizer} can train p after a backward pass into it.
 */
public final class ParameterDynamics implements WeightDynamics {
  private final double lambda;
  private final List<Parameter> params;
  private final StateOps<Tuple> gradOps;
  private final Tuple ownGradient;

  private ParameterDynamics(double lambda, List<Parameter> params) {
    this.lambda = lambda;
    this.params = Collections.unmodifiableList(params);
    this.gradOps = TupleOps.allParts(Collections.nCopies(params.size(), TensorOps.INSTANCE));
    this.ownGradient = Tuple.of(params.stream().map(Parameter::grad).toArray());
  }

  /**
   * Returns q for weights shaped like {@code theta}, with decay rate {@code lambda} and zero gains
   * and drifts (so that q(theta) = -lambda * theta until p is trained or set).
   *
   * @param theta the network's parameters; their shapes, dtypes and names give those of p (g_j is
   *     named "name.gain", b_j "name.drift")
   * @throws IllegalArgumentException if lambda is negative or not finite, or the sizes differ
   */
  public static ParameterDynamics decayGainDrift(List<Parameter> theta, double lambda) {
    if (!(lambda >= 0 && Double.isFinite(lambda))) {
      throw new IllegalArgumentException(
          "decay rate lambda = " + lambda + " must be finite and >= 0 (0 for no decay)");
    }
    List<Parameter> p = new ArrayList<>();
    for (Parameter w : theta) {
      Tensor v = w.value();
      p.add(new Parameter(w.name() + ".gain", Tensor.zeros(v.dtype(), 1)));
      p.add(new Parameter(w.name() + ".drift", v.zerosLike()));
    }
    return new ParameterDynamics(lambda, p);
  }

  /** Returns the decay rate lambda. */
  public double lambda() {
    return lambda;
  }

  /** Returns p: the gain and drift of every theta tensor, (g_0, b_0, g_1, b_1, ...). */
  @Override
  public List<Parameter> parameters() {
    return params;
  }

  /** Returns the gain g_j of theta tensor j (shape [1]). */
  public Parameter gain(int j) {
    return params.get(2 * j);
  }

  /** Returns the drift b_j of theta tensor j (shaped like theta_j). */
  public Parameter drift(int j) {
    return params.get(2 * j + 1);
  }

  /** Returns the parameters' own gradient buffers as a tuple: the copy-free accumulator. */
  @Override
  public Tuple ownGradient() {
    return ownGradient;
  }

  @Override
  public int thetaTensors() {
    return params.size() / 2;
  }

  @Override
  public StateOps<Tuple> gradOps() {
    return gradOps;
  }

  @Override
  public Tuple newGrad() {
    return Tuple.of(params.stream().map(p -> p.value().zerosLike()).toArray());
  }

  @Override
  public void evaluate(double t, Tuple theta, Tuple dtheta) {
    requireSize(theta);
    for (int j = 0; j < theta.size(); j++) {
      Tensor th = theta.part(j);
      Tensor out = dtheta.part(j);
      Tensor b = drift(j).value();
      Tensor.requireSameShape(b, th);
      double g = gain(j).value().get(0);
      for (int i = 0, n = th.size(); i < n; i++) {
        double x = th.get(i);
        out.set(i, -lambda * x + g * Math.tanh(x) + b.get(i));
      }
    }
  }

  /**
   * Writes a_j * (-lambda + g_j (1 - tanh^2 theta_j)) into {@code outTheta}, and adds sum a_j
   * tanh(theta_j) to dL/dg_j and a_j to dL/db_j.
   */
  @Override
  public void vjp(double t, Tuple theta, Tuple a, Tuple outTheta, Tuple gradAcc) {
    requireSize(theta);
    for (int j = 0; j < theta.size(); j++) {
      Tensor th = theta.part(j);
      Tensor aj = a.part(j);
      Tensor out = outTheta.part(j);
      Tensor dg = gradAcc.part(2 * j);
      Tensor db = gradAcc.part(2 * j + 1);
      Tensor.requireSameShape(db, th);
      double g = gain(j).value().get(0);
      double sum = 0;
      for (int i = 0, n = th.size(); i < n; i++) {
        double s = Math.tanh(th.get(i));
        double ai = aj.get(i);
        out.set(i, ai * (-lambda + g * (1 - s * s)));
        sum += ai * s;
        db.set(i, db.get(i) + ai);
      }
      dg.set(0, dg.get(0) + sum);
    }
  }

  private void requireSize(Tuple theta) {
    if (2 * theta.size() != params.size()) {
      throw new IllegalArgumentException(
          "theta has "
              + theta.size()
              + " tensors but these dynamics were built for "
              + params.size() / 2
              + "; build them with decayGainDrift on the network's parameters");
    }
  }
}

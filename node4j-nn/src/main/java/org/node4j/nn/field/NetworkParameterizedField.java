package org.node4j.nn.field;

import java.util.List;
import java.util.Objects;
import org.node4j.nn.layer.Layer;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.Tuple;
import org.node4j.ode.grad.param.ParameterizedField;

/**
 * A network f(t, z; theta) whose weights theta are passed in as a {@link Tuple} of tensors rather
 * than read from its own {@link Parameter}s, so that they can evolve by their own ODE (ANODEV2,
 * Zhang, Yao, Gholami et al., NeurIPS 2019; {@link Anodev2Field}).
 *
 * <p>theta has one tensor per parameter of the network, in the order of {@link Layer#parameters()}
 * and with the same shapes. Each evaluation and VJP copies theta into the network's parameter
 * values and then runs a {@link NeuralField} shared over time: the network's own values are scratch
 * and are overwritten. a^T df/dtheta is the network's parameter gradient, which the {@link
 * NeuralField} adds into the theta accumulator part by part while leaving the parameters' own
 * gradient buffers as they were.
 *
 * <p>The copy costs one pass over the weights per evaluation, small next to the network's work on a
 * batch. Like any vector field, an instance serves one solve at a time.
 */
public final class NetworkParameterizedField implements ParameterizedField<Tensor, Tuple> {
  private final NeuralField field;
  private final List<Parameter> params;

  private NetworkParameterizedField(NeuralField field) {
    this.field = field;
    this.params = field.parameters();
  }

  /**
   * Wraps {@code network}, t entering as {@code time}.
   *
   * @param network maps a state [B, ...] (with the time channel, if any) to the state's shape
   */
  public static NetworkParameterizedField of(Layer network, TimeInput time) {
    Objects.requireNonNull(network, "network");
    return new NetworkParameterizedField(NeuralField.shared(network, Objects.requireNonNull(time)));
  }

  /** Wraps an autonomous network: t is ignored. */
  public static NetworkParameterizedField autonomous(Layer network) {
    return of(network, TimeInput.NONE);
  }

  /** Returns the network's parameters, whose values are overwritten by every evaluation. */
  public List<Parameter> parameters() {
    return params;
  }

  /** Returns a new theta: copies of the network's current parameter values. */
  public Tuple thetaFromNetwork() {
    return Tuple.of(params.stream().map(p -> p.value().copy()).toArray());
  }

  /** Returns a new zero tuple shaped like theta. */
  public Tuple zerosLikeTheta() {
    return field.newGrad();
  }

  @Override
  public void evaluate(double t, Tensor z, Tuple theta, Tensor dzdt) {
    load(theta);
    field.evaluate(t, z, dzdt);
  }

  @Override
  public void vjp(double t, Tensor z, Tuple theta, Tensor a, Tensor outZ, Tuple thetaAcc) {
    load(theta);
    field.vjp(t, z, a, outZ, thetaAcc);
  }

  /** Copies theta into the network's parameter values. */
  private void load(Tuple theta) {
    if (theta.size() != params.size()) {
      throw new IllegalArgumentException(
          "theta has "
              + theta.size()
              + " tensors but the network has "
              + params.size()
              + " parameters; pass one tensor per parameter, in the order of parameters()");
    }
    for (int j = 0; j < params.size(); j++) {
      params.get(j).value().copyFrom(theta.part(j));
    }
  }
}

package org.node4j.nn.field;

import java.util.Collections;
import java.util.Objects;
import org.node4j.nn.layer.Layer;
import org.node4j.nn.state.TensorOps;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.StateOps;
import org.node4j.ode.Tuple;
import org.node4j.ode.TupleOps;
import org.node4j.ode.grad.param.CoupledParameterField;

/**
 * ANODEV2 for a network (Zhang, Yao, Gholami et al., NeurIPS 2019; Zhang et al. 2019): the
 * activations z and the network's weights theta evolve together,
 *
 * <pre>
 *   z' = f(t, z; theta),   theta' = q(t, theta; p),
 * </pre>
 *
 * solved as one state (z, theta) = {@code Tuple.of(z, Tuple.of(theta_0, theta_1, ...))}. f is a
 * {@link NetworkParameterizedField}, q a {@link WeightDynamics} ({@link WeightDynamicsKind}). The
 * learned quantities are theta(0), part of the initial state, and p: a gradient method run on
 * {@link #field()} gives dL/dtheta(0) as the theta part of dL/d(z0, theta0), and adds dL/dp into
 * its gradient accumulator ({@link WeightDynamics#ownGradient()} for p's own buffers). With Euler
 * steps the solve is exactly ANODEV2's explicit scheme.
 *
 * <p>A stored-stage method keeps, per stage, the network's activations and a copy of theta (f's
 * record) and a copy of theta for q (q's default record), and differentiates the network from its
 * activations without a second forward pass.
 *
 * <p>The field reads theta from the state in place and never touches the network's own parameter
 * values or gradient buffers; {@link #initialTheta()} copies the network's current values as a
 * starting theta(0), so the usual way in is:
 *
 * <pre>{@code
 * Anodev2Field a = Anodev2Field.of(net, TimeInput.NONE, 0.1);
 * Tuple theta0 = a.initialTheta();            // the trainable theta(0)
 * GradProblem<Tuple, Tuple> problem =
 *     GradProblem.builder(a.field(), a.stateOps()).span(0, 1)
 *         .setup(SolveSetup.steps(Solvers.rk4(), 8)).build();
 * GradientPass<Tuple, Tuple> pass = StoredStages.create().prepare(problem);
 * Tuple yT = pass.forward(a.state(z0, theta0));
 * }</pre>
 */
public final class Anodev2Field {
  private final NetworkParameterizedField network;
  private final WeightDynamics dynamics;
  private final TupleOps thetaOps;
  private final CoupledParameterField<Tensor, Tuple, Tuple> field;
  private final TupleOps stateOps;

  private Anodev2Field(NetworkParameterizedField network, WeightDynamics dynamics) {
    this.network = network;
    this.dynamics = dynamics;
    int n = network.parameters().size();
    this.thetaOps = TupleOps.allParts(Collections.nCopies(n, TensorOps.INSTANCE));
    this.field = new CoupledParameterField<>(network, dynamics, thetaOps);
    this.stateOps = field.stateOps(TensorOps.INSTANCE);
  }

  /**
   * Couples {@code network} (a {@link org.node4j.nn.layer.Sequential} or any layer) with the weight
   * dynamics {@link ParameterDynamics#decayGainDrift} of decay rate {@code lambda}.
   *
   * @param network maps a state [B, ...] (with the time channel, if any) to the state's shape
   * @param time how t enters the network
   * @param lambda the decay rate of the weights, >= 0
   */
  public static Anodev2Field of(Layer network, TimeInput time, double lambda) {
    NetworkParameterizedField f = NetworkParameterizedField.of(network, time);
    return new Anodev2Field(f, ParameterDynamics.decayGainDrift(f.parameters(), lambda));
  }

  /**
   * Couples {@code network} with the weight dynamics of the given kind (Zhang et al. 2019, θ' =
   * q(θ, p)).
   *
   * @param lambda the decay rate of {@link WeightDynamicsKind#DECAY_GAIN_DRIFT}, ignored otherwise
   */
  public static Anodev2Field of(
      Layer network, TimeInput time, WeightDynamicsKind kind, double lambda) {
    NetworkParameterizedField f = NetworkParameterizedField.of(network, time);
    return new Anodev2Field(f, kind.build(f.parameters(), lambda));
  }

  /** Couples an existing f with existing dynamics built for its parameters. */
  public static Anodev2Field of(NetworkParameterizedField network, WeightDynamics dynamics) {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(dynamics, "dynamics");
    if (dynamics.thetaTensors() != network.parameters().size()) {
      throw new IllegalArgumentException(
          "the dynamics were built for "
              + dynamics.thetaTensors()
              + " weight tensors but the network has "
              + network.parameters().size()
              + "; build them from f.parameters() (WeightDynamicsKind.build)");
    }
    return new Anodev2Field(network, dynamics);
  }

  /** Returns the coupled field on (z, theta), whose parameter gradient is dL/dp. */
  public CoupledParameterField<Tensor, Tuple, Tuple> field() {
    return field;
  }

  /** Returns the operations on the joint state (z, theta); both parts enter the error norm. */
  public TupleOps stateOps() {
    return stateOps;
  }

  /** Returns the operations on theta. */
  public StateOps<Tuple> thetaOps() {
    return thetaOps;
  }

  /** Returns f, the network with its weights passed in. */
  public NetworkParameterizedField network() {
    return network;
  }

  /** Returns q, the dynamics of the weights. */
  public WeightDynamics dynamics() {
    return dynamics;
  }

  /** Returns a new theta: copies of the network's current parameter values. */
  public Tuple initialTheta() {
    return network.thetaFromNetwork();
  }

  /** Returns the joint state (z, theta), wrapping the arguments by reference. */
  public static Tuple state(Tensor z, Tuple theta) {
    return CoupledParameterField.state(z, theta);
  }
}

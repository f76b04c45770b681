package org.node4j.nn.field;

import java.util.List;
import java.util.Objects;
import org.node4j.nn.layer.Layer;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.StateOps;
import org.node4j.ode.Tuple;
import org.node4j.ode.grad.EvalRecord;
import org.node4j.ode.grad.param.ParameterizedField;

/**
 * A network f(t, z; theta) whose weights theta are passed in as a {@link Tuple} of tensors rather
 * than read from its own {@link Parameter}s, so that they can evolve by their own ODE (ANODEV2,
 * Zhang, Yao, Gholami et al., NeurIPS 2019; {@link Anodev2Field}).
 *
 * <p>theta has one tensor per parameter of the network, in the order of {@link Layer#parameters()}
 * and with the same shapes. Each evaluation reads theta in place through a {@link
 * org.node4j.nn.param.ParameterSource}, and each VJP adds a^T df/dtheta straight into the theta
 * accumulator through a {@link org.node4j.nn.param.GradientSink}: the network's own parameter
 * values and gradient buffers are neither read nor written, and nothing is copied.
 *
 * <p>Like any vector field, an instance serves one solve at a time.
 */
public final class NetworkParameterizedField implements ParameterizedField<Tensor, Tuple> {
  private final NeuralField field;
  private final List<Parameter> params;
  private final ParameterSlots slots;
  private final ParameterSlots.TupleSource source;
  private final ParameterSlots.TupleSink sink;
  private final int[] identity;

  private NetworkParameterizedField(NeuralField field) {
    this.field = field;
    this.params = field.parameters();
    this.slots = new ParameterSlots(params);
    this.source = new ParameterSlots.TupleSource(slots);
    this.sink = new ParameterSlots.TupleSink(slots);
    this.identity = java.util.stream.IntStream.range(0, params.size()).toArray();
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

  /** Returns the network's parameters: the keys of theta's parts (their values are not read). */
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
    field.evaluate(t, z, dzdt, source.bind(requireFits(theta)));
  }

  @Override
  public void vjp(double t, Tensor z, Tuple theta, Tensor a, Tensor outZ, Tuple thetaAcc) {
    requireFits(thetaAcc);
    field.vjp(t, z, a, outZ, source.bind(requireFits(theta)), sink.bind(thetaAcc, identity));
  }

  /**
   * Returns a record that keeps the network's activations and a copy of theta, so that the VJP of a
   * stored evaluation runs the backward pass without recomputing the forward one.
   */
  @Override
  public EvalRecord newRecord(
      StateOps<Tensor> zOps, Tensor zLike, StateOps<Tuple> thetaOps, Tuple thetaLike) {
    NeuralRecord inner = (NeuralRecord) field.newRecord(zOps, zLike);
    return new Record(inner, thetaOps, requireFits(thetaOps.zerosLike(thetaLike)), slots);
  }

  @Override
  public void evaluate(double t, Tensor z, Tuple theta, Tensor dzdt, EvalRecord record) {
    Record r = (Record) record;
    r.thetaOps.copyInto(requireFits(theta), r.theta);
    field.evaluate(t, z, dzdt, r.inner, r.source);
  }

  @Override
  public void recordedVjp(EvalRecord record, Tensor a, Tensor outZ, Tuple thetaAcc) {
    Record r = (Record) record;
    field.vjp(r.inner, a, outZ, sink.bind(requireFits(thetaAcc), identity));
  }

  /** The network's activations and the copy of theta they were computed with. */
  private static final class Record implements EvalRecord {
    final NeuralRecord inner;
    final StateOps<Tuple> thetaOps;
    final Tuple theta;
    final ParameterSlots.TupleSource source;

    Record(NeuralRecord inner, StateOps<Tuple> thetaOps, Tuple theta, ParameterSlots slots) {
      this.inner = inner;
      this.thetaOps = thetaOps;
      this.theta = theta;
      this.source = new ParameterSlots.TupleSource(slots).bind(theta);
    }

    @Override
    public long bytes() {
      return inner.bytes() + thetaOps.bytes(theta);
    }
  }

  /** Checks that {@code theta} has one tensor of each parameter's shape and dtype. */
  private Tuple requireFits(Tuple theta) {
    if (theta.size() != params.size()) {
      throw new IllegalArgumentException(
          "theta has "
              + theta.size()
              + " tensors but the network has "
              + params.size()
              + " parameters; pass one tensor per parameter, in the order of parameters()");
    }
    for (int j = 0; j < params.size(); j++) {
      Tensor p = params.get(j).value();
      Tensor th = theta.part(j);
      if (!p.sameShape(th) || p.dtype() != th.dtype()) {
        throw new IllegalArgumentException(
            "theta part "
                + j
                + " is "
                + th
                + " but parameter '"
                + params.get(j).name()
                + "' is "
                + p);
      }
    }
    return theta;
  }
}

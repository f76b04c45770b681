package org.node4j.nn.field;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.node4j.nn.layer.Cache;
import org.node4j.nn.layer.Layer;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.ops.Shapes;
import org.node4j.nn.param.GradientSink;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.param.ParameterSource;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.StateOps;
import org.node4j.ode.Tuple;
import org.node4j.ode.grad.DifferentiableField;
import org.node4j.ode.grad.EvalRecord;
import org.node4j.ode.grad.param.DepthSchedule;

/**
 * A neural network as the vector field f(t, z; theta) of an ODE: the contract between node4j's
 * layers and every gradient method of {@code org.node4j.ode.grad}.
 *
 * <p>The parameters are N {@link ParameterSets} over a {@link DepthSchedule}: one set for a field
 * shared over time (Ott et al.'s ODE blocks, weight-tied ResNets), N sets for a depth-indexed field
 * in which theta_k is used on [k/N, (k+1)/N) (a ResNet with untied weights; Sander et al.). t may
 * also enter the network as an input channel ({@link TimeInput}).
 *
 * <p><b>Records.</b> {@link #evaluate(double, Tensor, Tensor, EvalRecord)} keeps the network's
 * activations in a {@link NeuralRecord}, and {@link #vjp(EvalRecord, Tensor, Tensor, Tuple)} runs
 * the backward pass from them: a stored-stage method differentiates each stage without evaluating
 * the network again.
 *
 * <p><b>Gradients</b> are {@link Tuple}s over {@link ParameterSets#distinct()}. The network's
 * backward pass adds straight into the accumulator it is given, through a {@link GradientSink}: the
 * parameters' own {@link Parameter#grad()} buffers ({@link #ownGradient()}) or any other tuple (the
 * continuous adjoint's augmented state), with no save, zero or restore of gradient buffers.
 *
 * <p><b>Depth-indexed evaluation.</b> One compute network of the architecture is evaluated for
 * every depth, reading theta_k in place through a {@link ParameterSource}: its parameters serve as
 * keys, and their own values are used only by the sets that list them. Records therefore hold
 * caches of one network, whatever k, so a pass needs as many records as it holds evaluations and no
 * more, and no weights are copied.
 *
 * <p>Like any vector field, an instance serves one solve at a time.
 */
public final class NeuralField implements DifferentiableField<Tensor, Tuple> {
  private final Sequential net;
  private final TimeInput time;
  private final ParameterSets sets;
  private final DepthSchedule schedule;
  private final ParameterSource[] sources;
  private final boolean[] ownSet;
  private final ParameterSlots.TupleSink sink;
  private final GradientSink discarding = GradientSink.discarding();
  private final List<Workspace> workspaces = new ArrayList<>();

  private NeuralField(Layer network, TimeInput time, ParameterSets sets, DepthSchedule schedule) {
    this.net = network instanceof Sequential s ? s : Sequential.of(network);
    this.time = time;
    this.sets = sets;
    this.schedule = schedule;
    List<Parameter> compute = net.parameters();
    ParameterSets.requireAligned(
        compute.toArray(new Parameter[0]), sets.set(0).toArray(new Parameter[0]), 0);
    if (schedule.depth() != sets.depth()) {
      throw new IllegalArgumentException(
          "schedule depth " + schedule.depth() + " differs from " + sets.depth() + " sets");
    }
    ParameterSlots slots = new ParameterSlots(compute);
    this.sources = new ParameterSource[sets.depth()];
    this.ownSet = new boolean[sets.depth()];
    for (int k = 0; k < sources.length; k++) {
      ownSet[k] = sets.set(k).equals(compute);
      sources[k] = ownSet[k] ? ParameterSource.OWN : slots.source(sets.set(k));
    }
    this.sink = new ParameterSlots.TupleSink(slots);
  }

  /**
   * The field z' = net(z): shared weights, t ignored (Ott et al.'s ODE blocks).
   *
   * @param network maps a state [B, ...] to a tensor of the same shape
   */
  public static NeuralField autonomous(Layer network) {
    return shared(network, TimeInput.NONE);
  }

  /** The field z' = net([z, t]) with t as an extra input channel. */
  public static NeuralField withTimeChannel(Layer network) {
    return shared(network, TimeInput.CHANNEL);
  }

  /** A field with the network's own parameters shared over time, t entering as {@code time}. */
  public static NeuralField shared(Layer network, TimeInput time) {
    return new NeuralField(
        network, time, ParameterSets.single(network.parameters()), DepthSchedule.unit(1));
  }

  /**
   * A depth-indexed field: {@code compute} is evaluated with theta_k = set k of {@code sets}, read
   * in place, at times of index k under {@code schedule}. {@code compute}'s parameters are the keys
   * of the sets' positions; their values are used only at depths whose set lists them (pass one of
   * the depths' own networks as {@code compute} to hold no extra weights).
   *
   * @throws IllegalArgumentException if the sets do not fit {@code compute}'s parameter list or the
   *     schedule's depth differs from the number of sets
   */
  public static NeuralField depthIndexed(
      Layer compute, ParameterSets sets, DepthSchedule schedule, TimeInput time) {
    return new NeuralField(compute, time, sets, schedule);
  }

  /**
   * Returns a field that computes exactly what this one computes, on a replica of the compute
   * network ({@link Layer#replica}) that reads every depth's parameters from this field's sets in
   * place, so that another thread can evaluate and differentiate it alongside this field (with
   * gradients into an accumulator of its own); {@code null} when the network cannot be replicated.
   */
  public NeuralField replica() {
    Sequential copy = net.replica();
    return copy == null ? null : new NeuralField(copy, time, sets, schedule);
  }

  /**
   * Returns the work of one evaluation at states like {@code like} ({@link Sequential#passWork}):
   * its chunk of samples, the rows by which a batch of independent samples may be cut into shards
   * (0: it may not), and its floating-point operations.
   */
  public Sequential.PassWork passWork(Tensor like) {
    return net.passWork(time.inputShape(like.shape()), like.dtype());
  }

  /** Returns the compute network. */
  public Sequential network() {
    return net;
  }

  /** Returns the parameter sets. */
  public ParameterSets parameterSets() {
    return sets;
  }

  /** Returns the distinct trainable parameters, the order of the gradient tuple. */
  public List<Parameter> parameters() {
    return sets.distinct();
  }

  /** Returns the depth schedule. */
  public DepthSchedule schedule() {
    return schedule;
  }

  /** Returns how t enters the network. */
  public TimeInput timeInput() {
    return time;
  }

  /** Returns the parameters' own gradient buffers as a tuple: the copy-free accumulator. */
  public Tuple ownGradient() {
    return sets.gradients();
  }

  @Override
  public StateOps<Tuple> gradOps() {
    return sets.gradOps();
  }

  @Override
  public Tuple newGrad() {
    return sets.newGrad();
  }

  @Override
  public void evaluate(double t, Tensor z, Tensor dzdt) {
    evaluate(t, z, dzdt, sources[schedule.index(t)]);
  }

  /** Evaluates the network at (t, z) with parameter values from {@code params}. */
  void evaluate(double t, Tensor z, Tensor dzdt, ParameterSource params) {
    Workspace w = workspace(z);
    net.forward(input(w, t, z), w.scratch, params, dzdt);
  }

  /**
   * Returns the compute network with how t enters and the state's shape: a record holds a cache of
   * that network and the depth index of the evaluation, nothing of the parameter values, so fields
   * that evaluate one compute network with parameter sets of their own ({@link #depthIndexed}, as
   * the equal-width ODE blocks of {@link org.node4j.nn.model.OdeResNet}) share their records.
   */
  @Override
  public Object recordKey(StateOps<Tensor> ops, Tensor like) {
    return List.of(net, time, Shapes.describe(like));
  }

  @Override
  public EvalRecord newRecord(StateOps<Tensor> ops, Tensor like) {
    return new NeuralRecord(net.newCache(time.inputShape(like.shape()), like.dtype()));
  }

  @Override
  public void evaluate(double t, Tensor z, Tensor dzdt, EvalRecord record) {
    recordedPass(t, z, dzdt, (NeuralRecord) record, false);
  }

  /**
   * Records the evaluation at (t, z) without its output when the network's last layer is linear
   * ({@link Sequential#record}): the last product is skipped and {@code scratch} is left
   * unspecified. The memory-free methods' replays call this for the stages nothing reads.
   */
  @Override
  public void record(double t, Tensor z, Tensor scratch, EvalRecord record) {
    recordedPass(t, z, scratch, (NeuralRecord) record, true);
  }

  /**
   * Runs the network at (t, z) with depth k's parameters, keeping its activations in {@code r}: its
   * output into {@code out}, or only what the backward pass needs ({@code recordOnly}).
   */
  private void recordedPass(double t, Tensor z, Tensor out, NeuralRecord r, boolean recordOnly) {
    Workspace w = workspace(z);
    r.k = schedule.index(t);
    if (recordOnly) {
      net.record(input(w, t, z), r.cache, sources[r.k], out);
    } else {
      net.forward(input(w, t, z), r.cache, sources[r.k], out);
    }
  }

  /** Evaluates with parameter values from {@code params}, keeping the activations in {@code r}. */
  void evaluate(double t, Tensor z, Tensor dzdt, NeuralRecord r, ParameterSource params) {
    Workspace w = workspace(z);
    r.k = 0;
    net.forward(input(w, t, z), r.cache, params, dzdt);
  }

  @Override
  public void vjp(EvalRecord record, Tensor a, Tensor outZ, Tuple gradAcc) {
    NeuralRecord r = (NeuralRecord) record;
    vjp(r, a, outZ, sink(requireFilled(r).k, gradAcc));
  }

  /**
   * Evaluates and pulls {@code a} back in one pass of the network ({@link
   * Sequential#forwardBackward(Tensor, Cache, ParameterSource, Tensor, Tensor, Tensor,
   * GradientSink)}): with one-region passes each thread takes its samples forward and straight
   * back, one parallel region where evaluate-then-VJP takes two. The same bits as the two calls.
   * Without {@code parameters} the layers skip their parameter gradients (a discarding sink).
   */
  @Override
  public void evaluateWithVjp(
      double t,
      Tensor z,
      Tensor dzdt,
      EvalRecord record,
      Tensor a,
      Tensor outZ,
      Tuple gradAcc,
      boolean parameters) {
    NeuralRecord r = (NeuralRecord) record;
    r.k = schedule.index(t);
    GradientSink grads = parameters ? sink(r.k, gradAcc) : discarding;
    forwardBackward(t, z, r.cache, sources[r.k], dzdt, a, outZ, grads);
  }

  /** Runs the backward pass of the evaluation kept in {@code r}, adding into {@code grads}. */
  void vjp(NeuralRecord r, Tensor a, Tensor outZ, GradientSink grads) {
    backward(workspace(outZ), requireFilled(r).cache, a, outZ, grads);
  }

  private static NeuralRecord requireFilled(NeuralRecord r) {
    if (r.k < 0) {
      throw new IllegalStateException("VJP of a record that no evaluation has filled");
    }
    return r;
  }

  @Override
  public void vjp(double t, Tensor z, Tensor a, Tensor outZ, Tuple gradAcc) {
    int k = schedule.index(t);
    vjp(t, z, a, outZ, sources[k], sink(k, gradAcc));
  }

  /**
   * Recomputes the network at (t, z) with parameter values from {@code params}, then writes a^T
   * df/dz into {@code outZ} and adds a^T df/dtheta into {@code grads}.
   */
  void vjp(double t, Tensor z, Tensor a, Tensor outZ, ParameterSource params, GradientSink grads) {
    forwardBackward(t, z, workspace(z).scratch, params, null, a, outZ, grads);
  }

  /**
   * Runs the network at (t, z) into {@code cache} (its output into {@code out} unless null) and
   * straight back from the cotangent {@code a}: a^T df/dz into {@code outZ} (without the time
   * channel), a^T df/dtheta into {@code grads}.
   */
  private void forwardBackward(
      double t,
      Tensor z,
      Cache cache,
      ParameterSource params,
      Tensor out,
      Tensor a,
      Tensor outZ,
      GradientSink grads) {
    Workspace w = workspace(z);
    Tensor dx = w.dAug == null ? outZ : w.dAug;
    net.forwardBackward(input(w, t, z), cache, params, out, a, dx, grads);
    if (w.dAug != null) {
      TimeInput.strip(w.dAug, outZ);
    }
  }

  /** Returns where depth k's gradients go: the parameters' own buffers, or {@code gradAcc}. */
  private GradientSink sink(int k, Tuple gradAcc) {
    if (ownSet[k] && sets.isOwnGradient(gradAcc)) {
      return GradientSink.OWN;
    }
    return sink.bind(gradAcc, sets.parts(k));
  }

  private static Tensor input(Workspace w, double t, Tensor z) {
    if (w.aug == null) {
      return z;
    }
    TimeInput.fill(z, t, w.aug);
    return w.aug;
  }

  private void backward(Workspace w, Cache c, Tensor a, Tensor outZ, GradientSink grads) {
    Tensor dx = w.dAug == null ? outZ : w.dAug;
    net.backward(a, c, dx, grads);
    if (w.dAug != null) {
      TimeInput.strip(w.dAug, outZ);
    }
  }

  private Workspace workspace(Tensor z) {
    for (int i = 0; i < workspaces.size(); i++) {
      Workspace w = workspaces.get(i);
      if (Shapes.hasShape(z, w.shape, w.dtype)) { // z.shape() would allocate a copy
        return w;
      }
    }
    Workspace w = new Workspace(z);
    workspaces.add(w);
    return w;
  }

  /** Buffers for states of one shape: a scratch cache and the time-channel input/cotangent. */
  private final class Workspace {
    final int[] shape;
    final DType dtype;
    final Cache scratch;
    final Tensor aug;
    final Tensor dAug;

    Workspace(Tensor z) {
      this.shape = z.shape();
      this.dtype = z.dtype();
      int[] in = time.inputShape(shape);
      int[] out = net.outputShape(in);
      if (!Arrays.equals(out, shape)) {
        throw new IllegalArgumentException(
            "the network maps input "
                + Arrays.toString(in)
                + " to "
                + Arrays.toString(out)
                + ", but a vector field must return the state shape "
                + Arrays.toString(shape));
      }
      this.scratch = net.newCache(in, dtype);
      this.aug = time == TimeInput.NONE ? null : Tensor.zeros(dtype, in);
      this.dAug = aug == null ? null : aug.zerosLike();
    }
  }
}

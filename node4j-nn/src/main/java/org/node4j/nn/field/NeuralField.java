package org.node4j.nn.field;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.node4j.nn.layer.Cache;
import org.node4j.nn.layer.Layer;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.ops.Elementwise;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.StateOps;
import org.node4j.ode.Tuple;
import org.node4j.ode.grad.DifferentiableField;
import org.node4j.ode.grad.EvalRecord;

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
 * <p><b>Gradients</b> are {@link Tuple}s over {@link ParameterSets#distinct()}. When the
 * accumulator is {@link #ownGradient()} (the parameters' own {@link Parameter#grad()} buffers) and
 * the field is shared over time, the layers add into it directly, with no copy. Any other
 * accumulator (the continuous adjoint's augmented state) costs a save, zero, add and restore of the
 * gradient buffers.
 *
 * <p><b>Depth-indexed evaluation.</b> One compute network of the architecture is evaluated for
 * every depth: theta_k is copied into it before the forward or backward pass of step k, and its
 * gradient is added into the parts of set k. Records therefore hold caches of one network, whatever
 * k, so a pass needs as many records as it holds evaluations and no more. The copy costs one pass
 * over one set's parameters per evaluation, small next to the network's work on a batch.
 *
 * <p>Like any vector field, an instance serves one solve at a time.
 */
public final class NeuralField implements DifferentiableField<Tensor, Tuple> {
  private final Sequential net;
  private final TimeInput time;
  private final ParameterSets sets;
  private final DepthSchedule schedule;
  private final List<Parameter> compute;
  private final boolean direct;
  private final Tensor[] saved;
  private final List<Workspace> workspaces = new ArrayList<>();

  private NeuralField(Layer network, TimeInput time, ParameterSets sets, DepthSchedule schedule) {
    this.net = network instanceof Sequential s ? s : Sequential.of(network);
    this.time = time;
    this.sets = sets;
    this.schedule = schedule;
    this.compute = net.parameters();
    ParameterSets.requireAligned(
        compute.toArray(new Parameter[0]), sets.set(0).toArray(new Parameter[0]), 0);
    if (schedule.depth() != sets.depth()) {
      throw new IllegalArgumentException(
          "schedule depth " + schedule.depth() + " differs from " + sets.depth() + " sets");
    }
    this.direct = sets.tied() && sets.set(0).equals(compute);
    this.saved = compute.stream().map(p -> p.value().zerosLike()).toArray(Tensor[]::new);
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
   * A depth-indexed field: {@code compute} is evaluated with theta_k = set k of {@code sets} at
   * times of index k under {@code schedule}. {@code compute}'s own parameters are scratch (they are
   * overwritten) unless every set is exactly its parameter list.
   *
   * @throws IllegalArgumentException if the sets do not fit {@code compute}'s parameter list or the
   *     schedule's depth differs from the number of sets
   */
  public static NeuralField depthIndexed(
      Layer compute, ParameterSets sets, DepthSchedule schedule, TimeInput time) {
    return new NeuralField(compute, time, sets, schedule);
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
    Workspace w = workspace(z);
    load(t);
    net.forward(input(w, t, z), w.scratch, dzdt);
  }

  @Override
  public EvalRecord newRecord(StateOps<Tensor> ops, Tensor like) {
    return new NeuralRecord(net.newCache(time.inputShape(like.shape()), like.dtype()));
  }

  @Override
  public void evaluate(double t, Tensor z, Tensor dzdt, EvalRecord record) {
    NeuralRecord r = (NeuralRecord) record;
    Workspace w = workspace(z);
    r.k = load(t);
    r.t = t;
    net.forward(input(w, t, z), r.cache, dzdt);
  }

  @Override
  public void vjp(EvalRecord record, Tensor a, Tensor outZ, Tuple gradAcc) {
    NeuralRecord r = (NeuralRecord) record;
    if (r.k < 0) {
      throw new IllegalStateException("VJP of a record that no evaluation has filled");
    }
    load(r.t);
    backward(workspace(outZ), r.cache, r.k, a, outZ, gradAcc);
  }

  @Override
  public void vjp(double t, Tensor z, Tensor a, Tensor outZ, Tuple gradAcc) {
    Workspace w = workspace(z);
    int k = load(t);
    net.forward(input(w, t, z), w.scratch);
    backward(w, w.scratch, k, a, outZ, gradAcc);
  }

  /** Copies theta_k for time t into the compute network (nothing when it owns the weights). */
  private int load(double t) {
    int k = schedule.index(t);
    if (!direct) {
      for (int j = 0; j < compute.size(); j++) {
        compute.get(j).value().copyFrom(sets.get(k, j).value());
      }
    }
    return k;
  }

  private static Tensor input(Workspace w, double t, Tensor z) {
    if (w.aug == null) {
      return z;
    }
    TimeInput.fill(z, t, w.aug);
    return w.aug;
  }

  private void backward(Workspace w, Cache c, int k, Tensor a, Tensor outZ, Tuple gradAcc) {
    Tensor dx = w.dAug == null ? outZ : w.dAug;
    if (direct && sets.isOwnGradient(gradAcc)) {
      net.backward(a, c, dx);
    } else if (direct) {
      for (int j = 0; j < compute.size(); j++) {
        saved[j].copyFrom(compute.get(j).grad());
        compute.get(j).zeroGrad();
      }
      net.backward(a, c, dx);
      for (int j = 0; j < compute.size(); j++) {
        Tensor g = compute.get(j).grad();
        Elementwise.axpy(1.0, g, gradAcc.part(sets.part(k, j)));
        g.copyFrom(saved[j]);
      }
    } else {
      for (Parameter p : compute) {
        p.zeroGrad();
      }
      net.backward(a, c, dx);
      for (int j = 0; j < compute.size(); j++) {
        Elementwise.axpy(1.0, compute.get(j).grad(), gradAcc.part(sets.part(k, j)));
      }
    }
    if (w.dAug != null) {
      TimeInput.strip(w.dAug, outZ);
    }
  }

  private Workspace workspace(Tensor z) {
    for (int i = 0; i < workspaces.size(); i++) {
      Workspace w = workspaces.get(i);
      if (w.dtype == z.dtype() && Arrays.equals(w.shape, z.shape())) {
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

package org.node4j.nn.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.node4j.nn.field.NeuralField;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.state.TensorOps;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.SaveAt;
import org.node4j.ode.Solution;
import org.node4j.ode.Tuple;
import org.node4j.ode.grad.GradProblem;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.GradientPass;
import org.node4j.ode.grad.GradientReport;
import org.node4j.ode.grad.RecordPool;
import org.node4j.ode.integrate.Integrator;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.integrate.SolveSpec;

/**
 * An ODE block z(t1) = z0 + integral of f(t, z; theta) over [t0, t1]: a {@link NeuralField}, a
 * training {@link SolveSetup} (solver, step-size controller, step budget) and a {@link
 * GradientMethod} (Chen et al. 2018; Ott et al. 2021, §2). ResNets and HeunNets are ODE blocks of
 * depth-indexed fields ({@link ResidualNetwork}).
 *
 * <p>Training runs {@link #forward} then {@link #backward}; the gradient goes into the parameters'
 * own {@link Parameter#grad()} buffers through {@link NeuralField#ownGradient()}, with no copy.
 * Every backward returns the method's {@link GradientReport}: evaluations forward and backward and
 * the peak bytes held for the backward pass. {@link #solve} integrates without keeping anything for
 * a backward pass, with any solver and controller (Ott et al.'s test with other solvers), and can
 * save the trajectory.
 *
 * <p>The setup is one immutable value, checked when it was built; a new setup or method is checked
 * against the other ({@link GradientMethod#check}, which allocates nothing) before the one field
 * changes, so a failed change leaves the block as it was.
 *
 * <p>The block keeps one gradient pass per input shape (a short last batch gets its own), reused
 * across iterations, and drops them when the integration or the method changes. Not thread-safe.
 *
 * <p>A fixed-step solve of a field whose samples are independent (every layer sample-wise, {@link
 * NeuralField#passWork}), whose batch is large enough to split and whose evaluations are small
 * enough ({@link BatchShards#MAX_EVALUATION_FLOPS}), in a block that shares no record pool ({@link
 * Builder#records}), runs as shards of the batch, each through the whole solve on one thread
 * ({@link BatchShards}): the same outputs bit for bit, parameter gradients summed shard by shard,
 * the same bits for any thread count, and one extra parameter gradient held per extra shard. {@link
 * Builder#shards} turns it off.
 */
public final class OdeBlock implements ContinuousBlock {
  private final NeuralField field;
  private final double t0;
  private final double t1;
  private SolveSetup setup;
  private GradientMethod method;
  private final RecordPool records;
  private final boolean shard;
  private final List<Slot> passes = new ArrayList<>();
  private Slot pending;

  private OdeBlock(Builder b) {
    this.field = Objects.requireNonNull(b.field, "field");
    this.t0 = b.t0;
    this.t1 = b.t1;
    this.setup = Objects.requireNonNull(b.setup, "setup (call setup(SolveSetup.of(...)))");
    this.method = Objects.requireNonNull(b.method, "method (call method(...))");
    this.records = b.records;
    this.shard = b.shard;
    method.check(setup);
  }

  /** Starts a builder for a block of {@code field} over [0, 1]. */
  public static Builder builder(NeuralField field) {
    return new Builder(field);
  }

  /** Returns the vector field. */
  public NeuralField field() {
    return field;
  }

  /** Returns the trainable parameters. */
  @Override
  public List<Parameter> parameters() {
    return field.parameters();
  }

  /** Returns the start of the span. */
  public double t0() {
    return t0;
  }

  /** Returns the end of the span. */
  public double t1() {
    return t1;
  }

  /** Returns the training setup: solver, controller and step budget. */
  public SolveSetup setup() {
    return setup;
  }

  /** Returns the gradient method. */
  public GradientMethod method() {
    return method;
  }

  /**
   * Replaces the training setup (step or tolerance adaptation); the block is unchanged if it
   * throws.
   *
   * @throws IllegalArgumentException if the method cannot work with the new setup
   */
  @Override
  public void setIntegration(SolveSetup newSetup) {
    method.check(Objects.requireNonNull(newSetup, "setup"));
    setup = newSetup;
    reset();
  }

  /**
   * Sets the gradient method; the block is unchanged if it throws.
   *
   * @throws IllegalArgumentException if it cannot work with the block's setup
   */
  @Override
  public void setMethod(GradientMethod newMethod) {
    newMethod.check(setup);
    method = newMethod;
    reset();
  }

  /**
   * Solves from {@code z0} with the training integration and keeps what the backward pass needs.
   *
   * @return z(t1), owned by the block and overwritten by the next forward of this shape
   */
  @Override
  public Tensor forward(Tensor z0) {
    Slot s = passFor(z0);
    pending = s;
    return s.forward(z0);
  }

  /**
   * Pulls dL/dz(t1) back through the last {@link #forward}, writes dL/dz0 and adds dL/dtheta into
   * the parameters' gradients.
   */
  @Override
  public GradientReport backward(Tensor dLdzT, Tensor dLdz0) {
    return backward(dLdzT, dLdz0, field.ownGradient());
  }

  /** As {@link #backward(Tensor, Tensor)}, adding dL/dtheta into {@code gradAcc} instead. */
  public GradientReport backward(Tensor dLdzT, Tensor dLdz0, Tuple gradAcc) {
    if (pending == null) {
      throw new IllegalStateException("backward needs a forward pass first");
    }
    Slot p = pending;
    pending = null;
    return p.backward(dLdzT, dLdz0, gradAcc);
  }

  /**
   * Returns the bytes the pending forward pass holds for its backward pass (see {@link
   * GradientPass#bytesHeld}), or 0 when no backward pass is waiting.
   */
  @Override
  public long bytesHeld() {
    return pending == null ? 0 : pending.bytesHeld();
  }

  /**
   * Integrates from {@code z0} with {@code with} (any solver and controller, e.g. Ott et al.'s test
   * with other solvers), keeping nothing for a backward pass.
   *
   * @param saveAt which states to return (the final one, every step, or given times)
   */
  public Solution<Tensor> solve(Tensor z0, SolveSetup with, SaveAt saveAt) {
    return Integrator.solve(
        SolveSpec.builder(field, TensorOps.INSTANCE, z0)
            .span(t0, t1)
            .setup(with)
            .saveAt(saveAt)
            .build());
  }

  /** Integrates from {@code z0} with the training setup, keeping nothing. */
  public Solution<Tensor> solve(Tensor z0) {
    return solve(z0, setup, SaveAt.t1());
  }

  @Override
  public Tensor evaluate(Tensor z0) {
    return solve(z0).y();
  }

  private GradientPass<Tensor, Tuple> prepare(NeuralField f, RecordPool pool) {
    return method.prepare(
        GradProblem.builder(f, TensorOps.INSTANCE).span(t0, t1).setup(setup).records(pool).build());
  }

  private Slot passFor(Tensor z0) {
    Slot s = find(z0);
    if (s == null) {
      GradientPass<Tensor, Tuple> p = prepare(field, records);
      s = new Slot(z0.shape(), z0.dtype(), p, shardsFor(z0, p));
      passes.add(s);
    }
    return s;
  }

  /**
   * Returns the slot of inputs like {@code z0}, or {@code null} before their first forward pass.
   */
  private Slot find(Tensor z0) {
    for (int i = 0; i < passes.size(); i++) {
      Slot s = passes.get(i);
      if (s.dtype == z0.dtype() && Arrays.equals(s.shape, z0.shape())) {
        return s;
      }
    }
    return null;
  }

  /**
   * Returns the shards for inputs like {@code z0}, whose first is {@code own}, or {@code null} when
   * the solve runs unsharded (see the class comment).
   */
  private BatchShards shardsFor(Tensor z0, GradientPass<Tensor, Tuple> own) {
    // A block that shares a record pool with other blocks keeps that pool's memory bound (one set
    // of records for the network); replicas running alongside would need pools of their own.
    if (!shard || records != null || !setup.constantSteps() || z0.rank() < 2) {
      return null;
    }
    Sequential.PassWork work = field.passWork(z0);
    if (work.flops() <= 0 || work.flops() > BatchShards.MAX_EVALUATION_FLOPS) {
      return null;
    }
    int rows = z0.dim(0);
    int grain = BatchShards.grain(rows, work.grain());
    int count = Parallel.chunkCount(rows, grain);
    if (count < 2) {
      return null;
    }
    List<GradientPass<Tensor, Tuple>> shardPasses = new ArrayList<>();
    shardPasses.add(own);
    for (int s = 1; s < count; s++) {
      NeuralField replica = field.replica();
      if (replica == null) {
        return null;
      }
      shardPasses.add(prepare(replica, null)); // a pool of its own: it runs alongside shard 0
    }
    return new BatchShards(z0.shape(), z0.dtype(), grain, shardPasses, field.gradOps());
  }

  /** Returns how many shards inputs like {@code z0} run as (1: unsharded) once one has run. */
  int shardCount(Tensor z0) {
    Slot s = find(z0);
    return s == null || s.shards == null ? 1 : s.shards.count();
  }

  private void reset() {
    passes.clear();
    pending = null;
  }

  /**
   * The gradient pass of one input shape, and its shards when the batch is sharded (then the pass
   * is shard 0's and the shards run it).
   */
  private record Slot(
      int[] shape, DType dtype, GradientPass<Tensor, Tuple> pass, BatchShards shards) {
    Tensor forward(Tensor z0) {
      return shards != null ? shards.forward(z0) : pass.forward(z0);
    }

    GradientReport backward(Tensor dLdzT, Tensor dLdz0, Tuple gradAcc) {
      return shards != null
          ? shards.backward(dLdzT, dLdz0, gradAcc)
          : pass.backward(dLdzT, dLdz0, gradAcc);
    }

    long bytesHeld() {
      return shards != null ? shards.bytesHeld() : pass.bytesHeld();
    }
  }

  /** Builds an {@link OdeBlock}; setup and method are required. */
  public static final class Builder {
    private final NeuralField field;
    private double t0 = 0.0;
    private double t1 = 1.0;
    private SolveSetup setup;
    private GradientMethod method;
    private RecordPool records;
    private boolean shard = true;

    private Builder(NeuralField field) {
      this.field = field;
    }

    /** Sets the span (default [0, 1], as in Ott et al.). */
    public Builder span(double start, double end) {
      this.t0 = start;
      this.t1 = end;
      return this;
    }

    /** Sets the training setup: solver, controller and step budget (required). */
    public Builder setup(SolveSetup value) {
      this.setup = value;
      return this;
    }

    /** Sets the gradient method (required). */
    public Builder method(GradientMethod value) {
      this.method = value;
      return this;
    }

    /**
     * Shares {@code pool} with the other blocks of a network, whose backward passes run one after
     * the other (default: none, each gradient pass keeps its records in a pool of its own). See
     * {@link RecordPool}.
     */
    public Builder records(RecordPool pool) {
      this.records = pool;
      return this;
    }

    /**
     * Whether a fixed-step solve of a large batch of independent samples runs as shards, one thread
     * through the whole solve per shard (default true; see the class comment and {@link
     * BatchShards}). Results do not depend on the thread count either way; parameter gradients
     * differ from an unsharded solve's by the order of the shards' sums.
     */
    public Builder shards(boolean value) {
      this.shard = value;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException if the method cannot work with the setup
     */
    public OdeBlock build() {
      return new OdeBlock(this);
    }
  }
}

package org.node4j.nn.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;
import org.node4j.nn.field.NeuralField;
import org.node4j.nn.field.ParameterSets;
import org.node4j.nn.field.TimeInput;
import org.node4j.nn.layer.Layer;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.GradientReport;
import org.node4j.ode.grad.StoredStages;
import org.node4j.ode.grad.param.DepthGrid;
import org.node4j.ode.grad.param.DepthSchedule;
import org.node4j.ode.integrate.SolveSetup;

/**
 * A deep residual network of N residual functions f_0 .. f_{N-1} with 1/N scaling, whose forward
 * pass <em>is</em> an ODE solve of the depth-indexed field f(t, x) = f_{k(t)}(x) on the {@link
 * DepthGrid} of the ode module (Sander et al., NeurIPS 2022; Marion et al., ICLR 2024):
 *
 * <ul>
 *   <li>{@link Scheme#EULER} (ResNet): x_{n+1} = x_n + (1/N) f_n(x_n), n = 0..N-1, literally N
 *       Euler steps over [0, 1];
 *   <li>{@link Scheme#HEUN} (HeunNet): N - 1 Heun steps of size 1/N over [0, (N - 1)/N], step i
 *       using f_i at its start and f_{i+1} at its predictor: y = x + f_i(x)/N, x &lt;- x + (f_i(x)
 *       + f_{i+1}(y))/(2N).
 * </ul>
 *
 * <p>The functions are untied (separate parameters per layer) or weight-tied (one function). Any
 * {@link GradientMethod} differentiates it: backpropagation ({@link StoredStages}) or Sander et
 * al.'s memory-free reconstruction ({@code MemoryFree.euler()} / {@code heun()}), which needs
 * nothing per layer. Initialise the layers with {@link #initialize(DepthInit, RandomGenerator)}.
 */
public final class ResidualNetwork {

  /** The discretisation scheme that defines the network. */
  public enum Scheme {
    /** ResNet: N Euler steps. */
    EULER,
    /** HeunNet: N - 1 Heun steps of the same N functions. */
    HEUN
  }

  private final Scheme scheme;
  private final int depth;
  private final List<Layer> functions;
  private final NeuralField field;
  private final OdeBlock block;

  private ResidualNetwork(Builder b) {
    this.scheme = b.scheme;
    this.depth = b.depth;
    List<Layer> fs = new ArrayList<>();
    List<List<Parameter>> sets = new ArrayList<>();
    if (b.tied) {
      Layer f = b.factory.apply(0);
      fs.add(f);
      sets.addAll(Collections.nCopies(depth, f.parameters()));
    } else {
      for (int k = 0; k < depth; k++) {
        Layer f = b.factory.apply(k);
        fs.add(f);
        sets.add(f.parameters());
      }
    }
    // f_0 computes every depth, reading theta_k in place: no extra network, no weight copies.
    Layer compute = fs.get(0);
    List<Parameter> first = compute.parameters();
    if (!first.isEmpty()) {
      ModelWarmup.request(scheme, first.get(0).value().dtype());
    }
    this.functions = List.copyOf(fs);
    this.field =
        NeuralField.depthIndexed(
            compute, ParameterSets.of(sets), DepthSchedule.unit(depth), TimeInput.NONE);
    DepthGrid grid = scheme == Scheme.EULER ? DepthGrid.resnet(depth) : DepthGrid.heunNet(depth);
    OdeBlock.Builder ob =
        OdeBlock.builder(field)
            .method(b.method)
            .span(grid.t0(), grid.t1())
            .shards(b.shard)
            .setup(new SolveSetup(grid.solver(), grid.steps(), depth + 1));
    this.block = ob.build();
  }

  /** A ResNet of {@code depth} functions made by {@code factory} (argument: the layer index k). */
  public static Builder resNet(IntFunction<? extends Layer> factory, int depth) {
    return new Builder(factory, depth, Scheme.EULER);
  }

  /** A HeunNet of {@code depth} >= 2 functions made by {@code factory}. */
  public static Builder heunNet(IntFunction<? extends Layer> factory, int depth) {
    return new Builder(factory, depth, Scheme.HEUN);
  }

  /** Returns the scheme. */
  public Scheme scheme() {
    return scheme;
  }

  /** Returns N, the number of residual functions. */
  public int depth() {
    return depth;
  }

  /** Returns whether the functions share one set of weights. */
  public boolean tied() {
    return functions.size() == 1;
  }

  /** Returns residual function k (the shared function when tied). */
  public Layer function(int k) {
    Objects.checkIndex(k, depth);
    return functions.get(tied() ? 0 : k);
  }

  /** Returns the depth-indexed field the network solves. */
  public NeuralField field() {
    return field;
  }

  /** Returns the ODE block (solver, steps and gradient method) of the network. */
  public OdeBlock block() {
    return block;
  }

  /** Returns the trainable parameters of all layers, layer by layer. */
  public List<Parameter> parameters() {
    return field.parameters();
  }

  /** Initialises the layers' parameters. */
  public ResidualNetwork initialize(DepthInit init, RandomGenerator rng) {
    init.apply(field.parameterSets(), rng);
    return this;
  }

  /** Sets the gradient method (e.g. {@code MemoryFree.euler()} for a ResNet). */
  public void setMethod(GradientMethod method) {
    block.setMethod(method);
  }

  /**
   * Runs the network on {@code x} (shape of the functions' input), keeping what backward needs. A
   * large batch runs as shards, each through the whole network on one thread (see {@link
   * OdeBlock}); the output is the same bits either way.
   */
  public Tensor forward(Tensor x) {
    return block.forward(x);
  }

  /** Pulls dL/dx_N back, writes dL/dx_0 and adds the parameter gradients into their buffers. */
  public GradientReport backward(Tensor dLdOut, Tensor dLdIn) {
    return block.backward(dLdOut, dLdIn);
  }

  /** Builds a {@link ResidualNetwork}. */
  public static final class Builder {
    private final IntFunction<? extends Layer> factory;
    private final int depth;
    private final Scheme scheme;
    private boolean tied;
    private GradientMethod method = StoredStages.create();
    private boolean shard = true;

    private Builder(IntFunction<? extends Layer> factory, int depth, Scheme scheme) {
      this.factory = Objects.requireNonNull(factory, "factory");
      int min = scheme == Scheme.HEUN ? 2 : 1;
      if (depth < min) {
        throw new IllegalArgumentException(
            (scheme == Scheme.HEUN ? "a HeunNet needs depth >= 2" : "a ResNet needs depth >= 1")
                + ", got "
                + depth);
      }
      this.depth = depth;
      this.scheme = scheme;
    }

    /** Shares one function's weights over all layers (default: untied). */
    public Builder tied(boolean value) {
      this.tied = value;
      return this;
    }

    /** Sets the gradient method (default: stored stages, i.e. backpropagation). */
    public Builder method(GradientMethod value) {
      this.method = Objects.requireNonNull(value, "method");
      return this;
    }

    /**
     * Whether a large batch runs as shards, one thread through the whole network per shard (default
     * true; see {@link OdeBlock.Builder#shards}).
     */
    public Builder shards(boolean value) {
      this.shard = value;
      return this;
    }

    /** Builds the network; its parameters are zero until {@link #initialize}. */
    public ResidualNetwork build() {
      return new ResidualNetwork(this);
    }
  }
}

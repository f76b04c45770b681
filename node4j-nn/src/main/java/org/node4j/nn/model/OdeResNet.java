package org.node4j.nn.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.node4j.nn.field.NeuralField;
import org.node4j.nn.field.ParameterSets;
import org.node4j.nn.field.TimeInput;
import org.node4j.nn.field.WeightDynamicsKind;
import org.node4j.nn.layer.Activation;
import org.node4j.nn.layer.AvgPool2d;
import org.node4j.nn.layer.BatchNorm;
import org.node4j.nn.layer.Cache;
import org.node4j.nn.layer.Conv2d;
import org.node4j.nn.layer.Flatten;
import org.node4j.nn.layer.Linear;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.loss.Accuracy;
import org.node4j.nn.loss.CrossEntropy;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.GradientReport;
import org.node4j.ode.grad.RecordPool;
import org.node4j.ode.grad.param.DepthSchedule;
import org.node4j.ode.integrate.SolveSetup;

/**
 * A small ResNet whose stages each end in one ODE block, in the spirit of ANODE's ResNet-18-ODE
 * (Gholami et al., IJCAI 2019; their released code, amirgholami/anode, {@code models/resnet.py}),
 * sized for a CPU:
 *
 * <pre>
 *   stem:       conv3x3(C_in -&gt; w_0) + BN + ReLU
 *   stage i:    conv3x3(w_{i-1} -&gt; w_i, stride s_i) + BN + ReLU   (the transition)
 *               ODE block z' = f_i(z) over [0, 1], f_i = {@link #odeBody}
 *   head:       global average pool + Linear(w_L -&gt; classes)
 * </pre>
 *
 * <p>The paper's stages put a standard BasicBlock before each ODE block; here one strided conv + BN
 * + ReLU plays its part (the change of width and resolution), which halves the network's non-ODE
 * work. Every ODE block has its own solver, controller and {@link GradientMethod}, set all at once
 * by {@link #setIntegration} and {@link #setMethod}. With {@link Builder#weightDynamics} each block
 * is an {@link Anodev2Block} instead (ANODEV2, Zhang et al. 2019): the body's weights evolve with
 * the activations, from theta(0) = the body's parameters.
 *
 * <p>{@link #trainBatch} also accounts for the memory the ODE blocks hold for the backward pass of
 * the whole network: after the forward pass each block holds what its method keeps ({@link
 * OdeBlock#bytesHeld}); the backward pass then runs block L first, so while block i is pulled back,
 * blocks 1..i-1 still hold their forward bytes and block i holds its own peak. The network's peak
 * is the largest such sum.
 *
 * <p><b>Records.</b> The blocks' backward passes run one after the other, so the plain ODE blocks
 * share one {@link RecordPool}, and blocks of equal width evaluate one compute network (the first
 * such block's body) with their own parameters ({@link NeuralField#depthIndexed}), so that their
 * records are interchangeable: with ANODE's checkpointing the network keeps one block's N_t steps
 * of recomputed records between iterations, not L of them (blocks of other widths keep their own).
 * Not thread-safe.
 */
public final class OdeResNet {
  private final Sequential stem;
  private final List<Sequential> transitions;
  private final List<ContinuousBlock> blocks;
  private final Sequential head;
  private final List<Parameter> parameters;
  private final List<Buffers> buffers = new ArrayList<>();
  private final RecordPool records = RecordPool.create();

  private OdeResNet(Builder b) {
    DType dt = b.dtype;
    int c = b.input[0];
    this.stem =
        Sequential.of(
            Conv2d.builder(c, b.stemChannels)
                .kernel(3)
                .padding(1)
                .bias(false)
                .name("stem.conv")
                .dtype(dt)
                .build(),
            BatchNorm.builder2d(b.stemChannels).name("stem.bn").dtype(dt).build(),
            Activation.relu());
    int[] shape = stem.outputShape(new int[] {1, b.input[0], b.input[1], b.input[2]});
    List<Sequential> ts = new ArrayList<>();
    List<ContinuousBlock> bs = new ArrayList<>();
    java.util.Map<Integer, Sequential> computeByWidth = new java.util.HashMap<>();
    int width = b.stemChannels;
    for (int i = 0; i < b.stages.size(); i++) {
      Stage s = b.stages.get(i);
      String p = "stage" + (i + 1) + ".";
      Sequential t =
          Sequential.of(
              Conv2d.builder(width, s.channels())
                  .kernel(3)
                  .padding(1)
                  .stride(s.stride())
                  .bias(false)
                  .name(p + "conv")
                  .dtype(dt)
                  .build(),
              BatchNorm.builder2d(s.channels()).name(p + "bn").dtype(dt).build(),
              Activation.relu());
      shape = t.outputShape(shape);
      ts.add(t);
      Sequential body = odeBody(s.channels(), dt, p + "ode.");
      bs.add(
          b.dynamics == null
              ? OdeBlock.builder(field(body, computeByWidth.putIfAbsent(s.channels(), body)))
                  .setup(b.setup)
                  .method(b.method)
                  .records(records)
                  .build()
              : Anodev2Block.of(body, b.dynamics, b.lambda, b.setup, b.method));
      width = s.channels();
    }
    this.transitions = List.copyOf(ts);
    this.blocks = List.copyOf(bs);
    this.head =
        Sequential.of(
            new AvgPool2d(shape[2]),
            new Flatten(),
            Linear.builder(width, b.classes).name("head.fc").dtype(dt).build());
    List<Parameter> all = new ArrayList<>(stem.parameters());
    for (int i = 0; i < blocks.size(); i++) {
      all.addAll(transitions.get(i).parameters());
      all.addAll(blocks.get(i).parameters());
    }
    all.addAll(head.parameters());
    this.parameters = List.copyOf(all);
    initialise(new Random(b.seed));
  }

  /** The field of {@code body}, evaluated by {@code compute} (a body of the same width) if any. */
  private static NeuralField field(Sequential body, Sequential compute) {
    return compute == null
        ? NeuralField.autonomous(body)
        : NeuralField.depthIndexed(
            compute,
            ParameterSets.single(body.parameters()),
            DepthSchedule.unit(1),
            TimeInput.NONE);
  }

  /**
   * ANODE's ODE-block field f(z) = ReLU(conv3x3(ReLU(conv3x3 z))), channels to channels, with bias:
   * the paper's f = ReLU(BN(conv(ReLU(BN(conv z))))) without its two batch norms. Batch norm inside
   * a vector field makes f depend on the batch and updates its running statistics at every
   * evaluation, recomputation and adjoint evaluation alike, so the gradient methods would no longer
   * differentiate one function; the transitions between the ODE blocks keep theirs.
   */
  public static Sequential odeBody(int channels, DType dtype, String prefix) {
    return Sequential.of(
        Conv2d.builder(channels, channels)
            .kernel(3)
            .padding(1)
            .name(prefix + "conv1")
            .dtype(dtype)
            .build(),
        Activation.relu(),
        Conv2d.builder(channels, channels)
            .kernel(3)
            .padding(1)
            .name(prefix + "conv2")
            .dtype(dtype)
            .build(),
        Activation.relu());
  }

  /** Starts a builder for inputs [B, C, H, W] with {@code sample} = {C, H, W}. */
  public static Builder builder(int[] sample, int classes) {
    return new Builder(sample, classes);
  }

  /** Returns every trainable parameter: stem, then per stage transition and block, then head. */
  public List<Parameter> parameters() {
    return parameters;
  }

  /**
   * Returns the state that is not a parameter but a run must save to resume exactly: the batch
   * norms' running means and variances, by name ({@code stem.bn.running_mean}, ...).
   */
  public java.util.Map<String, Tensor> stateBuffers() {
    java.util.Map<String, Tensor> out = new java.util.LinkedHashMap<>();
    List<Sequential> seqs = new ArrayList<>(List.of(stem));
    seqs.addAll(transitions);
    String[] names = new String[seqs.size()];
    names[0] = "stem.bn";
    for (int i = 1; i < names.length; i++) {
      names[i] = "stage" + i + ".bn";
    }
    for (int i = 0; i < seqs.size(); i++) {
      for (var l : seqs.get(i).layers()) {
        if (l instanceof BatchNorm bn) {
          out.put(names[i] + ".running_mean", bn.runningMean());
          out.put(names[i] + ".running_var", bn.runningVar());
        }
      }
    }
    return out;
  }

  /** Returns the ODE blocks, one per stage. */
  public List<ContinuousBlock> blocks() {
    return blocks;
  }

  /**
   * Returns the record pool the ODE blocks share: its {@link RecordPool#bytes()} are the bytes of
   * evaluation records the network keeps between iterations.
   */
  public RecordPool records() {
    return records;
  }

  /** Sets every block's gradient method. */
  public void setMethod(GradientMethod method) {
    blocks.forEach(b -> b.setMethod(method));
  }

  /** Sets every block's training solver and controller. */
  public void setIntegration(SolveSetup setup) {
    blocks.forEach(b -> b.setIntegration(setup));
  }

  /** Clears every parameter's gradient. */
  public void zeroGrad() {
    parameters.forEach(Parameter::zeroGrad);
  }

  /**
   * The result of one training batch.
   *
   * @param loss the mean cross-entropy
   * @param correct correct predictions in the batch
   * @param reports each block's gradient report, first block first
   * @param heldAfterForward bytes the blocks hold for the backward pass after the forward pass
   * @param peakBytesHeld the network's peak of those bytes during the backward pass (see above)
   */
  public record Step(
      double loss,
      int correct,
      List<GradientReport> reports,
      long heldAfterForward,
      long peakBytesHeld) {}

  /**
   * Forward, mean cross-entropy and backward over a full batch: adds the gradients into the
   * parameters' buffers (the caller zeroes them).
   */
  public Step trainBatch(Tensor x, int[] labels) {
    setTraining(true);
    Buffers b = buffersFor(x);
    Tensor h = stem.forward(x, b.stem);
    long[] held = new long[blocks.size()];
    for (int i = 0; i < blocks.size(); i++) {
      h = transitions.get(i).forward(h, b.transitions[i]);
      h = blocks.get(i).forward(h);
      held[i] = blocks.get(i).bytesHeld();
    }
    Tensor logits = head.forward(h, b.head);
    double loss = CrossEntropy.withLogits(logits, labels, b.dLogits);
    int correct = Accuracy.countCorrect(logits, labels);
    long before = Arrays.stream(held).sum();
    long peak = before;
    head.backward(b.dLogits, b.head, b.dz[blocks.size() - 1]);
    GradientReport[] reports = new GradientReport[blocks.size()];
    for (int i = blocks.size() - 1; i >= 0; i--) {
      before -= held[i];
      reports[i] = blocks.get(i).backward(b.dz[i], b.dh[i]);
      peak = Math.max(peak, before + reports[i].peakBytesHeld());
      transitions.get(i).backward(b.dh[i], b.transitions[i], i == 0 ? b.dStem : b.dz[i - 1]);
    }
    stem.backward(b.dStem, b.stem, null);
    return new Step(loss, correct, List.of(reports), Arrays.stream(held).sum(), peak);
  }

  /** Counts correct predictions with the training integration, batch norms in evaluation mode. */
  public int countCorrect(Tensor x, int[] labels, int count) {
    setTraining(false);
    Buffers b = buffersFor(x);
    Tensor h = stem.forward(x, b.stem);
    for (int i = 0; i < blocks.size(); i++) {
      h = transitions.get(i).forward(h, b.transitions[i]);
      h = blocks.get(i).evaluate(h);
    }
    Tensor logits = head.forward(h, b.head);
    setTraining(true);
    int correct = 0;
    int k = logits.dim(1);
    for (int r = 0; r < count; r++) {
      int best = 0;
      for (int j = 1; j < k; j++) {
        if (logits.get(r * k + j) > logits.get(r * k + best)) {
          best = j;
        }
      }
      correct += best == labels[r] ? 1 : 0;
    }
    return correct;
  }

  private void setTraining(boolean training) {
    stem.setTraining(training);
    transitions.forEach(t -> t.setTraining(training));
  }

  private void initialise(Random rnd) {
    java.util.Set<Parameter> keep = new java.util.HashSet<>();
    blocks.forEach(b -> keep.addAll(b.keepInitial()));
    for (Parameter p : parameters) {
      if (keep.contains(p)) {
        continue;
      } else if (p.name().endsWith("bn.weight")) {
        fill(p.value(), 1.0);
      } else if (p.name().endsWith("bn.bias")) {
        fill(p.value(), 0.0);
      } else {
        ParameterInit.kaiming().apply(List.of(p), rnd);
      }
    }
  }

  private static void fill(Tensor t, double v) {
    for (int i = 0; i < t.size(); i++) {
      t.set(i, v);
    }
  }

  private Buffers buffersFor(Tensor x) {
    for (Buffers b : buffers) {
      if (b.dtype == x.dtype() && Arrays.equals(b.shape, x.shape())) {
        return b;
      }
    }
    Buffers b = new Buffers(x.shape(), x.dtype());
    buffers.add(b);
    return b;
  }

  /** The caches and cotangent buffers of one batch shape. */
  private final class Buffers {
    final int[] shape;
    final DType dtype;
    final Cache stem;
    final Cache[] transitions;
    final Cache head;
    final Tensor dStem;
    final Tensor[] dh;
    final Tensor[] dz;
    final Tensor dLogits;

    Buffers(int[] shape, DType dtype) {
      this.shape = shape.clone();
      this.dtype = dtype;
      int n = blocks.size();
      this.stem = OdeResNet.this.stem.newCache(shape, dtype);
      int[] s = OdeResNet.this.stem.outputShape(shape);
      this.dStem = Tensor.zeros(dtype, s);
      this.transitions = new Cache[n];
      this.dh = new Tensor[n];
      this.dz = new Tensor[n];
      for (int i = 0; i < n; i++) {
        transitions[i] = OdeResNet.this.transitions.get(i).newCache(s, dtype);
        s = OdeResNet.this.transitions.get(i).outputShape(s);
        dh[i] = Tensor.zeros(dtype, s);
        dz[i] = Tensor.zeros(dtype, s);
      }
      this.head = OdeResNet.this.head.newCache(s, dtype);
      this.dLogits = Tensor.zeros(dtype, OdeResNet.this.head.outputShape(s));
    }
  }

  /**
   * One stage: the width of its ODE block and the stride of its transition.
   *
   * @param channels the stage's width
   * @param stride 1, or 2 to halve the resolution
   */
  public record Stage(int channels, int stride) {
    /** Checks the values. */
    public Stage {
      if (channels < 1 || stride < 1) {
        throw new IllegalArgumentException(
            "a stage needs channels >= 1 and stride >= 1, got " + channels + ", " + stride);
      }
    }
  }

  /** Builds an {@link OdeResNet}; at least one stage, a setup and a method are required. */
  public static final class Builder {
    private final int[] input;
    private final int classes;
    private int stemChannels = 16;
    private final List<Stage> stages = new ArrayList<>();
    private DType dtype = DType.FLOAT32;
    private long seed;
    private SolveSetup setup;
    private GradientMethod method;
    private WeightDynamicsKind dynamics;
    private double lambda;

    private Builder(int[] sample, int classes) {
      if (sample.length != 3 || classes < 2) {
        throw new IllegalArgumentException(
            "an OdeResNet needs a sample shape {C, H, W} and >= 2 classes, got "
                + Arrays.toString(sample)
                + " and "
                + classes);
      }
      this.input = sample.clone();
      this.classes = classes;
    }

    /** The stem's width (default 16). */
    public Builder stemChannels(int value) {
      this.stemChannels = value;
      return this;
    }

    /** Adds a stage. */
    public Builder stage(int channels, int stride) {
      stages.add(new Stage(channels, stride));
      return this;
    }

    /** The parameters' dtype (default float32). */
    public Builder dtype(DType value) {
      this.dtype = Objects.requireNonNull(value, "dtype");
      return this;
    }

    /** The seed of the initialisation: Kaiming-normal convs and linear, BN gamma 1 and beta 0. */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** Every block's training solver and controller (required). */
    public Builder setup(SolveSetup value) {
      this.setup = value;
      return this;
    }

    /** Every block's gradient method (required). */
    public Builder method(GradientMethod value) {
      this.method = value;
      return this;
    }

    /**
     * Makes every stage's ODE block an {@link Anodev2Block} whose weights evolve by q of the given
     * kind (default: plain {@link OdeBlock}s, ANODE).
     *
     * @param lambda the decay rate of {@link WeightDynamicsKind#DECAY_GAIN_DRIFT}, ignored
     *     otherwise
     */
    public Builder weightDynamics(WeightDynamicsKind kind, double lambda) {
      this.dynamics = Objects.requireNonNull(kind, "kind");
      this.lambda = lambda;
      return this;
    }

    /** Validates and builds. */
    public OdeResNet build() {
      if (stages.isEmpty()) {
        throw new IllegalArgumentException("an OdeResNet needs at least one stage (call stage)");
      }
      return new OdeResNet(this);
    }
  }
}

package org.node4j.nn.layer;

import java.util.ArrayList;
import java.util.List;
import org.node4j.nn.kernel.Gemm;
import org.node4j.nn.kernel.MatView;
import org.node4j.nn.kernel.PackedOperand;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.param.GradientSink;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * A fully connected layer {@code y = x W^T + b} with W of shape [out, in], as in PyTorch's {@code
 * nn.Linear}. The input has shape [..., in]; every leading index is a batch row.
 *
 * <p>Parameters start at zero; an initialiser fills them. Rows are split into chunks for {@link
 * Parallel#forChunks}; each chunk is one matrix product, and the parameter gradients are reduced
 * per chunk (see {@link Chunking}). In a network pass that runs as one region over chunks of
 * samples ({@link Sequential}) the same chunk bodies run on the network's chunks instead. The
 * backward pass needs only the referenced input, so the cache holds just the output.
 *
 * <p>When the next layer of a {@link Sequential} is an activation whose backward pass reads only
 * its own output (tanh), nothing reads this layer's output after the forward pass: such caches
 * ({@link #newTransientCache}) write into one output buffer per shape owned by the layer, shared by
 * all of them, instead of a buffer of their own. A solver that keeps the caches of every stage of
 * every step (backpropagation through the solver) then keeps half the activations of a Linear-tanh
 * network, and each evaluation writes its products into a buffer that is still in cache from the
 * last one instead of into the record's own, cold one.
 */
public final class Linear extends AbstractLayer<Linear.LinearCache> {
  private final String name;
  private final int in;
  private final int out;
  private final Parameter weight;
  private final Parameter bias;
  private final List<Parameter> parameters;
  private final Partials partials = new Partials();

  /**
   * W^T for the forward product and W for the input gradient's, packed on the calling thread when a
   * pass is bound and read by all of its chunks: packed once per weight values (a solve evaluates
   * the same weights at every step) instead of once per chunk and call. A depth-indexed network,
   * which binds another θ_k at every call, keeps the products' own per-chunk packing ({@link
   * PackedOperand#prepare}).
   */
  private final PackedOperand forwardWeights = new PackedOperand();

  private final PackedOperand backwardWeights = new PackedOperand();
  private final MatView packView = new MatView();

  /** The output buffers shared by the transient caches, one per shape and dtype. */
  private final List<Tensor> sharedOutputs = new ArrayList<>();

  private Linear(Builder b) {
    this(b.name, b.in, b.out, b.dtype, b.bias);
  }

  /** A layer of {@code source}'s configuration with zero parameters of its own. */
  private Linear(Linear source) {
    this(source.name, source.in, source.out, source.weight.value().dtype(), source.bias != null);
  }

  private Linear(String name, int in, int out, DType dtype, boolean hasBias) {
    super(LinearCache.class);
    LayerWarmup.request(LayerWarmup.Family.DENSE, dtype);
    this.name = name;
    this.in = in;
    this.out = out;
    this.weight = new Parameter(name + ".weight", Tensor.zeros(dtype, out, in));
    this.bias = hasBias ? new Parameter(name + ".bias", Tensor.zeros(dtype, out)) : null;
    this.parameters = bias == null ? List.of(weight) : List.of(weight, bias);
  }

  /**
   * Returns a new layer of this configuration: its packed weights, partial sums and shared outputs
   * are scratch of its own, so another thread can run it alongside this one.
   */
  @Override
  public Linear replica() {
    return new Linear(this);
  }

  /** Starts a builder for a layer from {@code in} to {@code out} features. */
  public static Builder builder(int in, int out) {
    return new Builder(in, out);
  }

  /** Returns the weight, shape [out, in]. */
  public Parameter weight() {
    return weight;
  }

  /** Returns the bias, shape [out], or {@code null} when the layer has none. */
  public Parameter bias() {
    return bias;
  }

  @Override
  public int[] outputShape(int[] inputShape) {
    if (inputShape.length < 1 || inputShape[inputShape.length - 1] != in) {
      throw badInput(inputShape, "[..., " + in + "]");
    }
    int[] s = inputShape.clone();
    s[s.length - 1] = out;
    return s;
  }

  @Override
  public List<Parameter> parameters() {
    return parameters;
  }

  @Override
  protected void checkDtype(DType dtype) {
    requireDtype(weight.value().dtype(), dtype);
  }

  @Override
  protected LinearCache createCache(int[] inputShape, int[] outputShape, DType dtype) {
    return new LinearCache(this, inputShape, outputShape, dtype, Tensor.zeros(dtype, outputShape));
  }

  /**
   * A cache whose output is read only by the next layer's forward pass (see the class comment): its
   * output buffer is shared with every other transient cache of this layer for the same shape, so a
   * forward pass through one of them overwrites the output of all the others, and its {@link
   * Cache#savedBytes} is 0. {@link Sequential} makes these for a layer followed by an activation
   * that does not read its input backwards; the layer never reads its own output.
   */
  @Override
  Cache newTransientCache(int[] inputShape, DType dtype) {
    checkDtype(dtype);
    int[] outputShape = outputShape(inputShape);
    Tensor y = sharedBuffer(sharedOutputs, dtype, outputShape);
    LinearCache c = new LinearCache(this, inputShape.clone(), outputShape, dtype, y);
    c.transientOutput = true;
    return c;
  }

  @Override
  protected void doForward(Tensor x, LinearCache c) {
    bindForwardRows(x, c, c.ownGrain);
    Parallel.forChunks(c.rows, c.grain, c.forwardBody);
  }

  @Override
  protected void doBackward(Tensor dy, LinearCache c, Tensor dx, GradientSink grads) {
    int chunks = Chunking.chunks(c.rows, c.ownGrain);
    bindBackwardRows(dy, c, dx, c.ownGrain, chunks);
    try {
      Parallel.forChunks(c.rows, c.grain, c.backwardBody);
    } finally {
      c.dy = null;
      c.dx = null;
    }
    finishBackward(c, grads, chunks);
  }

  @Override
  boolean sampleWise() {
    return true;
  }

  @Override
  long forwardFlopsPerSample(LinearCache c) {
    return 2L * in * out * c.rowsPerSample;
  }

  @Override
  void reserveChunks(LinearCache c, int chunks) {
    c.reserveViews(chunks);
  }

  @Override
  void bindForward(Tensor x, LinearCache c, int sampleGrain) {
    bindForwardRows(x, c, sampleGrain * c.rowsPerSample);
  }

  @Override
  void forwardSamples(LinearCache c, int s0, int s1) {
    forwardChunk(c, s0 * c.rowsPerSample, s1 * c.rowsPerSample);
  }

  @Override
  void bindBackward(Tensor dy, LinearCache c, Tensor dx, int sampleGrain, int chunks) {
    bindBackwardRows(dy, c, dx, sampleGrain * c.rowsPerSample, chunks);
  }

  @Override
  void backwardSamples(LinearCache c, int s0, int s1) {
    backwardChunk(c, s0 * c.rowsPerSample, s1 * c.rowsPerSample);
  }

  @Override
  void finishBackward(LinearCache c, GradientSink grads, int chunks) {
    c.dy = null;
    c.dx = null;
    if (!c.parameterGradients) {
      return;
    }
    int stride = out * in + out;
    partials.reduce(grads.grad(weight), chunks, stride, 0);
    if (bias != null) {
      partials.reduce(grads.grad(bias), chunks, stride, out * in);
    }
  }

  /** Binds a forward pass whose chunks are {@code rowGrain} rows each. */
  private void bindForwardRows(Tensor x, LinearCache c, int rowGrain) {
    c.x = x;
    c.w = c.params().value(weight);
    c.b = bias == null ? null : c.params().value(bias);
    c.grain = rowGrain;
    c.packedForward = forwardWeights.prepare(true, packView.dense(c.w, 0, out, in));
  }

  /** Binds a backward pass of {@code chunks} chunks of {@code rowGrain} rows each. */
  private void bindBackwardRows(Tensor dy, LinearCache c, Tensor dx, int rowGrain, int chunks) {
    partials.buffer(c.dtype(), chunks * (out * in + out));
    c.dy = dy;
    c.dx = dx;
    c.grain = rowGrain;
    c.packedBackward =
        dx != null && backwardWeights.prepare(false, packView.dense(c.w, 0, out, in));
  }

  /** y[r0, r1) = x[r0, r1) W^T + b. */
  private void forwardChunk(LinearCache c, int r0, int r1) {
    int rows = r1 - r0;
    MatView[] v = c.views(r0);
    MatView x = v[0].dense(c.x, r0 * in, rows, in);
    MatView y = v[2].dense(c.y, r0 * out, rows, out);
    if (c.packedForward) {
      Gemm.gemm(x, forwardWeights, y, false);
    } else {
      Gemm.gemm(false, true, x, v[1].dense(c.w, 0, out, in), y, false);
    }
    if (bias != null) {
      RowOps.addRowVector(c.y, r0, r1, c.b);
    }
  }

  /**
   * dx[r0, r1) = dy W; this chunk's partial dW = dy^T x and db = column sums of dy, unless the pass
   * discards parameter gradients.
   */
  private void backwardChunk(LinearCache c, int r0, int r1) {
    int rows = r1 - r0;
    int base = (r0 / c.grain) * (out * in + out);
    MatView[] v = c.views(r0);
    MatView dy = v[0].dense(c.dy, r0 * out, rows, out);
    Tensor p = partials.buffer(c.dtype(), 0);
    if (c.dx != null) {
      MatView dx = v[2].dense(c.dx, r0 * in, rows, in);
      if (c.packedBackward) {
        Gemm.gemm(dy, backwardWeights, dx, false);
      } else {
        Gemm.gemm(false, false, dy, v[1].dense(c.w, 0, out, in), dx, false);
      }
    }
    if (!c.parameterGradients) {
      return;
    }
    Gemm.gemm(
        true, false, dy, v[1].dense(c.x, r0 * in, rows, in), v[2].dense(p, base, out, in), false);
    if (bias != null) {
      RowOps.columnSums(c.dy, r0, r1, out, p, base + out * in);
    }
  }

  @Override
  public String toString() {
    return "Linear(" + name + ", " + in + "->" + out + (bias == null ? ", no bias)" : ")");
  }

  /** The state of one evaluation: the output, the referenced input and parameter values. */
  static final class LinearCache extends Cache {
    final Tensor y;
    final int rows;

    /** Whether the bound forward / backward pass multiplies by the layer's packed weights. */
    boolean packedForward;

    boolean packedBackward;

    /** Rows per sample (index of the leading dimension); rows when there is no batch. */
    final int rowsPerSample;

    /** The rows per chunk of the layer's own passes ({@link Chunking#grain}). */
    final int ownGrain;

    /**
     * The rows per chunk of the running pass: {@link #ownGrain}, or those of a sample-chunked
     * network's pass; chunk {@code r0 / grain} owns views and a slice of the partials.
     */
    int grain;

    final Parallel.RangeBody forwardBody;
    final Parallel.RangeBody backwardBody;

    /** Operand views A, B, C of each chunk, re-pointed per product (nothing made per call). */
    private MatView[][] views;

    Tensor x;
    Tensor w;
    Tensor b;
    Tensor dy;
    Tensor dx;

    /** Whether {@link #y} is the layer's shared output buffer ({@link #newTransientCache}). */
    boolean transientOutput;

    LinearCache(Linear layer, int[] inputShape, int[] outputShape, DType dtype, Tensor y) {
      super(layer, inputShape, outputShape, dtype);
      this.y = y;
      this.rows = y.size() / layer.out;
      this.rowsPerSample =
          inputShape.length < 2 || inputShape[0] == 0 ? rows : rows / inputShape[0];
      this.ownGrain = Chunking.grain(rows, 2L * layer.in * layer.out);
      this.grain = ownGrain;
      this.views = new MatView[0][];
      reserveViews(Chunking.chunks(rows, ownGrain));
      this.forwardBody = (r0, r1) -> layer.forwardChunk(this, r0, r1);
      this.backwardBody = (r0, r1) -> layer.backwardChunk(this, r0, r1);
    }

    /** Grows the views to {@code chunks} chunks (when the cache is made, never during a pass). */
    void reserveViews(int chunks) {
      if (views.length >= chunks) {
        return;
      }
      MatView[][] grown = java.util.Arrays.copyOf(views, chunks);
      for (int i = views.length; i < chunks; i++) {
        grown[i] = new MatView[] {new MatView(), new MatView(), new MatView()};
      }
      views = grown;
    }

    /** The operand views of the chunk that starts at row {@code r0}. */
    MatView[] views(int r0) {
      return views[r0 / grain];
    }

    @Override
    public Tensor output() {
      return y;
    }

    @Override
    public long savedBytes() {
      return transientOutput ? 0 : y.bytes();
    }
  }

  /** Configures a {@link Linear}; {@code build()} validates. */
  public static final class Builder extends ParamLayerBuilder<Builder> {
    private final int in;
    private final int out;

    private Builder(int in, int out) {
      super("linear");
      this.in = in;
      this.out = out;
    }

    /** Builds the layer. */
    public Linear build() {
      if (in < 1 || out < 1) {
        throw new IllegalArgumentException(
            "Linear needs in >= 1 and out >= 1 features, got in=" + in + ", out=" + out);
      }
      return new Linear(this);
    }
  }
}

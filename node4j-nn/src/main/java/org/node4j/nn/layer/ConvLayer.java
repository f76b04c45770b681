package org.node4j.nn.layer;

import java.util.List;
import org.node4j.nn.kernel.Gemm;
import org.node4j.nn.kernel.PackedMatF32;
import org.node4j.nn.kernel.PackedMatF64;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.kernel.ValueKeyF32;
import org.node4j.nn.kernel.ValueKeyF64;
import org.node4j.nn.param.GradientSink;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * The shared implementation of {@link Conv1d} and {@link Conv2d}: a convolution as im2row plus
 * {@link Gemm} over blocks of images (see {@link Im2Row}), or im2col plus {@link Gemm} per image
 * for large float32 images, or, for images of a few positions (Sphere2's signals of length 2), one
 * product with the unrolled kernel matrix that reads and writes the tensors in place ({@link
 * UnrolledConvF64}). The chunk bodies are {@link ConvChunksF64} and its float32 twin.
 *
 * <p>Images are split into chunks for {@link Parallel#forChunks}; a chunk walks its images in
 * blocks of about {@link #ROWS_TARGET} output positions, so the scratch patch matrix stays small.
 * The backward pass recomputes the patches from the referenced input instead of storing them, so
 * the cache holds only the output, except for float32 row-layout patches at most {@link
 * #KEEP_EXPANSION} times the input's size (small signals such as Sphere2's), which the cache keeps.
 */
abstract class ConvLayer extends AbstractLayer<ConvLayer.ConvCache> {
  /** Output positions per GEMM block: big enough for an efficient product, small in memory. */
  static final int ROWS_TARGET = 1024;

  /**
   * Images with at least this many output positions use the per-image column layout ({@link
   * Im2Col}) in float32: the product of one image is then large enough on its own, and the copies
   * stream. Smaller images (Sphere2's two positions) are batched in the row layout.
   */
  static final int COLUMN_MIN_POSITIONS = 64;

  /**
   * The row-layout patches of an evaluation are kept for its backward pass, instead of being
   * recomputed from the input, when they are at most this many times the input's size (Sphere2's k3
   * layer: 3x). Larger expansions are recomputed to keep stored-stage memory small.
   */
  static final int KEEP_EXPANSION = 4;

  /**
   * {@link ConvAlgorithm#AUTO} takes Winograd only with at least this many channels in and out:
   * with fewer, the tile transforms (linear in the channels) outweigh the saved multiplies
   * (quadratic).
   */
  static final int WINOGRAD_MIN_CHANNELS = 16;

  /**
   * The unrolled kernel matrix ({@link UnrolledConvF64}) is used while an image's input positions
   * are at most this many times the kernel's taps: its product then does at most this many times
   * the direct multiply-adds (none wasted for Sphere2's 3-tap layer on 2 positions, twice for its
   * 1-tap layers), and saves every copy of the data.
   */
  static final int UNROLLED_MAX_EXPANSION = 2;

  /** The unrolled kernel matrix is used only up to this many entries (8 MiB in float64). */
  static final int UNROLLED_MAX_ENTRIES = 1 << 20;

  final ConvGeometry g;
  final String name;
  final ConvAlgorithm algorithm;
  private final Parameter weight;
  private final Parameter bias;
  private final List<Parameter> parameters;

  /** The output buffers shared by the transient caches, one per shape and dtype. */
  private final List<Tensor> sharedOutputs = new java.util.ArrayList<>();

  /** Per-chunk partial gradients, used by the chunk bodies of {@link ConvChunksF64}. */
  final Partials partials = new Partials();

  /** Scratch for the chunk bodies: patches, rows, patch gradients. */
  final Workspace.Pool pool = new Workspace.Pool(4);

  /**
   * The unrolled kernel matrix K of the forward product ([0]) and its transpose K^T of the data
   * gradient ([1]), packed for {@link Gemm} ({@link UnrolledConvF64}); each is rebuilt and repacked
   * only when the weights it was made from change (between optimiser steps every evaluation of a
   * solve reuses it), which the pack checks against its copy of those weights.
   */
  final PackedMatF32[] unrolledF32 = {new PackedMatF32(), new PackedMatF32()};

  final PackedMatF64[] unrolledF64 = {new PackedMatF64(), new PackedMatF64()};

  /**
   * The Winograd transforms of the kernel, shared by every evaluation of this layer: [0] that of
   * the forward pass [16, O, C], [1] that of the data gradient (the flipped, transposed kernel)
   * [16, C, O]; null until a cache needs them. Each is recomputed only when the weights differ from
   * the copy it was made from ({@link #winogradKeysF64}, compared by value for the reason {@link
   * PackedMatF64} gives): between optimiser steps every evaluation of a solve reuses it, where one
   * transform per evaluation cost W4 16 serial transforms of 16384 kernels per iteration.
   */
  Tensor[] winogradKernels;

  /** The weights each of {@link #winogradKernels} was made from, for float64 and float32 layers. */
  final ValueKeyF64[] winogradKeysF64 = {new ValueKeyF64(), new ValueKeyF64()};

  final ValueKeyF32[] winogradKeysF32 = {new ValueKeyF32(), new ValueKeyF32()};

  /**
   * Whether caches made from now on may use the unrolled kernel matrix; the tests that compare it
   * with the row layout turn it off.
   */
  boolean allowUnrolled = true;

  /**
   * Returns a new convolution of this configuration (geometry, bias, dtype, algorithm, whether it
   * may use the unrolled kernel): its packed and transformed kernels, partial sums and shared
   * outputs are scratch of its own, so another thread can run it alongside this one.
   */
  @Override
  public abstract ConvLayer replica();

  /**
   * A convolution of {@code source}'s configuration with zero parameters of its own, for {@link
   * #replica}.
   */
  ConvLayer(ConvLayer source) {
    this(
        source.name,
        source.g,
        source.weight.value().shape(),
        source.bias != null,
        source.weight.value().dtype(),
        source.algorithm);
    this.allowUnrolled = source.allowUnrolled;
  }

  ConvLayer(
      String name,
      ConvGeometry g,
      int[] weightShape,
      boolean hasBias,
      DType dtype,
      ConvAlgorithm algorithm) {
    super(ConvCache.class);
    LayerWarmup.request(LayerWarmup.Family.CONV, dtype);
    if (algorithm.winograd() && !winogradFits(g)) {
      throw new IllegalArgumentException(
          "the Winograd algorithm needs a 3x3 kernel, stride 1 and padding at most 2, got kernel "
              + g.kh()
              + "x"
              + g.kw()
              + ", stride "
              + g.sh()
              + "x"
              + g.sw()
              + ", padding "
              + g.ph()
              + "x"
              + g.pw()
              + "; use ConvAlgorithm.DIRECT or AUTO");
    }
    this.name = name;
    this.g = g;
    this.algorithm = algorithm;
    this.weight = new Parameter(name + ".weight", Tensor.zeros(dtype, weightShape));
    this.bias =
        hasBias ? new Parameter(name + ".bias", Tensor.zeros(dtype, g.outChannels())) : null;
    this.parameters = bias == null ? List.of(weight) : List.of(weight, bias);
  }

  /** Returns the weight, [out, in, kh, kw] for Conv2d or [out, in, k] for Conv1d. */
  public Parameter weight() {
    return weight;
  }

  /** Returns the bias, shape [out], or {@code null} when the layer has none. */
  public Parameter bias() {
    return bias;
  }

  @Override
  public List<Parameter> parameters() {
    return parameters;
  }

  @Override
  protected void checkDtype(DType dtype) {
    requireDtype(weight.value().dtype(), dtype);
  }

  /** Returns the spatial sizes for a (validated) input shape. */
  abstract Im2Row.Dims dims(int[] inputShape);

  @Override
  protected ConvCache createCache(int[] inputShape, int[] outputShape, DType dtype) {
    return new ConvCache(
        this, inputShape, outputShape, dtype, dims(inputShape), Tensor.zeros(dtype, outputShape));
  }

  /**
   * A cache whose output is read only by the next layer's forward pass, as {@link
   * Linear#newTransientCache}: its output buffer is shared with every other transient cache of this
   * layer for the same shape, and its {@link Cache#savedBytes} leaves it out. {@link Sequential}
   * makes these for a convolution followed by an activation that does not read its input backwards
   * (ReLU, tanh); the convolution never reads its own output. A solver that keeps every step's
   * caches (W1's 64 Euler steps) then keeps and streams through half the activations, and each
   * evaluation writes its products into a buffer still in cache from the last one.
   */
  @Override
  Cache newTransientCache(int[] inputShape, DType dtype) {
    checkDtype(dtype);
    int[] outputShape = outputShape(inputShape);
    Tensor y = sharedBuffer(sharedOutputs, dtype, outputShape);
    ConvCache c = new ConvCache(this, inputShape.clone(), outputShape, dtype, dims(inputShape), y);
    c.transientOutput = true;
    return c;
  }

  @Override
  protected void doForward(Tensor x, ConvCache c) {
    bindForward(x, c, c.ownGrain);
    Parallel.forChunks(c.images, c.grain, c.forwardBody);
  }

  @Override
  protected void doBackward(Tensor dy, ConvCache c, Tensor dx, GradientSink grads) {
    int chunks = Chunking.chunks(c.images, c.ownGrain);
    bindBackward(dy, c, dx, c.ownGrain, chunks);
    try {
      Parallel.forChunks(c.images, c.grain, c.backwardBody);
      finishBackward(c, grads, chunks);
    } finally {
      c.dy = null;
      c.dx = null;
    }
  }

  @Override
  boolean sampleWise() {
    return true;
  }

  /**
   * Not with the unrolled kernel matrix: overlapping its forward and backward chunks was tried and
   * gave wrong parameter gradients ({@code SampleChunkedPassTest}), so its passes stay apart.
   */
  @Override
  boolean overlapsPasses(ConvCache c) {
    return !c.unrolled;
  }

  /**
   * With the unrolled product: its kernel matrices are packed once per weights at bind, and its
   * weight gradient is one product over the whole batch ({@link #finishBackward}).
   */
  @Override
  boolean chunksFreely(ConvCache c) {
    return c.unrolled;
  }

  @Override
  long forwardFlopsPerSample(ConvCache c) {
    return c.flopsPerImage;
  }

  @Override
  void bindForward(Tensor x, ConvCache c, int sampleGrain) {
    c.x = x;
    c.w = c.params().value(weight);
    c.b = bias == null ? null : c.params().value(bias);
    c.grain = sampleGrain;
    if (c.winograd || c.unrolled) {
      c.transformWeights.accept(false);
    }
  }

  @Override
  void forwardSamples(ConvCache c, int s0, int s1) {
    c.forwardBody.run(s0, s1);
  }

  @Override
  void bindBackward(Tensor dy, ConvCache c, Tensor dx, int sampleGrain, int chunks) {
    partials.buffer(c.dtype(), (c.unrolled ? 1 : chunks) * partialStride());
    c.dy = dy;
    c.dx = dx;
    c.grain = sampleGrain;
    if ((c.winograd || c.unrolled) && dx != null) {
      c.transformWeights.accept(true);
    }
  }

  @Override
  void backwardSamples(ConvCache c, int s0, int s1) {
    c.backwardBody.run(s0, s1);
  }

  /**
   * Reduces the chunks' partial gradients; with the unrolled product, first computes the weight and
   * bias gradients of the whole batch in one slice ({@link UnrolledConvF64#weightGradient}), so
   * that they are the same bits for any chunking of the batch.
   */
  @Override
  void finishBackward(ConvCache c, GradientSink grads, int chunks) {
    int slices = chunks;
    if (c.unrolled) {
      c.zeroGradient.run();
      // One task runs here rather than through Parallel.forChunks: a call chain one level shorter,
      // since C2, inlining the Vector API's internals at the end of a long chain, may fail to
      // intrinsify a vector operation and box every vector (ConvAllocationTest).
      if (c.gradientTasks == 1) {
        c.weightGradient.run(0, 1);
      } else {
        Parallel.forChunks(c.gradientTasks, 1, c.weightGradient);
      }
      slices = 1;
    }
    c.dy = null;
    c.dx = null;
    partials.reduce(grads.grad(weight), slices, partialStride(), 0);
    if (bias != null) {
      partials.reduce(grads.grad(bias), slices, partialStride(), g.outChannels() * g.patch());
    }
  }

  /** Whether {@link WinogradF64} computes this geometry: 3x3, stride 1, padding at most 2. */
  static boolean winogradFits(ConvGeometry g) {
    return g.kh() == 3 && g.kw() == 3 && g.sh() == 1 && g.sw() == 1 && g.ph() <= 2 && g.pw() <= 2;
  }

  /** Whether an evaluation of {@code dtype} with {@code dims} runs the Winograd algorithm. */
  boolean usesWinograd(DType dtype, Im2Row.Dims dims) {
    return switch (algorithm) {
      case WINOGRAD, WINOGRAD_4X4 -> true;
      case DIRECT -> false;
      case AUTO ->
          winogradFits(g)
              && dtype == DType.FLOAT32
              && dims.out() >= COLUMN_MIN_POSITIONS
              && Math.min(g.inChannels(), g.outChannels()) >= WINOGRAD_MIN_CHANNELS;
    };
  }

  /**
   * Whether an evaluation with {@code dims} that is not Winograd's multiplies by the unrolled
   * kernel matrix: see {@link #UNROLLED_MAX_EXPANSION} and {@link #UNROLLED_MAX_ENTRIES}.
   */
  boolean usesUnrolled(Im2Row.Dims dims) {
    int taps = g.kh() * g.kw();
    long entries = (long) g.inChannels() * dims.in() * g.outChannels() * dims.out();
    return allowUnrolled
        && dims.in() <= UNROLLED_MAX_EXPANSION * taps
        && entries <= UNROLLED_MAX_ENTRIES;
  }

  /** The output side of this layer's Winograd tiles: 2 for F(2x2, 3x3), else 4. */
  int winogradTile() {
    return algorithm == ConvAlgorithm.WINOGRAD ? 2 : 4;
  }

  /** The shared transformed kernels ({@link #winogradKernels}), made on first use. */
  private Tensor[] winogradKernels(DType dtype) {
    if (winogradKernels == null) {
      int side = winogradTile() + 2;
      int n = side * side * g.inChannels() * g.outChannels();
      winogradKernels = new Tensor[] {Tensor.zeros(dtype, n), Tensor.zeros(dtype, n)};
    }
    return winogradKernels;
  }

  /** The length of one chunk's slice of the partials: dW then db. */
  int partialStride() {
    return g.outChannels() * g.patch() + g.outChannels();
  }

  /** The state of one evaluation: the output, the referenced input and parameter values. */
  static final class ConvCache extends Cache {
    final Tensor y;
    final Im2Row.Dims dims;
    final int images;

    /** The images per chunk of the layer's own passes ({@link Chunking#grain}). */
    final int ownGrain;

    /**
     * The images per chunk of the running pass: {@link #ownGrain}, or those of a sample-chunked
     * network's pass; chunk {@code n0 / grain} owns a slice of the partials.
     */
    int grain;

    final long flopsPerImage;
    final int block;
    final Parallel.RangeBody forwardBody;
    final Parallel.RangeBody backwardBody;
    final boolean columns;
    final boolean pointwise;

    /** Whether the product is with the unrolled kernel matrix ({@link UnrolledConvF64}). */
    final boolean unrolled;

    /** Whether the Winograd algorithm runs; then the fields below are set. */
    final boolean winograd;

    /** The forward pass's tiling and that of the data gradient (padding 2 - p). */
    final WinogradPlane plane;

    final WinogradPlane planeT;

    /**
     * The transformed kernel [planes, O, C] and the transformed flipped kernel [planes, C, O]: the
     * layer's ({@link ConvLayer#winogradKernels}), brought up to {@link #w} when a pass is bound.
     */
    final Tensor u;

    final Tensor uFlip;

    /**
     * Brings {@link #u} (false) or {@link #uFlip} (true) up to {@link #w}; for the unrolled
     * product, brings the layer's packed kernel matrix (false) or its transpose up to {@link #w}.
     */
    final java.util.function.Consumer<Boolean> transformWeights;

    /**
     * The unrolled product's weight and bias gradients of the whole batch into the first slice of
     * the partials, zeroed first by {@link #zeroGradient}, as {@link #gradientTasks} tasks that run
     * in any order (see {@link ConvChunksF64#weightGradient}).
     */
    final Parallel.RangeBody weightGradient;

    final Runnable zeroGradient;

    /**
     * The tasks of {@link #weightGradient} ({@link UnrolledConvF64#gradientTasks}); 0 if unused.
     */
    final int gradientTasks;

    final int[] taps;

    /** float32 row-layout patches kept from the forward pass when small (else recomputed). */
    final Tensor patches;

    Tensor x;
    Tensor w;
    Tensor b;
    Tensor dy;
    Tensor dx;

    /** Whether {@link #y} is the layer's shared output buffer ({@link #newTransientCache}). */
    boolean transientOutput;

    ConvCache(ConvLayer l, int[] in, int[] out, DType dtype, Im2Row.Dims dims, Tensor y) {
      super(l, in, out, dtype);
      this.y = y;
      this.dims = dims;
      this.images = in[0];
      this.flopsPerImage = 2L * dims.out() * l.g.patch() * l.g.outChannels();
      this.ownGrain = Chunking.grain(images, flopsPerImage);
      this.grain = ownGrain;
      this.block = Math.max(1, Math.min(grain, ROWS_TARGET / Math.max(1, dims.out())));
      this.winograd = l.usesWinograd(dtype, dims);
      this.unrolled = !winograd && l.usesUnrolled(dims);
      this.columns = !unrolled && dtype == DType.FLOAT32 && dims.out() >= COLUMN_MIN_POSITIONS;
      this.pointwise =
          l.g.kh() == 1
              && l.g.kw() == 1
              && l.g.sh() == 1
              && l.g.sw() == 1
              && l.g.ph() == 0
              && l.g.pw() == 0;
      this.u = winograd ? l.winogradKernels(dtype)[0] : null;
      this.uFlip = winograd ? l.winogradKernels(dtype)[1] : null;
      int m = l.winogradTile();
      this.plane =
          new WinogradPlane(dims.h(), dims.w(), dims.ho(), dims.wo(), l.g.ph(), l.g.pw(), m);
      this.planeT =
          new WinogradPlane(
              dims.ho(), dims.wo(), dims.h(), dims.w(), 2 - l.g.ph(), 2 - l.g.pw(), m);
      this.taps = columns ? null : Im2Row.taps(l.g, dims);
      this.gradientTasks =
          unrolled ? UnrolledConvF64.gradientTasks(l.g, dims, images, l.bias != null) : 0;
      long patchFloats = (long) images * dims.out() * l.g.patch();
      long inputFloats = (long) images * l.g.inChannels() * dims.in();
      boolean keep =
          !columns
              && !unrolled
              && dtype == DType.FLOAT32
              && patchFloats <= KEEP_EXPANSION * inputFloats;
      this.patches = keep ? Tensor.zeros(dtype, (int) patchFloats) : null;
      if (dtype == DType.FLOAT32) {
        this.forwardBody = (n0, n1) -> ConvChunksF32.forward(l, this, n0, n1);
        this.backwardBody = (n0, n1) -> ConvChunksF32.backward(l, this, n0, n1);
        this.transformWeights = flip -> ConvChunksF32.transformWeights(l, this, flip);
        this.weightGradient =
            (t0, t1) -> {
              for (int t = t0; t < t1; t++) {
                ConvChunksF32.weightGradient(l, this, t);
              }
            };
        this.zeroGradient = () -> ConvChunksF32.zeroGradient(l);
      } else {
        this.forwardBody = (n0, n1) -> ConvChunksF64.forward(l, this, n0, n1);
        this.backwardBody = (n0, n1) -> ConvChunksF64.backward(l, this, n0, n1);
        this.transformWeights = flip -> ConvChunksF64.transformWeights(l, this, flip);
        this.weightGradient =
            (t0, t1) -> {
              for (int t = t0; t < t1; t++) {
                ConvChunksF64.weightGradient(l, this, t);
              }
            };
        this.zeroGradient = () -> ConvChunksF64.zeroGradient(l);
      }
    }

    @Override
    public Tensor output() {
      return y;
    }

    @Override
    public long savedBytes() {
      return (transientOutput ? 0 : y.bytes()) + (patches == null ? 0 : patches.bytes());
    }
  }
}

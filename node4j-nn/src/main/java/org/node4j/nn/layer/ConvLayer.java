package org.node4j.nn.layer;

import java.util.List;
import org.node4j.nn.kernel.Gemm;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.param.GradientSink;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * The shared implementation of {@link Conv1d} and {@link Conv2d}: a convolution as im2row plus
 * {@link Gemm} over blocks of images (see {@link Im2Row}), or im2col plus {@link Gemm} per image
 * for large float32 images. The chunk bodies are {@link ConvChunksF64} and its float32 twin.
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

  final ConvGeometry g;
  final String name;
  private final Parameter weight;
  private final Parameter bias;
  private final List<Parameter> parameters;

  /** Per-chunk partial gradients, used by the chunk bodies of {@link ConvChunksF64}. */
  final Partials partials = new Partials();

  /** Scratch for the chunk bodies: patches, rows, patch gradients. */
  final Workspace.Pool pool = new Workspace.Pool(3);

  ConvLayer(String name, ConvGeometry g, int[] weightShape, boolean hasBias, DType dtype) {
    super(ConvCache.class);
    this.name = name;
    this.g = g;
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
    return new ConvCache(this, inputShape, outputShape, dtype, dims(inputShape));
  }

  @Override
  protected void doForward(Tensor x, ConvCache c) {
    c.x = x;
    c.w = c.params().value(weight);
    c.b = bias == null ? null : c.params().value(bias);
    Parallel.forChunks(c.images, c.grain, c.forwardBody);
  }

  @Override
  protected void doBackward(Tensor dy, ConvCache c, Tensor dx, GradientSink grads) {
    int chunks = Chunking.chunks(c.images, c.grain);
    partials.buffer(c.dtype(), chunks * partialStride());
    c.dy = dy;
    c.dx = dx;
    try {
      Parallel.forChunks(c.images, c.grain, c.backwardBody);
    } finally {
      c.dy = null;
      c.dx = null;
    }
    partials.reduce(grads.grad(weight), chunks, partialStride(), 0);
    if (bias != null) {
      partials.reduce(grads.grad(bias), chunks, partialStride(), g.outChannels() * g.patch());
    }
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
    final int grain;
    final int block;
    final Parallel.RangeBody forwardBody;
    final Parallel.RangeBody backwardBody;
    final boolean columns;
    final boolean pointwise;
    final int[] taps;

    /** float32 row-layout patches kept from the forward pass when small (else recomputed). */
    final Tensor patches;

    Tensor x;
    Tensor w;
    Tensor b;
    Tensor dy;
    Tensor dx;

    ConvCache(ConvLayer l, int[] in, int[] out, DType dtype, Im2Row.Dims dims) {
      super(l, in, out, dtype);
      this.y = Tensor.zeros(dtype, out);
      this.dims = dims;
      this.images = in[0];
      long flops = 2L * dims.out() * l.g.patch() * l.g.outChannels();
      this.grain = Chunking.grain(images, flops);
      this.block = Math.max(1, Math.min(grain, ROWS_TARGET / Math.max(1, dims.out())));
      this.columns = dtype == DType.FLOAT32 && dims.out() >= COLUMN_MIN_POSITIONS;
      this.pointwise =
          l.g.kh() == 1
              && l.g.kw() == 1
              && l.g.sh() == 1
              && l.g.sw() == 1
              && l.g.ph() == 0
              && l.g.pw() == 0;
      this.taps = columns ? null : Im2Row.taps(l.g, dims);
      long patchFloats = (long) images * dims.out() * l.g.patch();
      long inputFloats = (long) images * l.g.inChannels() * dims.in();
      boolean keep =
          !columns && dtype == DType.FLOAT32 && patchFloats <= KEEP_EXPANSION * inputFloats;
      this.patches = keep ? Tensor.zeros(dtype, (int) patchFloats) : null;
      if (dtype == DType.FLOAT32) {
        this.forwardBody = (n0, n1) -> ConvChunksF32.forward(l, this, n0, n1);
        this.backwardBody = (n0, n1) -> ConvChunksF32.backward(l, this, n0, n1);
      } else {
        this.forwardBody = (n0, n1) -> ConvChunksF64.forward(l, this, n0, n1);
        this.backwardBody = (n0, n1) -> ConvChunksF64.backward(l, this, n0, n1);
      }
    }

    @Override
    public Tensor output() {
      return y;
    }

    @Override
    public long savedBytes() {
      return y.bytes() + (patches == null ? 0 : patches.bytes());
    }
  }
}

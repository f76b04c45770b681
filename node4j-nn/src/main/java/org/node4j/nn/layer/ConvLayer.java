package org.node4j.nn.layer;

import java.util.List;
import org.node4j.nn.kernel.Gemm;
import org.node4j.nn.kernel.MatF32;
import org.node4j.nn.kernel.MatF64;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.param.GradientSink;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * The shared implementation of {@link Conv1d} and {@link Conv2d}: a convolution as im2row plus
 * {@link Gemm} over blocks of images (see {@link Im2Row}).
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

  private static final int PATCHES = 0;
  private static final int ROWS = 1;
  private static final int DPATCHES = 2;

  final ConvGeometry g;
  final String name;
  private final Parameter weight;
  private final Parameter bias;
  private final List<Parameter> parameters;
  private final Partials partials = new Partials();
  private final Workspace.Pool pool = new Workspace.Pool(3);

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
    partials.buffer(c.dtype(), chunks * stride());
    c.dy = dy;
    c.dx = dx;
    try {
      Parallel.forChunks(c.images, c.grain, c.backwardBody);
    } finally {
      c.dy = null;
      c.dx = null;
    }
    partials.reduce(grads.grad(weight), chunks, stride(), 0);
    if (bias != null) {
      partials.reduce(grads.grad(bias), chunks, stride(), g.outChannels() * g.patch());
    }
  }

  private int stride() {
    return g.outChannels() * g.patch() + g.outChannels();
  }

  private void forwardChunk(ConvCache c, int n0, int n1) {
    Workspace ws = pool.acquire();
    try {
      if (c.columns) {
        for (int n = n0; n < n1; n++) {
          forwardImageF(c, ws, n);
        }
        return;
      }
      for (int b = n0; b < n1; b += c.block) {
        int nb = Math.min(c.block, n1 - b);
        if (c.dtype() == DType.FLOAT32) {
          forwardBlockF(c, ws, b, nb);
        } else {
          forwardBlockD(c, ws, b, nb);
        }
      }
    } finally {
      pool.release(ws);
    }
  }

  private void forwardBlockF(ConvCache c, Workspace ws, int n0, int nb) {
    int o = g.outChannels();
    int k = g.patch();
    int rows = nb * c.dims.out();
    float[] patches = c.patches != null ? c.patches : ws.floats(PATCHES, rows * k);
    int pOff = c.patches != null ? n0 * c.dims.out() * k : 0;
    float[] out = ws.floats(ROWS, rows * o);
    Im2Row.imageToRows(c.x.floats(), n0, nb, g.inChannels(), c.dims, c.taps, patches, pOff);
    Gemm.gemm(
        false,
        true,
        MatF32.dense(patches, pOff, rows, k),
        MatF32.dense(c.w.floats(), 0, o, k),
        MatF32.dense(out, 0, rows, o),
        false);
    float[] b = bias == null ? null : c.b.floats();
    RowLoopsF32.scatter(out, n0, nb, o, c.dims.out(), b, c.y.floats());
  }

  /** y[n] = W columns(x[n]) + b: the column layout, output written in place. */
  private void forwardImageF(ConvCache c, Workspace ws, int n) {
    int o = g.outChannels();
    int k = g.patch();
    int p = c.dims.out();
    float[] cols = c.x.floats();
    int colOff = n * k * p;
    if (!c.pointwise) {
      cols = ws.floats(PATCHES, k * p);
      colOff = 0;
      Im2Col.imageToColumns(c.x.floats(), n, g, c.dims, cols);
    }
    float[] y = c.y.floats();
    int yOff = n * o * p;
    Gemm.gemm(
        false,
        false,
        MatF32.dense(c.w.floats(), 0, o, k),
        MatF32.dense(cols, colOff, k, p),
        MatF32.dense(y, yOff, o, p),
        false);
    if (bias != null) {
      float[] b = c.b.floats();
      for (int ch = 0; ch < o; ch++) {
        RowOps.addScalar(y, yOff + ch * p, p, b[ch]);
      }
    }
  }

  /** dW += dy[n] columns^T, db += row sums of dy[n], dx[n] = adjoint of columns(W^T dy[n]). */
  private void backwardImageF(ConvCache c, Workspace ws, int n, int base) {
    int o = g.outChannels();
    int k = g.patch();
    int p = c.dims.out();
    float[] dy = c.dy.floats();
    int dyOff = n * o * p;
    float[] cols = c.x.floats();
    int colOff = n * k * p;
    if (!c.pointwise) {
      cols = ws.floats(PATCHES, k * p);
      colOff = 0;
      Im2Col.imageToColumns(c.x.floats(), n, g, c.dims, cols);
    }
    float[] part = partials.floats(0);
    Gemm.gemm(
        false,
        true,
        MatF32.dense(dy, dyOff, o, p),
        MatF32.dense(cols, colOff, k, p),
        MatF32.dense(part, base, o, k),
        true);
    if (bias != null) {
      for (int ch = 0; ch < o; ch++) {
        part[base + o * k + ch] += RowOps.sum(dy, dyOff + ch * p, p);
      }
    }
    if (c.dx == null) {
      return;
    }
    float[] w = c.w.floats();
    if (c.pointwise) {
      Gemm.gemm(
          true,
          false,
          MatF32.dense(w, 0, o, k),
          MatF32.dense(dy, dyOff, o, p),
          MatF32.dense(c.dx.floats(), n * k * p, k, p),
          false);
      return;
    }
    float[] dCols = ws.floats(DPATCHES, k * p);
    Gemm.gemm(
        true,
        false,
        MatF32.dense(w, 0, o, k),
        MatF32.dense(dy, dyOff, o, p),
        MatF32.dense(dCols, 0, k, p),
        false);
    Im2Col.columnsToImage(dCols, n, g, c.dims, c.dx.floats());
  }

  private void forwardBlockD(ConvCache c, Workspace ws, int n0, int nb) {
    int o = g.outChannels();
    int k = g.patch();
    int rows = nb * c.dims.out();
    double[] patches = ws.doubles(PATCHES, rows * k);
    double[] out = ws.doubles(ROWS, rows * o);
    Im2Row.imageToRows(c.x.doubles(), n0, nb, g, c.dims, patches);
    Gemm.gemm(
        false,
        true,
        MatF64.dense(patches, 0, rows, k),
        MatF64.dense(c.w.doubles(), 0, o, k),
        MatF64.dense(out, 0, rows, o),
        false);
    double[] b = bias == null ? null : c.b.doubles();
    RowLoopsF64.scatter(out, n0, nb, o, c.dims.out(), b, c.y.doubles());
  }

  private void backwardChunk(ConvCache c, int n0, int n1) {
    int base = (n0 / c.grain) * stride();
    Workspace ws = pool.acquire();
    try {
      if (c.dtype() == DType.FLOAT32) {
        java.util.Arrays.fill(partials.floats(0), base, base + stride(), 0f);
      } else {
        java.util.Arrays.fill(partials.doubles(0), base, base + stride(), 0.0);
      }
      if (c.columns) {
        for (int n = n0; n < n1; n++) {
          backwardImageF(c, ws, n, base);
        }
        return;
      }
      for (int b = n0; b < n1; b += c.block) {
        int nb = Math.min(c.block, n1 - b);
        if (c.dtype() == DType.FLOAT32) {
          backwardBlockF(c, ws, b, nb, base);
        } else {
          backwardBlockD(c, ws, b, nb, base);
        }
      }
    } finally {
      pool.release(ws);
    }
  }

  private void backwardBlockF(ConvCache c, Workspace ws, int n0, int nb, int base) {
    int o = g.outChannels();
    int k = g.patch();
    int rows = nb * c.dims.out();
    float[] patches = c.patches;
    int pOff = n0 * c.dims.out() * k;
    if (patches == null) {
      patches = ws.floats(PATCHES, rows * k);
      pOff = 0;
      Im2Row.imageToRows(c.x.floats(), n0, nb, g.inChannels(), c.dims, c.taps, patches, 0);
    }
    float[] dyRows = ws.floats(ROWS, rows * o);
    float[] p = partials.floats(0);
    RowLoopsF32.gather(c.dy.floats(), n0, nb, o, c.dims.out(), dyRows);
    Gemm.gemm(
        true,
        false,
        MatF32.dense(dyRows, 0, rows, o),
        MatF32.dense(patches, pOff, rows, k),
        MatF32.dense(p, base, o, k),
        true);
    if (bias != null) {
      RowLoopsF32.addColumnSums(dyRows, 0, rows, o, p, base + o * k);
    }
    if (c.dx != null) {
      float[] dPatches = ws.floats(DPATCHES, rows * k);
      Gemm.gemm(
          false,
          false,
          MatF32.dense(dyRows, 0, rows, o),
          MatF32.dense(c.w.floats(), 0, o, k),
          MatF32.dense(dPatches, 0, rows, k),
          false);
      Im2Row.rowsToImage(dPatches, n0, nb, g.inChannels(), c.dims, c.taps, c.dx.floats());
    }
  }

  private void backwardBlockD(ConvCache c, Workspace ws, int n0, int nb, int base) {
    int o = g.outChannels();
    int k = g.patch();
    int rows = nb * c.dims.out();
    double[] patches = ws.doubles(PATCHES, rows * k);
    double[] dyRows = ws.doubles(ROWS, rows * o);
    double[] p = partials.doubles(0);
    Im2Row.imageToRows(c.x.doubles(), n0, nb, g, c.dims, patches);
    RowLoopsF64.gather(c.dy.doubles(), n0, nb, o, c.dims.out(), dyRows);
    Gemm.gemm(
        true,
        false,
        MatF64.dense(dyRows, 0, rows, o),
        MatF64.dense(patches, 0, rows, k),
        MatF64.dense(p, base, o, k),
        true);
    if (bias != null) {
      RowLoopsF64.addColumnSums(dyRows, 0, rows, o, p, base + o * k);
    }
    if (c.dx != null) {
      double[] dPatches = ws.doubles(DPATCHES, rows * k);
      Gemm.gemm(
          false,
          false,
          MatF64.dense(dyRows, 0, rows, o),
          MatF64.dense(c.w.doubles(), 0, o, k),
          MatF64.dense(dPatches, 0, rows, k),
          false);
      Im2Row.rowsToImage(dPatches, n0, nb, g, c.dims, c.dx.doubles());
    }
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
    final float[] patches;

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
      this.patches = keep ? new float[(int) patchFloats] : null;
      this.forwardBody = (n0, n1) -> l.forwardChunk(this, n0, n1);
      this.backwardBody = (n0, n1) -> l.backwardChunk(this, n0, n1);
    }

    @Override
    public Tensor output() {
      return y;
    }

    @Override
    public long savedBytes() {
      return y.bytes() + (patches == null ? 0 : 4L * patches.length);
    }
  }
}

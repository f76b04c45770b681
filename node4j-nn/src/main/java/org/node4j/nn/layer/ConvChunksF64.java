package org.node4j.nn.layer;

import org.node4j.nn.kernel.Gemm;
import org.node4j.nn.kernel.ValueKeyF64;

/**
 * The work of one chunk of images of a {@link ConvLayer} evaluation, in float64; the float32 twin
 * is generated from this file at build time (see the node4j-nn POM). {@link ConvLayer.ConvCache}
 * picks the twin of its dtype once, when it is built, so the type is dispatched once per
 * evaluation, not per block.
 *
 * <p>A chunk walks its images either in blocks of rows ({@link PatchCopiesF64#imageToRows}: one
 * product per block of {@code c.block} images) or, for large images ({@code c.columns}), one image
 * at a time in the column layout. The weight and bias gradients of the chunk go to its own slice of
 * the layer's {@link Partials}, which the layer reduces in chunk order.
 */
final class ConvChunksF64 {
  private static final int PATCHES = 0;
  private static final int ROWS = 1;
  private static final int DPATCHES = 2;

  private ConvChunksF64() {}

  /** y[n] = conv(x[n]) + b for the images {@code [n0, n1)}. */
  static void forward(ConvLayer l, ConvLayer.ConvCache c, int n0, int n1) {
    Workspace ws = l.pool.acquire();
    try {
      if (c.winograd) {
        double[] b = c.b == null ? null : c.b.doubles();
        WinogradF64.convolve(
            c.x.doubles(),
            n0,
            n1 - n0,
            l.g.inChannels(),
            l.g.outChannels(),
            c.plane,
            c.u.doubles(),
            b,
            c.y.doubles(),
            ws);
        return;
      }
      if (c.unrolled) {
        UnrolledConvF64.forward(l, c, ws, n0, n1);
        return;
      }
      if (c.columns) {
        for (int n = n0; n < n1; n++) {
          forwardImage(l, c, ws, n);
        }
        return;
      }
      for (int b = n0; b < n1; b += c.block) {
        forwardRows(l, c, ws, b, Math.min(c.block, n1 - b));
      }
    } finally {
      l.pool.release(ws);
    }
  }

  /**
   * The chunk's partial dW and db (into its slice of the partials, zeroed first) and, when the
   * cache asks for it, dx for the images {@code [n0, n1)}; with the unrolled product only dx, its
   * dW and db coming from {@link #weightGradient} over the whole batch.
   */
  static void backward(ConvLayer l, ConvLayer.ConvCache c, int n0, int n1) {
    int stride = l.partialStride();
    int base = (n0 / c.grain) * stride;
    Workspace ws = l.pool.acquire();
    try {
      if (c.unrolled) {
        UnrolledConvF64.dataGradient(l, c, ws, n0, n1);
        return;
      }
      java.util.Arrays.fill(l.partials.doubles(0), base, base + stride, 0.0);
      if (c.winograd) {
        backwardWinograd(l, c, ws, n0, n1, base);
        return;
      }
      if (c.columns) {
        for (int n = n0; n < n1; n++) {
          backwardImage(l, c, ws, n, base);
        }
        return;
      }
      for (int b = n0; b < n1; b += c.block) {
        backwardRows(l, c, ws, b, Math.min(c.block, n1 - b), base);
      }
    } finally {
      l.pool.release(ws);
    }
  }

  /**
   * Task {@code task} of the unrolled product's dW and db of the whole evaluation into the first
   * slice of the partials, which {@link #zeroGradient} has zeroed, after every chunk's data
   * gradient: see {@link UnrolledConvF64#weightGradientTask}.
   */
  static void weightGradient(ConvLayer l, ConvLayer.ConvCache c, int task) {
    Workspace ws = l.pool.acquire();
    try {
      UnrolledConvF64.weightGradientTask(l, c, ws, l.partials.doubles(0), 0, task);
    } finally {
      l.pool.release(ws);
    }
  }

  /** Zeroes the first slice of the partials, which the unrolled product's gradient tasks fill. */
  static void zeroGradient(ConvLayer l) {
    java.util.Arrays.fill(l.partials.doubles(0), 0, l.partialStride(), 0.0);
  }

  /**
   * Brings the layer's transformed kernel ({@code flip}: that of the data gradient) up to c.w,
   * unless it was made from exactly these weights; for the unrolled product, brings the layer's
   * packed kernel matrix ({@code flip}: its transpose) up to c.w.
   */
  static void transformWeights(ConvLayer l, ConvLayer.ConvCache c, boolean flip) {
    Workspace ws = l.pool.acquire();
    try {
      if (c.unrolled) {
        UnrolledConvF64.pack(l, c, ws, flip);
        return;
      }
      int which = flip ? 1 : 0;
      double[] w = c.w.doubles();
      ValueKeyF64 key = l.winogradKeysF64[which];
      int weights = l.g.outChannels() * l.g.patch();
      if (key.matches(w, 0, weights)) {
        return;
      }
      double[] u = (flip ? c.uFlip : c.u).doubles();
      double[] scratch = ws.doubles(WinogradF64.PAD, 32);
      WinogradTilesF64.of(c.plane)
          .transformWeights(w, l.g.outChannels(), l.g.inChannels(), flip, u, scratch);
      key.record(w, 0, weights);
    } finally {
      l.pool.release(ws);
    }
  }

  /** The Winograd backward pass of images {@code [n0, n1)}: dW and db into the partials, dx. */
  private static void backwardWinograd(
      ConvLayer l, ConvLayer.ConvCache c, Workspace ws, int n0, int n1, int base) {
    int o = l.g.outChannels();
    int ch = l.g.inChannels();
    double[] part = l.partials.doubles(0);
    double[] dy = c.dy.doubles();
    if (c.parameterGradients) {
      WinogradF64.addWeightGradient(c.x.doubles(), dy, n0, n1 - n0, ch, o, c.plane, part, base, ws);
      for (int n = n0; n < n1; n++) {
        addBiasGradient(l, c, part, base, n);
      }
    }
    if (c.dx != null) {
      WinogradF64.convolve(
          dy, n0, n1 - n0, o, ch, c.planeT, c.uFlip.doubles(), null, c.dx.doubles(), ws);
    }
  }

  /** db += the sums of dy[n] over positions, per channel (no-op without a bias). */
  private static void addBiasGradient(
      ConvLayer l, ConvLayer.ConvCache c, double[] part, int base, int n) {
    if (c.b == null) {
      return;
    }
    int o = l.g.outChannels();
    int k = l.g.patch();
    int p = c.dims.out();
    RowLoopsF64.addPlaneSums(c.dy.doubles(), n * o * p, o, p, part, base + o * k);
  }

  /** rows = patches W^T for images {@code [n0, n0 + nb)}, scattered into y with the bias. */
  private static void forwardRows(
      ConvLayer l, ConvLayer.ConvCache c, Workspace ws, int n0, int nb) {
    ConvGeometry g = l.g;
    int o = g.outChannels();
    int k = g.patch();
    int rows = nb * c.dims.out();
    double[] patches = c.patches != null ? c.patches.doubles() : ws.doubles(PATCHES, rows * k);
    int pOff = c.patches != null ? n0 * c.dims.out() * k : 0;
    double[] out = ws.doubles(ROWS, rows * o);
    PatchCopiesF64.imageToRows(
        c.x.doubles(), n0, nb, g.inChannels(), c.dims, c.taps, patches, pOff);
    Gemm.gemm(
        false,
        true,
        ws.aF64.dense(patches, pOff, rows, k),
        ws.bF64.dense(c.w.doubles(), 0, o, k),
        ws.cF64.dense(out, 0, rows, o),
        false);
    double[] b = c.b == null ? null : c.b.doubles();
    RowLoopsF64.scatter(out, n0, nb, o, c.dims.out(), b, c.y.doubles());
  }

  /** dW += dy^T patches, db += column sums of dy, dx = adjoint of patches(dy W). */
  private static void backwardRows(
      ConvLayer l, ConvLayer.ConvCache c, Workspace ws, int n0, int nb, int base) {
    ConvGeometry g = l.g;
    int o = g.outChannels();
    int k = g.patch();
    int rows = nb * c.dims.out();
    double[] patches;
    int pOff;
    if (c.patches != null) {
      patches = c.patches.doubles();
      pOff = n0 * c.dims.out() * k;
    } else {
      patches = ws.doubles(PATCHES, rows * k);
      pOff = 0;
      PatchCopiesF64.imageToRows(c.x.doubles(), n0, nb, g.inChannels(), c.dims, c.taps, patches, 0);
    }
    double[] dyRows = ws.doubles(ROWS, rows * o);
    double[] p = l.partials.doubles(0);
    RowLoopsF64.gather(c.dy.doubles(), n0, nb, o, c.dims.out(), dyRows);
    Gemm.gemm(
        true,
        false,
        ws.aF64.dense(dyRows, 0, rows, o),
        ws.bF64.dense(patches, pOff, rows, k),
        ws.cF64.dense(p, base, o, k),
        true);
    if (c.b != null) {
      RowLoopsF64.addColumnSums(dyRows, 0, rows, o, p, base + o * k);
    }
    if (c.dx != null) {
      double[] dPatches = ws.doubles(DPATCHES, rows * k);
      Gemm.gemm(
          false,
          false,
          ws.aF64.dense(dyRows, 0, rows, o),
          ws.bF64.dense(c.w.doubles(), 0, o, k),
          ws.cF64.dense(dPatches, 0, rows, k),
          false);
      PatchCopiesF64.rowsToImage(dPatches, n0, nb, g.inChannels(), c.dims, c.taps, c.dx.doubles());
    }
  }

  /**
   * The column matrix of image {@code n}: the input itself for a pointwise convolution (its [C, P]
   * plane is already the matrix, at offset n * C * P), else the scratch slot filled by im2col (at
   * offset 0).
   */
  private static double[] columns(ConvLayer l, ConvLayer.ConvCache c, Workspace ws, int n) {
    if (c.pointwise) {
      return c.x.doubles();
    }
    double[] cols = ws.doubles(PATCHES, l.g.patch() * c.dims.out());
    PatchCopiesF64.imageToColumns(c.x.doubles(), n, l.g, c.dims, cols);
    return cols;
  }

  /** y[n] = W columns(x[n]) + b: the column layout, output written in place. */
  private static void forwardImage(ConvLayer l, ConvLayer.ConvCache c, Workspace ws, int n) {
    ConvGeometry g = l.g;
    int o = g.outChannels();
    int k = g.patch();
    int p = c.dims.out();
    double[] cols = columns(l, c, ws, n);
    int colOff = c.pointwise ? n * k * p : 0;
    double[] y = c.y.doubles();
    int yOff = n * o * p;
    Gemm.gemm(
        false,
        false,
        ws.aF64.dense(c.w.doubles(), 0, o, k),
        ws.bF64.dense(cols, colOff, k, p),
        ws.cF64.dense(y, yOff, o, p),
        false);
    if (c.b != null) {
      double[] b = c.b.doubles();
      for (int ch = 0; ch < o; ch++) {
        RowLoopsF64.addScalar(y, yOff + ch * p, p, b[ch]);
      }
    }
  }

  /** dW += dy[n] columns^T, db += row sums of dy[n], dx[n] = adjoint of columns(W^T dy[n]). */
  private static void backwardImage(
      ConvLayer l, ConvLayer.ConvCache c, Workspace ws, int n, int base) {
    ConvGeometry g = l.g;
    int o = g.outChannels();
    int k = g.patch();
    int p = c.dims.out();
    double[] dy = c.dy.doubles();
    int dyOff = n * o * p;
    double[] cols = columns(l, c, ws, n);
    int colOff = c.pointwise ? n * k * p : 0;
    double[] part = l.partials.doubles(0);
    if (c.pointwise && PointwiseGradF64.applies(o, k)) {
      PointwiseGradF64.addWeightGradient(dy, dyOff, o, cols, colOff, k, p, part, base, ws);
    } else {
      Gemm.gemm(
          false,
          true,
          ws.aF64.dense(dy, dyOff, o, p),
          ws.bF64.dense(cols, colOff, k, p),
          ws.cF64.dense(part, base, o, k),
          true);
    }
    addBiasGradient(l, c, part, base, n);
    if (c.dx == null) {
      return;
    }
    double[] w = c.w.doubles();
    if (c.pointwise) {
      Gemm.gemm(
          true,
          false,
          ws.aF64.dense(w, 0, o, k),
          ws.bF64.dense(dy, dyOff, o, p),
          ws.cF64.dense(c.dx.doubles(), n * k * p, k, p),
          false);
      return;
    }
    double[] dCols = ws.doubles(DPATCHES, k * p);
    Gemm.gemm(
        true,
        false,
        ws.aF64.dense(w, 0, o, k),
        ws.bF64.dense(dy, dyOff, o, p),
        ws.cF64.dense(dCols, 0, k, p),
        false);
    PatchCopiesF64.columnsToImage(dCols, n, g, c.dims, c.dx.doubles());
  }
}

package org.node4j.nn.layer;

import org.node4j.nn.kernel.Gemm;
import org.node4j.nn.kernel.PackedMatF64;

/**
 * A convolution of small images as one product with its unrolled matrix, in float64; the float32
 * twin is generated from this file at build time (see the node4j-nn POM).
 *
 * <p>A convolution is a linear map from an image's C * P_in values to its O * P_out outputs. In the
 * [N, C, H, W] layout each image is one contiguous row of C * P_in values, so the images of a chunk
 * form a row-major matrix X [n, C * P_in] as stored, and the whole convolution is {@code Y = X K}
 * with the unrolled (doubly block-Toeplitz) kernel matrix {@code K[(c, q), (o, p)] = w[o, c, tap]}
 * for each input position q that a tap of output position p reads (Chellapilla, Puri and Simard
 * 2006 unroll the data instead; here the kernel is unrolled, as in the matrix form of a convolution
 * layer). Y [n, O * P_out] is the [N, O, Ho, Wo] output as stored. The backward pass is {@code dX =
 * dY K^T} and {@code dK = X^T dY}, folded back onto the taps. No patch, row or column copy of the
 * data is made: the products read and write the tensors in place.
 *
 * <p>K has C * P_in * O * P_out entries against the direct product's C * taps * O * P_out
 * multiply-adds, so {@link ConvLayer} takes this path only while P_in is at most twice the taps
 * (the Sphere2 field's signals of length 2: for its k = 3, padding 1 layer every entry of K is a
 * tap, so no multiply is wasted). K and K^T are built from the weights and packed for the product
 * ({@link PackedMatF64}) once per value of the weights, not per pass: the 64 Euler steps of a W1
 * iteration, forward and backward, multiply by one pack of each.
 */
final class UnrolledConvF64 {
  private UnrolledConvF64() {}

  /**
   * Writes the unrolled matrix of {@code w} ([O, C, kh, kw]) into {@code k}: with {@code
   * transposed} false, K [C * P_in, O * P_out] of the forward product; with {@code transposed}
   * true, K^T [O * P_out, C * P_in] of the data gradient. Entries no tap reaches are zero.
   */
  static void build(
      double[] w, ConvGeometry g, Im2Row.Dims d, int[] taps, boolean transposed, double[] k) {
    int o = g.outChannels();
    int ch = g.inChannels();
    int t = g.kh() * g.kw();
    int pIn = d.in();
    int pOut = d.out();
    int cols = transposed ? ch * pIn : o * pOut;
    java.util.Arrays.fill(k, 0, ch * pIn * o * pOut, 0.0);
    for (int p = 0; p < pOut; p++) {
      for (int j = 0; j < t; j++) {
        int q = taps[p * t + j];
        if (q < 0) {
          continue;
        }
        for (int oo = 0; oo < o; oo++) {
          int src = oo * ch * t + j;
          int out = oo * pOut + p;
          for (int c = 0; c < ch; c++, src += t) {
            int in = c * pIn + q;
            k[transposed ? out * cols + in : in * cols + out] = w[src];
          }
        }
      }
    }
  }

  /**
   * Brings the layer's packed K ({@code transposed}: K^T) up to the cache's weights: unless it is
   * already the pack of exactly these weights at these sizes, builds the matrix into the
   * workspace's slot 0 and packs it.
   */
  static void pack(ConvLayer l, ConvLayer.ConvCache c, Workspace ws, boolean transposed) {
    PackedMatF64 packed = l.unrolledF64[transposed ? 1 : 0];
    int in = l.g.inChannels() * c.dims.in();
    int out = l.g.outChannels() * c.dims.out();
    int rows = transposed ? out : in;
    int cols = transposed ? in : out;
    double[] w = c.w.doubles();
    int weights = l.g.outChannels() * l.g.patch();
    if (packed.rows() == rows && packed.cols() == cols && packed.isPackOf(w, 0, weights)) {
      return;
    }
    double[] k = ws.doubles(0, rows * cols);
    build(w, l.g, c.dims, c.taps, transposed, k);
    packed.pack(false, ws.bF64.dense(k, 0, rows, cols), w, 0, weights);
  }

  /** Y = X K (+ bias) for images {@code [n0, n1)}, with the layer's packed K ({@link #pack}). */
  static void forward(ConvLayer l, ConvLayer.ConvCache c, Workspace ws, int n0, int n1) {
    int o = l.g.outChannels();
    int row = l.g.inChannels() * c.dims.in();
    int p = c.dims.out();
    double[] y = c.y.doubles();
    Gemm.gemm(
        ws.aF64.dense(c.x.doubles(), n0 * row, n1 - n0, row),
        l.unrolledF64[0],
        ws.cF64.dense(y, n0 * o * p, n1 - n0, o * p),
        false);
    if (c.b == null) {
      return;
    }
    // The bias spread over the positions of one output row, then added row by row: contiguous
    // loops the JIT vectorises, where a loop over (channel, position) would run P = 2 at a time.
    double[] b = c.b.doubles();
    int cols = o * p;
    double[] spread = ws.doubles(0, cols);
    for (int oo = 0; oo < o; oo++) {
      java.util.Arrays.fill(spread, oo * p, oo * p + p, b[oo]);
    }
    if (LaneLoops.addToRows(y, n0 * cols, n1 - n0, cols, spread)) {
      return;
    }
    for (int base = n0 * cols, end = n1 * cols; base < end; base += cols) {
      for (int j = 0; j < cols; j++) {
        y[base + j] += spread[j];
      }
    }
  }

  /**
   * dX = dY K^T for images {@code [n0, n1)} when the cache asks for it, with the layer's packed K^T
   * ({@link #pack}): the per-image part of the backward pass, which any chunking of the images
   * computes to the same bits.
   */
  static void dataGradient(ConvLayer l, ConvLayer.ConvCache c, Workspace ws, int n0, int n1) {
    if (c.dx == null) {
      return;
    }
    int row = l.g.inChannels() * c.dims.in();
    int cols = l.g.outChannels() * c.dims.out();
    Gemm.gemm(
        ws.aF64.dense(c.dy.doubles(), n0 * cols, n1 - n0, cols),
        l.unrolledF64[1],
        ws.cF64.dense(c.dx.doubles(), n0 * row, n1 - n0, row),
        false);
  }

  /**
   * The number of tasks {@link #weightGradientTask} splits a layer's weight and bias gradients
   * into: slices of the input channels of about {@link Chunking#MIN_FREE_SAMPLE_CHUNK_FLOPS} of
   * dK's product each, then, when there are at least two slices and a bias, the bias gradient as a
   * task of its own. The tasks write disjoint parts of the gradient and each element is computed
   * the same way whatever the slicing, so the tasks run in any order, on any thread, to the same
   * bits.
   */
  static int gradientTasks(ConvGeometry g, Im2Row.Dims d, int images, boolean bias) {
    int ch = g.inChannels();
    long perChannel = 2L * images * d.in() * g.outChannels() * d.out();
    long minFlops = Chunking.MIN_FREE_SAMPLE_CHUNK_FLOPS;
    int slices = (int) Math.max(1, Math.min(ch, perChannel * ch / minFlops));
    return slices + (bias && slices > 1 ? 1 : 0);
  }

  /**
   * Task {@code task} of the cache's {@link #gradientTasks} of dW (folded from dK = X^T dY) and db
   * of the whole evaluation into {@code part[base ..]}, which the caller has zeroed: a slice of the
   * input channels takes its rows of dK as one product over every image of the batch, so that each
   * element of dK is one chain of fused multiply-adds over the images in order, whatever chunks the
   * data gradient ran in (the product may still be split over the rows of dK, which does not change
   * a bit); the bias task (or the only slice) adds db.
   */
  static void weightGradientTask(
      ConvLayer l, ConvLayer.ConvCache c, Workspace ws, double[] part, int base, int task) {
    ConvGeometry g = l.g;
    int o = g.outChannels();
    int ch = g.inChannels();
    int pIn = c.dims.in();
    int p = c.dims.out();
    int images = c.images;
    int tasks = c.gradientTasks;
    int slices = tasks - (c.b != null && tasks > 1 ? 1 : 0);
    double[] dy = c.dy.doubles();
    double[] sums = ws.doubles(1, 2 * o);
    if (task < slices) {
      int c0 = (int) ((long) ch * task / slices);
      int c1 = (int) ((long) ch * (task + 1) / slices);
      int rows = (c1 - c0) * pIn;
      double[] dk = ws.doubles(0, rows * o * p + 1); // one more for LaneLoops.addTapPairs
      Gemm.gemm(
          true,
          false,
          ws.aF64.set(c.x.doubles(), c0 * pIn, ch * pIn, images, rows),
          ws.bF64.dense(dy, 0, images, o * p),
          ws.cF64.dense(dk, 0, rows, o * p),
          false);
      addTaps(dk, g, c.dims, c.taps, c0, c1, part, base, sums);
    }
    if (c.b != null && (task == slices || tasks == 1)) {
      addBiasGradient(dy, 0, images, o, p, part, base + o * g.patch(), sums);
    }
  }

  /**
   * dw[o, c, tap] += the entries of dK [C * P_in, O * P_out] that {@link #build} put w's at, summed
   * over the output positions in increasing order from 0.0, for all output channels at once (in
   * {@code sums}, O values) and the input channels {@code [c0, c1)}, whose rows of dK start at
   * {@code dk[0]}: the innermost loops run over the O channels, not over the few positions. Signals
   * of two output positions (Sphere2's) take {@link LaneLoops#addTapPairs}, the same sums in vector
   * lanes, where dk holds one value past its rows.
   */
  private static void addTaps(
      double[] dk,
      ConvGeometry g,
      Im2Row.Dims d,
      int[] taps,
      int c0,
      int c1,
      double[] dw,
      int off,
      double[] sums) {
    int o = g.outChannels();
    int ch = g.inChannels();
    int t = g.kh() * g.kw();
    int pIn = d.in();
    int pOut = d.out();
    int cols = o * pOut;
    if (pOut == 2 && LaneLoops.addTapPairs(dk, taps, t, pIn, c0, c1, ch, o, dw, off, sums)) {
      return;
    }
    for (int c = c0; c < c1; c++) {
      for (int j = 0; j < t; j++) {
        java.util.Arrays.fill(sums, 0, o, 0.0);
        for (int p = 0; p < pOut; p++) {
          int q = taps[p * t + j];
          if (q < 0) {
            continue;
          }
          int from = ((c - c0) * pIn + q) * cols + p;
          for (int oo = 0; oo < o; oo++) {
            sums[oo] += dk[from + oo * pOut];
          }
        }
        for (int oo = 0, dst = off + c * t + j; oo < o; oo++, dst += ch * t) {
          dw[dst] += sums[oo];
        }
      }
    }
  }

  /**
   * db[o] += the sum over positions of dy[n, o, :], in order from 0.0 (as RowLoopsF64.sum), image
   * by image, for {@code images} images from {@code dy[from]}: with {@link LaneLoops}' vector pair
   * sums for signals of two positions when it has them, else with the channels innermost (loops of
   * O iterations, not of the P positions). {@code sums} holds at least 2 * O values.
   */
  private static void addBiasGradient(
      double[] dy, int from, int images, int o, int p, double[] db, int at, double[] sums) {
    if (p == 2 && LaneLoops.addPairSums(dy, from, images, o, db, at, sums)) {
      return;
    }
    for (int i = from, end = from + images * o * p; i < end; i += o * p) {
      java.util.Arrays.fill(sums, 0, o, 0.0);
      for (int q = 0; q < p; q++) {
        for (int oo = 0; oo < o; oo++) {
          sums[oo] += dy[i + oo * p + q];
        }
      }
      for (int oo = 0; oo < o; oo++) {
        db[at + oo] += sums[oo];
      }
    }
  }
}

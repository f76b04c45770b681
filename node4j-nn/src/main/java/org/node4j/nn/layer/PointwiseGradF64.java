package org.node4j.nn.layer;

/**
 * The weight gradient of one image of a pointwise (1x1, stride 1, unpadded) convolution with few
 * channels on one side, {@code dW[o][c] += sum over positions p of dy[o][p] x[c][p]}, in float64;
 * the float32 twin is generated from this file at build time (see the node4j-nn POM).
 *
 * <p>As the product {@code dW += dy x^T} computes it, each element is one chain of fused
 * multiply-adds over the positions in order, from the element's value (the same bits). The product
 * has to transpose x (or dy) for that: with 3 channels on one side (W4's first and last
 * convolutions), the GEMM copied the whole [128, 1024] operand transposed and then read the copy
 * three times (the narrow output side), or gathered it 16 rows at a time element by element. Here
 * the wide operand is transposed in blocks of {@value VectorPointwiseF64#BLOCK} positions by one
 * vector of channels into a buffer that stays in L1, and each block goes straight into the chains
 * of all the narrow side's channels; so the wide operand is read once, and nothing else is copied.
 * An in-process comparison with the GEMM on W4's shapes is in docs/bench/performance-log.md.
 *
 * <p>Only with the Vector API ({@link Lanes}, implemented by {@code VectorPointwiseF64} and loaded
 * only when the GEMM kernel is the vector one); without it the convolution keeps the product.
 */
final class PointwiseGradF64 {
  /** The most channels on the narrow side: up to here a channel's chain runs beside two more. */
  static final int MAX_NARROW = 4;

  /** The fewest channels on the wide side (several vectors of them). */
  static final int MIN_WIDE = 32;

  /** The workspace slots: the chains' accumulators and the transposed block. */
  private static final int ACC = 0;

  private static final int BUF = 1;

  private static final Lanes LANES = Lanes.load();

  private PointwiseGradF64() {}

  /** The vector loop. */
  interface Lanes {
    /**
     * {@code out[oOff + s * ldN + g * ldW] += sum over q < p of narrow[nOff + s * p + q] *
     * wide[wOff + g * p + q]} for s < nn, g < nw, each a chain of fused multiply-adds over q in
     * order; {@code acc} holds nn * nw values and {@code buf} {@link #bufferLength}.
     */
    void addProducts(
        double[] narrow,
        int nOff,
        int nn,
        double[] wide,
        int wOff,
        int nw,
        int p,
        double[] out,
        int oOff,
        int ldN,
        int ldW,
        double[] acc,
        double[] buf);

    /** The length of the transposed block's buffer. */
    int bufferLength();

    /** The vector loop when the GEMM kernel uses the Vector API, else null. */
    static Lanes load() {
      return VectorLoops.load(
          Lanes.class, "org.node4j.nn.layer.VectorPointwiseF64", "pointwise gradient");
    }
  }

  /** Whether {@link #addWeightGradient} takes a convolution of {@code o} x {@code c} channels. */
  static boolean applies(int o, int c) {
    return LANES != null && Math.min(o, c) <= MAX_NARROW && Math.max(o, c) >= MIN_WIDE;
  }

  /**
   * {@code dw[off + oo * c + cc] += sum over q < p of dy[dyOff + oo * p + q] x[xOff + cc * p + q]},
   * each element one chain of fused multiply-adds over q in order (only where {@link #applies}).
   */
  static void addWeightGradient(
      double[] dy,
      int dyOff,
      int o,
      double[] x,
      int xOff,
      int c,
      int p,
      double[] dw,
      int off,
      Workspace ws) {
    double[] acc = ws.doubles(ACC, o * c);
    double[] buf = ws.doubles(BUF, LANES.bufferLength());
    if (o <= c) {
      LANES.addProducts(dy, dyOff, o, x, xOff, c, p, dw, off, c, 1, acc, buf);
    } else {
      LANES.addProducts(x, xOff, c, dy, dyOff, o, p, dw, off, 1, c, acc, buf);
    }
  }
}

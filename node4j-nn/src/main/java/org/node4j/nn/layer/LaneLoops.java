package org.node4j.nn.layer;

/**
 * float32 loops of the small-signal layers that C2 does not vectorise by itself, with the Vector
 * API ({@code VectorLaneLoops}, loaded only when {@link org.node4j.nn.kernel.Gemm#vectorBits()} is
 * positive) or as plain loops; both give the same bits (for sums with a NaN, possibly a NaN of the
 * other sign).
 *
 * <p>ReLU's {@code y = max(x, 0)} and {@code dx = x > 0 ? dy : 0}: the vector maximum is {@link
 * Math#max} lane by lane, and the select takes dy or +0 exactly as the conditional does, which
 * compiles to a branch that an input positive about half the time mispredicts. The bias gradient of
 * a convolution over signals of two positions sums each channel's pair and adds it to the channel's
 * total image by image: strided pairs, which the vector loop adds as a vector and the vector loaded
 * one value further on. In W1 (64 Euler steps, batch 128, 32 channels) each of these passes touches
 * a million values per iteration, as many as a tenth of its multiply-adds.
 */
final class LaneLoops {
  private static final Lanes LANES = Lanes.load();

  private LaneLoops() {}

  /** {@code y[i] = max(x[i], 0)} over {@code [from, to)}. */
  static void relu(float[] x, float[] y, int from, int to) {
    int i = LANES == null ? from : LANES.relu(x, y, from, to);
    for (; i < to; i++) {
      y[i] = Math.max(x[i], 0f);
    }
  }

  /**
   * {@code dx[i] = x[i] > 0 ? dy[i] : 0} over {@code [from, to)}; x may be ReLU's input or its
   * output, which are positive at the same places.
   */
  static void reluBackward(float[] x, float[] dy, float[] dx, int from, int to) {
    int i = LANES == null ? from : LANES.reluBackward(x, dy, dx, from, to);
    for (; i < to; i++) {
      dx[i] = x[i] > 0f ? dy[i] : 0f;
    }
  }

  /**
   * For {@code images} rows of {@code 2 * channels} values from {@code dy[from]} (image, then
   * channel, then its two positions), in image order: {@code total[at + c] += (0 + a) + b} for the
   * channel's pair (a, b), with the Vector API; returns false, having done nothing, when there are
   * no vector loops or a row is not whole vectors. {@code sums} holds at least {@code 2 * channels}
   * values.
   */
  static boolean addPairSums(
      float[] dy, int from, int images, int channels, float[] total, int at, float[] sums) {
    return LANES != null && LANES.addPairSums(dy, from, images, channels, total, at, sums);
  }

  /** The float64 twin of the above for the generated callers: no vector loop, always false. */
  static boolean addPairSums(
      double[] dy, int from, int images, int channels, double[] total, int at, double[] sums) {
    return false;
  }

  /**
   * The tap folding of {@code UnrolledConvF32.addTaps} for signals of two output positions, with
   * the Vector API: for each input channel c in {@code [c0, c1)} and tap j of {@code t}, and every
   * output channel oo of {@code o}, {@code dw[off + oo * ch * t + c * t + j] += (0 + a) + b}, where
   * a is the entry of dK at the row of (c, the position tap j reads for output position 0) and the
   * column of (oo, 0), b that of (c, the position it reads for position 1) and (oo, 1), each left
   * out when the tap reads padding; dK's rows of the channels {@code [c0, c1)}, {@code pIn} per
   * channel, are {@code 2 * o} values each from {@code dk[0]}, and dk holds one value more. Returns
   * false, having done nothing, when there are no vector loops or a row is not whole vectors.
   * {@code sums} holds at least {@code 2 * o} values.
   */
  static boolean addTapPairs(
      float[] dk,
      int[] taps,
      int t,
      int pIn,
      int c0,
      int c1,
      int ch,
      int o,
      float[] dw,
      int off,
      float[] sums) {
    return LANES != null && LANES.addTapPairs(dk, taps, t, pIn, c0, c1, ch, o, dw, off, sums);
  }

  /** The float64 twin of the above for the generated callers: no vector loop, always false. */
  static boolean addTapPairs(
      double[] dk,
      int[] taps,
      int t,
      int pIn,
      int c0,
      int c1,
      int ch,
      int o,
      double[] dw,
      int off,
      double[] sums) {
    return false;
  }

  /**
   * {@code y[from + r * cols + j] += row[j]} for {@code rows} rows, with the Vector API; returns
   * false, having done nothing, when there are no vector loops.
   */
  static boolean addToRows(float[] y, int from, int rows, int cols, float[] row) {
    return LANES != null && LANES.addToRows(y, from, rows, cols, row);
  }

  /** The float64 twin of the above for the generated callers: no vector loop, always false. */
  static boolean addToRows(double[] y, int from, int rows, int cols, double[] row) {
    return false;
  }

  /** The vector loops. */
  interface Lanes {
    /** ReLU over whole vectors from {@code from}; returns where it stopped. */
    int relu(float[] x, float[] y, int from, int to);

    /** ReLU's backward over whole vectors from {@code from}; returns where it stopped. */
    int reluBackward(float[] x, float[] dy, float[] dx, int from, int to);

    /**
     * {@link LaneLoops#addPairSums}, when an image's {@code 2 * channels} values are whole vectors;
     * returns false (having done nothing) otherwise.
     */
    boolean addPairSums(
        float[] dy, int from, int images, int channels, float[] total, int at, float[] sums);

    /** {@link LaneLoops#addTapPairs}. */
    boolean addTapPairs(
        float[] dk,
        int[] taps,
        int t,
        int pIn,
        int c0,
        int c1,
        int ch,
        int o,
        float[] dw,
        int off,
        float[] sums);

    /** {@link LaneLoops#addToRows}. */
    boolean addToRows(float[] y, int from, int rows, int cols, float[] row);

    /** The vector loops when the GEMM kernel uses the Vector API, else null. */
    static Lanes load() {
      return VectorLoops.load(Lanes.class, "org.node4j.nn.layer.VectorLaneLoops", "lane loops");
    }
  }
}

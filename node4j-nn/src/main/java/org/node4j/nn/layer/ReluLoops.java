package org.node4j.nn.layer;

/**
 * The float32 loops of {@link Activation#relu()}: {@code y = max(x, 0)} and {@code dx = x > 0 ? dy
 * : 0}, with the Vector API ({@code VectorReluLoops}, loaded only when {@link
 * org.node4j.nn.kernel.Gemm#vectorBits()} is positive) or as plain loops. Both give the same bits
 * (the vector maximum is {@link Math#max} lane by lane, and the select takes dy or +0 exactly as
 * the conditional does). The vector select matters: the scalar conditional compiles to a branch
 * that a ReLU's input, positive about half the time, mispredicts, and W1 spent more time in it than
 * in any of its products but the 32-channel one.
 */
final class ReluLoops {
  private static final Lanes LANES = Lanes.load();

  private ReluLoops() {}

  /** {@code y[i] = max(x[i], 0)} over {@code [from, to)}. */
  static void forward(float[] x, float[] y, int from, int to) {
    int i = LANES == null ? from : LANES.forward(x, y, from, to);
    for (; i < to; i++) {
      y[i] = Math.max(x[i], 0f);
    }
  }

  /** {@code dx[i] = x[i] > 0 ? dy[i] : 0} over {@code [from, to)}. */
  static void backward(float[] x, float[] dy, float[] dx, int from, int to) {
    int i = LANES == null ? from : LANES.backward(x, dy, dx, from, to);
    for (; i < to; i++) {
      dx[i] = x[i] > 0f ? dy[i] : 0f;
    }
  }

  /** The vector loops: each does whole vectors from {@code from} and returns where it stopped. */
  interface Lanes {
    int forward(float[] x, float[] y, int from, int to);

    int backward(float[] x, float[] dy, float[] dx, int from, int to);

    /** The vector loops when the GEMM kernel uses the Vector API, else null. */
    static Lanes load() {
      if (org.node4j.nn.kernel.Gemm.vectorBits() == 0) {
        return null;
      }
      try {
        return (Lanes)
            Class.forName("org.node4j.nn.layer.VectorReluLoops").getConstructor().newInstance();
      } catch (ReflectiveOperationException | LinkageError e) {
        throw new IllegalStateException("cannot load the Vector API ReLU loops", e);
      }
    }
  }
}

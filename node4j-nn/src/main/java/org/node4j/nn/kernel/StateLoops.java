package org.node4j.nn.kernel;

/**
 * The memory-bound loops of an explicit solver step on float32 states (the stage combinations,
 * axpy, zero fill) and the finiteness check after it.
 *
 * <p>A stage combination is computed in float32 arithmetic, as PyTorch (and so torchdiffeq)
 * computes it on float32 tensors: the step and the coefficients are rounded to float32 once, the
 * terms are summed in stage order from +0 and each operation rounds, with no fused multiply-add. C2
 * vectorises these loops itself (its superword pass), so they need no Vector API code and run fast
 * from C2's first compilation. They used to convert each element to double and round once when
 * storing; C2 on JDK 17 does not vectorise float/double conversions, and that scalar loop had two
 * speeds, 11.4 or about 76 microseconds per 256 x 64 state, fixed for the life of a compilation
 * (consistent with a loop-carried false dependency through a conversion's destination register),
 * against about 2.4 for this loop; in fresh JVMs W5 at N = 64 and 256 ran 10 %-45 % faster with it
 * (docs/bench/performance-log.md, "The float32 stage combinations in float32").
 *
 * <p>The finiteness checks use the Vector API ({@link VectorStateLoops}, no conversions) whenever
 * the vector GEMM kernel is active and the array has {@link #VECTOR_MIN} elements or more, the
 * scalar loop otherwise: until C2 compiles a Vector API loop, the interpreter and C1 run the API's
 * Java code, which allocates a box per vector operation, and a short loop takes many calls to get
 * hot enough for C2. The verdict is the same either way.
 *
 * <p>With {@code -Dnode4j.stateSplitMin=N}, a state of {@code 2 N} elements or more is split over
 * the engine's threads ({@link Parallel#forChunks}) in equal chunks, each element computed by the
 * same loop as unsplit, so the bits do not depend on the thread count or the setting. It is off by
 * default: splitting the combinations, the adjoint's axpy and zero fill and the finiteness check
 * into regions of their own made W5 about 20 % slower on the loaded shared machine (in-process A/B,
 * docs/bench/performance-log.md), where every extra region waits for a worker that may have lost
 * its core.
 */
public final class StateLoops {
  private static final String VECTOR_CLASS = "org.node4j.nn.kernel.VectorStateLoops";
  private static final Kernel ACTIVE = initialise();

  /** The shortest array the vector finiteness checks take. */
  static final int VECTOR_MIN = 16_384;

  /**
   * The fewest elements per chunk when a loop is split over the engine's threads, or 0 (the
   * default) for no split: every loop runs on the calling thread. {@code -Dnode4j.stateSplitMin=N}
   * sets it (8192 splits a W5 state of 256 x 64 in the two halves its network pass computes); tests
   * set the field.
   */
  static int splitMin = Integer.getInteger("node4j.stateSplitMin", 0);

  private static final ThreadLocal<Split> SPLITS = ThreadLocal.withInitial(Split::new);

  private StateLoops() {}

  /** One implementation of the finiteness checks. */
  interface Kernel {
    /** Returns whether no element in the range [from, to) is infinite or NaN. */
    boolean allFinite(float[] x, int from, int to);

    /** Returns whether no element is infinite or NaN. */
    boolean allFinite(double[] x);
  }

  /**
   * Writes {@code out[i] = y[i] + h * (0 + c k[i])} in float32 arithmetic ({@code h} and {@code c}
   * rounded to float32 once); {@code out} may be {@code y} or {@code k}.
   */
  public static void combine1(float[] out, float[] y, double h, double c, float[] k) {
    int chunks = chunks(y.length);
    if (chunks == 1) {
      Scalar.combine1(out, y, h, c, k, 0, y.length);
    } else {
      Split t = SPLITS.get();
      t.op = Split.COMBINE1;
      t.out = out;
      t.y = y;
      t.h = h;
      t.c0 = c;
      t.k0 = k;
      t.run(chunks);
    }
  }

  /**
   * Writes {@code out[i] = y[i] + h * ((0 + c0 k0[i]) + c1 k1[i])} in float32 arithmetic ({@code
   * h}, {@code c0} and {@code c1} rounded to float32 once); {@code out} may be any of the inputs.
   */
  public static void combine2(
      float[] out, float[] y, double h, double c0, float[] k0, double c1, float[] k1) {
    int chunks = chunks(y.length);
    if (chunks == 1) {
      Scalar.combine2(out, y, h, c0, k0, c1, k1, 0, y.length);
    } else {
      Split t = SPLITS.get();
      t.op = Split.COMBINE2;
      t.out = out;
      t.y = y;
      t.h = h;
      t.c0 = c0;
      t.k0 = k0;
      t.c1 = c1;
      t.k1 = k1;
      t.run(chunks);
    }
  }

  /**
   * Computes {@code y[i] += a * x[i]} in float32 arithmetic ({@code a} rounded to float32 once),
   * the bits of {@link org.node4j.nn.ops.Elementwise#axpy} on float32 tensors.
   */
  public static void axpy(double a, float[] x, float[] y) {
    int chunks = chunks(y.length);
    if (chunks == 1) {
      Scalar.axpy((float) a, x, y, 0, y.length);
    } else {
      Split t = SPLITS.get();
      t.op = Split.AXPY;
      t.y = y;
      t.k0 = x;
      t.h = a;
      t.run(chunks);
    }
  }

  /**
   * Computes {@code y[i] = 0 + a * x[i]} in float32 arithmetic: the bits of {@link #fillZero}
   * followed by {@link #axpy}, in one pass (a split state takes those two loops).
   */
  public static void scaledCopy(double a, float[] x, float[] y) {
    if (chunks(y.length) == 1) {
      Scalar.scaledCopy((float) a, x, y, 0, y.length);
    } else {
      fillZero(y);
      axpy(a, x, y);
    }
  }

  /** Sets every element of {@code x} to zero. */
  public static void fillZero(float[] x) {
    int chunks = chunks(x.length);
    if (chunks == 1) {
      java.util.Arrays.fill(x, 0f);
    } else {
      Split t = SPLITS.get();
      t.op = Split.FILL_ZERO;
      t.y = x;
      t.run(chunks);
    }
  }

  /** Returns whether no element of {@code x} is infinite or NaN. */
  public static boolean allFinite(float[] x) {
    int chunks = chunks(x.length);
    if (chunks == 1) {
      return kernel(x.length).allFinite(x, 0, x.length);
    }
    Split t = SPLITS.get();
    t.op = Split.ALL_FINITE;
    t.y = x;
    return t.run(chunks);
  }

  /** Returns whether no element of {@code x} is infinite or NaN. */
  public static boolean allFinite(double[] x) {
    return x.length >= VECTOR_MIN ? ACTIVE.allFinite(x) : Scalar.allFinite(x, 0, x.length);
  }

  /** The kernel for an array of {@code length} elements (see the class comment). */
  private static Kernel kernel(int length) {
    return length >= VECTOR_MIN ? ACTIVE : Scalar.INSTANCE;
  }

  /**
   * Returns how many chunks a loop over {@code length} elements is split into: the largest power of
   * two up to 16 that leaves each chunk {@link #splitMin} elements or more, the same rule by which
   * a network pass cuts its batch (so a state of B x d elements is usually cut at the same rows as
   * the pass that wrote it, and each thread reads what it wrote); 1 when the loop cannot be split
   * (one thread, or inside another loop's chunk).
   */
  static int chunks(int length) {
    int min = splitMin;
    if (min <= 0 || length / 2 < min || !Parallel.canSplit()) {
      return 1;
    }
    int chunks = 2;
    while (chunks < 16 && length / (2 * chunks) >= min) {
      chunks *= 2;
    }
    return chunks;
  }

  /**
   * One split loop of the calling thread: the operation and its operands, reused from call to call
   * so that a split allocates nothing, and each chunk's finiteness verdict.
   */
  private static final class Split implements Parallel.RangeBody {
    static final int COMBINE1 = 0;
    static final int COMBINE2 = 1;
    static final int AXPY = 2;
    static final int FILL_ZERO = 3;
    static final int ALL_FINITE = 4;

    int op;
    float[] out;
    float[] y;
    float[] k0;
    float[] k1;
    double h;
    double c0;
    double c1;
    Kernel kernel;
    int grain;
    final boolean[] finite = new boolean[16];

    /** Runs the loop in {@code chunks} equal chunks; returns whether every chunk was finite. */
    boolean run(int chunks) {
      int n = y.length;
      kernel = kernel(n);
      grain = (n + chunks - 1) / chunks;
      try {
        Parallel.forChunks(n, grain, this);
        boolean all = true;
        if (op == ALL_FINITE) {
          for (int c = 0; c < chunks; c++) {
            all &= finite[c];
          }
        }
        return all;
      } finally {
        out = null;
        y = null;
        k0 = null;
        k1 = null;
        kernel = null;
      }
    }

    @Override
    public void run(int from, int to) {
      switch (op) {
        case COMBINE1 -> Scalar.combine1(out, y, h, c0, k0, from, to);
        case COMBINE2 -> Scalar.combine2(out, y, h, c0, k0, c1, k1, from, to);
        case AXPY -> Scalar.axpy((float) h, k0, y, from, to);
        case FILL_ZERO -> java.util.Arrays.fill(y, from, to, 0f);
        case ALL_FINITE -> finite[from / grain] = kernel.allFinite(y, from, to);
        default -> throw new IllegalStateException("unknown state loop " + op);
      }
    }
  }

  /** The scalar loops: the combinations, axpy, and the finiteness checks' reference and tails. */
  static final class Scalar implements Kernel {
    static final Scalar INSTANCE = new Scalar();

    static void combine1(float[] out, float[] y, double h, double c, float[] k, int from, int to) {
      float hf = (float) h;
      float cf = (float) c;
      for (int i = from; i < to; i++) {
        out[i] = y[i] + hf * (0f + cf * k[i]);
      }
    }

    static void combine2(
        float[] out,
        float[] y,
        double h,
        double c0,
        float[] k0,
        double c1,
        float[] k1,
        int from,
        int to) {
      float hf = (float) h;
      float cf0 = (float) c0;
      float cf1 = (float) c1;
      for (int i = from; i < to; i++) {
        out[i] = y[i] + hf * ((0f + cf0 * k0[i]) + cf1 * k1[i]);
      }
    }

    @Override
    public boolean allFinite(float[] x, int from, int to) {
      for (int i = from; i < to; i++) {
        if (!Float.isFinite(x[i])) {
          return false;
        }
      }
      return true;
    }

    @Override
    public boolean allFinite(double[] x) {
      return allFinite(x, 0, x.length);
    }

    static void axpy(float a, float[] x, float[] y, int from, int to) {
      for (int i = from; i < to; i++) {
        y[i] += a * x[i];
      }
    }

    static void scaledCopy(float a, float[] x, float[] y, int from, int to) {
      for (int i = from; i < to; i++) {
        y[i] = 0f + a * x[i];
      }
    }

    static boolean allFinite(double[] x, int from, int to) {
      for (int i = from; i < to; i++) {
        if (!Double.isFinite(x[i])) {
          return false;
        }
      }
      return true;
    }
  }

  /** Returns the vector implementation; only call when the vector module is present. */
  static Kernel loadVector() {
    try {
      return (Kernel) Class.forName(VECTOR_CLASS).getConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException("cannot load the Vector API state loops " + VECTOR_CLASS, e);
    }
  }

  private static Kernel initialise() {
    return GemmKernels.active().vectorBits() > 0 ? loadVector() : Scalar.INSTANCE;
  }
}

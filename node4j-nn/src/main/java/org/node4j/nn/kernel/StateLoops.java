package org.node4j.nn.kernel;

/**
 * The memory-bound loops of an explicit solver step on float32 states, and the finiteness check
 * after it, computed by the implementation chosen once per JVM with {@link Elementwise}'s rule: the
 * Vector API one ({@link VectorStateLoops}) whenever the vector GEMM kernel is active, otherwise
 * {@link Scalar}.
 *
 * <p>Both give the same bits: a stage combination converts each float32 element to double, sums the
 * terms in stage order and rounds once when it stores, with no fused multiply-add, and converting
 * between float and double is exact in one direction and correctly rounded in the other, in a
 * vector lane as in a scalar. The scalar loops are what C2 cannot vectorise on JDK 17 (its
 * superword pass does not convert between float and double, and a loop that returns early is never
 * vectorised); the vector ones run about 10x faster on AVX-512.
 *
 * <p>Arrays shorter than {@link #VECTOR_MIN} always take the scalar loops. Until C2 compiles a
 * Vector API loop, the interpreter and C1 run the API's Java code, which allocates a box per vector
 * operation; a short loop takes many calls to get hot enough for C2 (a 128-element state took about
 * 10,000 solver steps under load, allocating 130 KiB per training iteration meanwhile), and gains
 * little from vectors. Long loops reach C2 within a few dozen calls through their back-edge
 * counters. The bits are the same either way.
 */
public final class StateLoops {
  private static final String VECTOR_CLASS = "org.node4j.nn.kernel.VectorStateLoops";
  private static final Kernel ACTIVE = initialise();

  /** The shortest array the vector loops take. */
  static final int VECTOR_MIN = 16_384;

  private StateLoops() {}

  /** One implementation of the loops. */
  interface Kernel {
    /** {@code out[i] = (float) (y[i] + h * (0.0 + c * k[i]))}, in double. */
    void combine1(float[] out, float[] y, double h, double c, float[] k);

    /** {@code out[i] = (float) (y[i] + h * ((0.0 + c0 * k0[i]) + c1 * k1[i]))}, in double. */
    void combine2(float[] out, float[] y, double h, double c0, float[] k0, double c1, float[] k1);

    /** Returns whether no element is infinite or NaN. */
    boolean allFinite(float[] x);

    /** Returns whether no element is infinite or NaN. */
    boolean allFinite(double[] x);
  }

  /**
   * Writes {@code out[i] = y[i] + h * c * k[i]}, computed in double as {@code y + h * (0 + c k)}
   * and rounded once; {@code out} may be {@code y} or {@code k}.
   */
  public static void combine1(float[] out, float[] y, double h, double c, float[] k) {
    if (y.length >= VECTOR_MIN) {
      ACTIVE.combine1(out, y, h, c, k);
    } else {
      Scalar.combine1(out, y, h, c, k, 0);
    }
  }

  /**
   * Writes {@code out[i] = y[i] + h * (c0 k0[i] + c1 k1[i])}, computed in double in that order and
   * rounded once; {@code out} may be any of the inputs.
   */
  public static void combine2(
      float[] out, float[] y, double h, double c0, float[] k0, double c1, float[] k1) {
    if (y.length >= VECTOR_MIN) {
      ACTIVE.combine2(out, y, h, c0, k0, c1, k1);
    } else {
      Scalar.combine2(out, y, h, c0, k0, c1, k1, 0);
    }
  }

  /** Returns whether no element of {@code x} is infinite or NaN. */
  public static boolean allFinite(float[] x) {
    return x.length >= VECTOR_MIN ? ACTIVE.allFinite(x) : Scalar.allFinite(x, 0);
  }

  /** Returns whether no element of {@code x} is infinite or NaN. */
  public static boolean allFinite(double[] x) {
    return x.length >= VECTOR_MIN ? ACTIVE.allFinite(x) : Scalar.allFinite(x, 0);
  }

  /** The scalar loops; also the vector kernel's reference and its loop tails. */
  static final class Scalar implements Kernel {
    static final Scalar INSTANCE = new Scalar();

    @Override
    public void combine1(float[] out, float[] y, double h, double c, float[] k) {
      combine1(out, y, h, c, k, 0);
    }

    @Override
    public void combine2(
        float[] out, float[] y, double h, double c0, float[] k0, double c1, float[] k1) {
      combine2(out, y, h, c0, k0, c1, k1, 0);
    }

    @Override
    public boolean allFinite(float[] x) {
      return allFinite(x, 0);
    }

    @Override
    public boolean allFinite(double[] x) {
      return allFinite(x, 0);
    }

    static void combine1(float[] out, float[] y, double h, double c, float[] k, int from) {
      for (int i = from, n = y.length; i < n; i++) {
        double acc = 0.0 + c * k[i];
        out[i] = (float) (y[i] + h * acc);
      }
    }

    static void combine2(
        float[] out, float[] y, double h, double c0, float[] k0, double c1, float[] k1, int from) {
      for (int i = from, n = y.length; i < n; i++) {
        double acc = 0.0 + c0 * k0[i];
        acc += c1 * k1[i];
        out[i] = (float) (y[i] + h * acc);
      }
    }

    static boolean allFinite(float[] x, int from) {
      for (int i = from; i < x.length; i++) {
        if (!Float.isFinite(x[i])) {
          return false;
        }
      }
      return true;
    }

    static boolean allFinite(double[] x, int from) {
      for (int i = from; i < x.length; i++) {
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

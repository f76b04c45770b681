package org.node4j.nn.kernel;

/**
 * Element-wise float64 functions for activation layers, computed by the implementation chosen once
 * per JVM: the Vector API one ({@link VectorTanhF64}) whenever {@link GemmKernels} chose the vector
 * GEMM kernel (so {@code -Dnode4j.kernel=scalar} forces the scalar path here too), otherwise the
 * scalar formula of {@link #tanh(double)}.
 *
 * <p>Both are deterministic: the vector version uses only IEEE operations with one rounding each
 * (never {@code VectorOperators.TANH}, which C2 computes with SVML but the interpreter with {@code
 * Math.tanh}, so results would depend on JIT timing), and computes every element the same way
 * wherever it lies in the range, so results do not depend on how a range is split over threads.
 */
public final class Elementwise {
  private static final String VECTOR_CLASS = "org.node4j.nn.kernel.VectorTanhF64";
  private static final TanhKernel ACTIVE = initialise();

  private Elementwise() {}

  /** One implementation of the array tanh. */
  interface TanhKernel {
    /** Computes {@code y[i] = tanh(x[i])} over {@code [from, to)}. */
    void tanh(double[] x, double[] y, int from, int to);
  }

  /**
   * Computes {@code y[i] = tanh(x[i])} over {@code [from, to)} with the active implementation:
   * within about 2 ulps of {@link Math#tanh} either way.
   */
  public static void tanh(double[] x, double[] y, int from, int to) {
    ACTIVE.tanh(x, y, from, to);
  }

  /**
   * The scalar tanh: {@code Math.tanh} near 0, where 1 - 2 / (e^(2x) + 1) would cancel; elsewhere
   * that form with the intrinsic {@code Math.exp}, several times faster than {@code Math.tanh}
   * (fdlibm) and within a few ulps, since |tanh(x)| &gt; 0.55 there.
   */
  public static double tanh(double x) {
    if (Math.abs(x) < 0.625) {
      return Math.tanh(x);
    }
    return 1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0);
  }

  /** Returns whether the active implementation is the Vector API one. */
  public static boolean vectorised() {
    return !(ACTIVE instanceof ScalarTanh);
  }

  /** The scalar implementation, {@link #tanh(double)} per element. */
  static final class ScalarTanh implements TanhKernel {
    @Override
    public void tanh(double[] x, double[] y, int from, int to) {
      for (int i = from; i < to; i++) {
        y[i] = Elementwise.tanh(x[i]);
      }
    }
  }

  /** Returns the vector implementation; only call when the vector module is present. */
  static TanhKernel loadVector() {
    try {
      return (TanhKernel) Class.forName(VECTOR_CLASS).getConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException("cannot load the Vector API tanh " + VECTOR_CLASS, e);
    }
  }

  private static TanhKernel initialise() {
    return GemmKernels.active().vectorBits() > 0 ? loadVector() : new ScalarTanh();
  }
}

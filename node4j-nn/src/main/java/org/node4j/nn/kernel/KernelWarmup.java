package org.node4j.nn.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import org.node4j.nn.tensor.DType;

/**
 * Runs the engine's hot kernels of one dtype on small dummy operands in a background daemon thread,
 * once per JVM and dtype, when the first dense layer of that dtype is built, so that the JIT
 * compiles them before the first training iteration needs them.
 *
 * <p>Why: until C2 has compiled a Vector API kernel, the interpreter and C1 run the API's Java
 * fallback, which allocates an object per vector operation and runs 30 to 100 times slower than the
 * compiled code. C2 compiles a method only after thousands of calls, so without this the first
 * iterations of every run pay that price (in a fresh JVM the first W5 iteration took over a second
 * against some 25 ms later on). The warm-up overlaps it with the work that precedes the first
 * iteration (building the model, loading data). It is bounded ({@link #BUDGET_NANOS} of wall time,
 * at low priority), touches no user data, and cannot change results: every kernel gives the same
 * bits interpreted and compiled.
 *
 * <p>Disable it with {@code -Dnode4j.warmup=false}.
 */
public final class KernelWarmup {
  /** The most wall time the warm-up thread runs for. */
  static final long BUDGET_NANOS = 400_000_000L;

  private static final AtomicBoolean STARTED_F32 = new AtomicBoolean();
  private static final AtomicBoolean STARTED_F64 = new AtomicBoolean();

  private KernelWarmup() {}

  /**
   * Starts the warm-up thread for {@code dtype} unless it has run in this JVM already or {@code
   * node4j.warmup} is {@code false}; returns at once.
   */
  public static void start(DType dtype) {
    AtomicBoolean started = dtype == DType.FLOAT32 ? STARTED_F32 : STARTED_F64;
    if (!Boolean.parseBoolean(System.getProperty("node4j.warmup", "true"))
        || !started.compareAndSet(false, true)) {
      return;
    }
    Thread t =
        new Thread(
            () -> run(dtype), "node4j-warmup-" + dtype.name().toLowerCase(java.util.Locale.ROOT));
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  /** The warm-up loop; package-private for the test, which runs it on its own thread. */
  static void run(DType dtype) {
    long deadline = System.nanoTime() + BUDGET_NANOS;
    Operands f = new Operands();
    while (System.nanoTime() < deadline) {
      if (dtype == DType.FLOAT32) {
        f.roundF32();
      } else {
        f.roundF64();
      }
    }
  }

  /**
   * Dummy operands of the shapes a dense layer multiplies (a batch of rows times a square weight,
   * in the three layouts of a forward and backward pass), in both dtypes, and the float64 tanh.
   */
  static final class Operands {
    private static final int M = 48;
    private static final int N = 64;
    private final float[] af = fill(new float[M * N]);
    private final float[] bf = fill(new float[N * N]);
    private final float[] cf = new float[M * N];
    private final double[] ad = fillDoubles(new double[M * N]);
    private final double[] bd = fillDoubles(new double[N * N]);
    private final double[] cd = new double[M * N];
    private final float[] wf = new float[N * N];
    private final double[] wd = new double[N * N];

    /** One product of each layout, in float32. */
    void roundF32() {
      MatF32 a = MatF32.dense(af, 0, M, N);
      MatF32 w = MatF32.dense(bf, 0, N, N);
      MatF32 c = MatF32.dense(cf, 0, M, N);
      Gemm.gemm(false, true, a, w, c, false);
      Gemm.gemm(false, false, c, w, a, false);
      Gemm.gemm(true, false, c, a, MatF32.dense(wf, 0, N, N), false);
      // keep the operands bounded: the products above would grow them round after round
      fill(af);
    }

    /** As {@link #roundF32}, in float64, with the tanh. */
    void roundF64() {
      MatF64 ad64 = MatF64.dense(ad, 0, M, N);
      MatF64 w64 = MatF64.dense(bd, 0, N, N);
      MatF64 c64 = MatF64.dense(cd, 0, M, N);
      Gemm.gemm(false, true, ad64, w64, c64, false);
      Gemm.gemm(false, false, c64, w64, ad64, false);
      Gemm.gemm(true, false, c64, ad64, MatF64.dense(wd, 0, N, N), false);
      Elementwise.tanh(cd, cd, 0, cd.length);
      fillDoubles(ad);
    }

    private static float[] fill(float[] x) {
      for (int i = 0; i < x.length; i++) {
        x[i] = (i % 7 - 3) * 0.125f;
      }
      return x;
    }

    private static double[] fillDoubles(double[] x) {
      for (int i = 0; i < x.length; i++) {
        x[i] = (i % 7 - 3) * 0.125;
      }
      return x;
    }
  }
}

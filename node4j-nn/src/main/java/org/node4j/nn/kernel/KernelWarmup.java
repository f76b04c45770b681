package org.node4j.nn.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

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
    Operands o = new Operands(dtype);
    while (System.nanoTime() < deadline) {
      o.round();
    }
  }

  /**
   * Dummy operands of one dtype, of the shapes a dense layer multiplies (a batch of rows times a
   * square weight, in the three layouts of a forward and backward pass, through owned, re-pointed
   * views, as {@code Linear} calls the product), and the float64 tanh.
   */
  static final class Operands {
    private static final int M = 48;
    private static final int N = 64;
    final Tensor a;
    final Tensor w;
    final Tensor c;
    final Tensor dw;
    private final MatView va = new MatView();
    private final MatView vw = new MatView();
    private final MatView vc = new MatView();
    private final MatView vdw = new MatView();

    Operands(DType dtype) {
      a = fill(Tensor.zeros(dtype, M, N));
      w = fill(Tensor.zeros(dtype, N, N));
      c = Tensor.zeros(dtype, M, N);
      dw = Tensor.zeros(dtype, N, N);
    }

    /** One product of each layout, and (float64) one tanh. */
    void round() {
      Gemm.gemm(
          false, true, va.dense(a, 0, M, N), vw.dense(w, 0, N, N), vc.dense(c, 0, M, N), false);
      Gemm.gemm(false, false, vc, vw, va, false);
      Gemm.gemm(true, false, vc, va, vdw.dense(dw, 0, N, N), false);
      if (c.dtype() == DType.FLOAT64) {
        Elementwise.tanh(c.doubles(), c.doubles(), 0, M * N);
      }
      // keep the operands bounded: the products above would grow them round after round
      fill(a);
    }

    private static Tensor fill(Tensor x) {
      for (int i = 0; i < x.size(); i++) {
        x.set(i, (i % 7 - 3) * 0.125);
      }
      return x;
    }
  }
}

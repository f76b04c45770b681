package org.node4j.nn.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * The engine's one thread pool and the setting for how many threads it uses.
 *
 * <p>Work is split into contiguous index ranges whose boundaries depend only on the problem size
 * and the grain, never on the thread count, so callers that reduce per-range partial results in
 * range order get bit-identical results whatever the thread count.
 *
 * <p>The thread count is global ({@link #setThreads}) with a per-thread override ({@link
 * #withThreads}): several independent jobs of one JVM (the cells of an experiment's grid, say) can
 * each run single-threaded side by side while other callers keep the global setting.
 */
public final class Parallel {
  private static volatile int threads = Runtime.getRuntime().availableProcessors();
  private static volatile ForkJoinPool pool = new ForkJoinPool(threads);
  private static final ThreadLocal<Integer> LOCAL = new ThreadLocal<>();

  private Parallel() {}

  /** A body that processes the half-open index range [from, to). */
  @FunctionalInterface
  public interface RangeBody {
    /** Processes indices {@code from} (inclusive) to {@code to} (exclusive). */
    void run(int from, int to);
  }

  /** A body run under a thread count of its own, see {@link #withThreads}. */
  @FunctionalInterface
  public interface Job<T, E extends Exception> {
    /** Runs the job. */
    T run() throws E;
  }

  /**
   * Returns the number of threads the engine uses on the calling thread: its {@link #withThreads}
   * override if one is active, else the global setting.
   */
  public static int threads() {
    Integer local = LOCAL.get();
    return local != null ? local : threads;
  }

  /**
   * Runs {@code job} on the calling thread with the engine limited to {@code n} threads for the
   * calls this thread makes (1: every loop runs inline on the caller; more: loops use the shared
   * pool, whose size is the global setting). Other threads are unaffected; results are the same for
   * any thread count (see the class comment). Overrides nest; the previous one is restored.
   *
   * @param n the thread count, at least 1
   * @param job the work
   * @return what {@code job} returns
   * @throws E what {@code job} throws
   */
  public static <T, E extends Exception> T withThreads(int n, Job<T, E> job) throws E {
    if (n < 1) {
      throw new IllegalArgumentException("thread count must be at least 1, got " + n);
    }
    Integer previous = LOCAL.get();
    LOCAL.set(n);
    try {
      return job.run();
    } finally {
      if (previous == null) {
        LOCAL.remove();
      } else {
        LOCAL.set(previous);
      }
    }
  }

  /**
   * Sets the number of threads the engine uses; 1 runs everything on the caller's thread.
   *
   * @param n the thread count, at least 1
   */
  public static synchronized void setThreads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("thread count must be at least 1, got " + n);
    }
    if (n != threads) {
      ForkJoinPool old = pool;
      pool = new ForkJoinPool(n);
      threads = n;
      old.shutdown();
    }
  }

  /** Returns the number of chunks {@link #forChunks} splits {@code n} items into. */
  public static int chunkCount(int n, int grain) {
    return n <= 0 ? 0 : (n + grain - 1) / grain;
  }

  /**
   * Runs {@code body} over [0, n) in chunks of {@code grain} items (the last may be shorter). With
   * one thread, or a single chunk, the chunks run in order on the caller's thread.
   */
  public static void forChunks(int n, int grain, RangeBody body) {
    if (grain < 1) {
      throw new IllegalArgumentException("grain must be at least 1, got " + grain);
    }
    int chunks = chunkCount(n, grain);
    if (chunks == 0) {
      return;
    }
    if (chunks == 1 || threads() == 1 || inPool()) {
      for (int c = 0; c < chunks; c++) {
        body.run(c * grain, Math.min(n, (c + 1) * grain));
      }
      return;
    }
    pool.invoke(new Split(0, chunks, n, grain, body));
  }

  private static final class Split extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final int lo;
    private final int hi;
    private final int n;
    private final int grain;
    private final transient RangeBody body;

    Split(int lo, int hi, int n, int grain, RangeBody body) {
      this.lo = lo;
      this.hi = hi;
      this.n = n;
      this.grain = grain;
      this.body = body;
    }

    @Override
    protected void compute() {
      if (hi - lo == 1) {
        body.run(lo * grain, Math.min(n, (lo + 1) * grain));
        return;
      }
      int mid = (lo + hi) >>> 1;
      invokeAll(new Split(lo, mid, n, grain, body), new Split(mid, hi, n, grain, body));
    }
  }

  private static boolean inPool() {
    return java.util.concurrent.ForkJoinTask.inForkJoinPool();
  }
}

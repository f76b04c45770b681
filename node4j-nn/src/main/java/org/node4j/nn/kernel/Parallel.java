package org.node4j.nn.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * The engine's one thread pool and the setting for how many threads it uses.
 *
 * <p>Work is split into contiguous index ranges whose boundaries depend only on the problem size
 * and the grain, never on the thread count, so callers that reduce per-range partial results in
 * range order get bit-identical results whatever the thread count.
 */
public final class Parallel {
  private static volatile int threads = Runtime.getRuntime().availableProcessors();
  private static volatile ForkJoinPool pool = new ForkJoinPool(threads);

  private Parallel() {}

  /** A body that processes the half-open index range [from, to). */
  @FunctionalInterface
  public interface RangeBody {
    /** Processes indices {@code from} (inclusive) to {@code to} (exclusive). */
    void run(int from, int to);
  }

  /** Returns the number of threads the engine uses. */
  public static int threads() {
    return threads;
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
    if (threads == 1 || chunks == 1 || inPool()) {
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

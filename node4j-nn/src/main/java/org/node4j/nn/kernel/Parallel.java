package org.node4j.nn.kernel;

/**
 * The engine's one team of threads and the setting for how many threads it uses.
 *
 * <p>Parallel loops run on a {@link Team} with low hand-off latency. Work is split into contiguous
 * index ranges whose boundaries depend only on the problem size and the grain, never on the thread
 * count, so callers that reduce per-range partial results in range order get bit-identical results
 * whatever the thread count.
 */
public final class Parallel {
  private static volatile int threads = Runtime.getRuntime().availableProcessors();
  private static volatile Team team = new Team(threads);

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
      Team old = team;
      team = new Team(n);
      threads = n;
      old.close();
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
    Team t = team;
    if (threads == 1 || chunks == 1 || !t.tryRun(n, grain, chunks, body)) {
      // One thread, one chunk, or a loop nested in another (or racing another caller): the chunks
      // run in order on this thread, which gives the same results.
      for (int c = 0; c < chunks; c++) {
        body.run(c * grain, Math.min(n, (c + 1) * grain));
      }
    }
  }
}

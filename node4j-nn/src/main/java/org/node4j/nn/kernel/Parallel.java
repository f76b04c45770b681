package org.node4j.nn.kernel;

/**
 * The engine's one team of threads ({@link Team}) and the setting for how many threads it uses.
 *
 * <p>Work is split into contiguous index ranges whose boundaries depend only on the problem size
 * and the grain, never on the thread count, so callers that reduce per-range partial results in
 * range order get bit-identical results whatever the thread count.
 *
 * <p>One call that splits is one parallel region: a hand-off to the workers and a wait for them
 * ({@link #regions} counts them). Loops started inside a region's chunks, on the caller's chunks as
 * on the workers', run inline, so callers make their regions as coarse as they can: a network pass
 * is one region over chunks of the batch (see {@code org.node4j.nn.layer.Sequential}), not one per
 * layer and product.
 *
 * <p>The thread count is global ({@link #setThreads}) with a per-thread override ({@link
 * #withThreads}): several independent jobs of one JVM (the cells of an experiment's grid, say) can
 * each run single-threaded side by side while other callers keep the global setting.
 */
public final class Parallel {
  private static volatile int threads = Runtime.getRuntime().availableProcessors();

  /** The workers (threads - 1 of them, the caller being the last), started on first use. */
  private static volatile Team team;

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
   * calls this thread makes (1: every loop runs inline on the caller; more: loops use the caller
   * and at most {@code n - 1} of the shared team's workers, whose number is the global setting less
   * one). Other threads are unaffected; results are the same for any thread count (see the class
   * comment). Overrides nest; the previous one is restored.
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
      Team old = team;
      team = null;
      threads = n;
      if (old != null) {
        old.close();
      }
    }
  }

  /**
   * Returns the team of {@code threads - 1} workers for the current global setting, starting it on
   * first use.
   */
  private static synchronized Team team() {
    Team t = team;
    if (t == null && threads > 1) {
      t = new Team(threads - 1);
      team = t;
    }
    return t;
  }

  /**
   * Returns whether a loop started now on the calling thread could run on more than one thread
   * (more than one thread allowed, and not inside another loop's chunk, on a worker or on the
   * caller that owns the team). Callers whose loop body is a capturing lambda test this first and
   * call the body directly otherwise, so that the single-threaded path allocates no lambda, and a
   * product inside a chunk runs as one kernel call instead of a split that packs its operand once
   * per piece.
   */
  static boolean canSplit() {
    if (threads() < 2 || Team.onWorker()) {
      return false;
    }
    Team t = team;
    return t == null || !t.ownedBy(Thread.currentThread());
  }

  /**
   * Returns how many loops the current team has handed to its workers since it started (each a
   * parallel region: a hand-off to the workers and a wait for them), 0 while no team runs. For
   * diagnostics and tests that count the regions of a computation; it costs one field increment per
   * region.
   */
  public static long regions() {
    Team t = team;
    return t == null ? 0 : t.regions();
  }

  /** Returns the number of chunks {@link #forChunks} splits {@code n} items into. */
  public static int chunkCount(int n, int grain) {
    return n <= 0 ? 0 : (n + grain - 1) / grain;
  }

  /**
   * Runs {@code body} over [0, n) in chunks of {@code grain} items (the last may be shorter): the
   * caller and the team's workers take chunks until none is left, and the call returns when all
   * have run. With one thread, a single chunk, from inside another loop's chunk, or while another
   * thread's loop holds the team, the chunks run in order on the caller's thread. An exception
   * thrown by a chunk (on any thread) stops the handing out of further chunks and is rethrown to
   * the caller.
   */
  public static void forChunks(int n, int grain, RangeBody body) {
    if (grain < 1) {
      throw new IllegalArgumentException("grain must be at least 1, got " + grain);
    }
    int chunks = chunkCount(n, grain);
    if (chunks == 0) {
      return;
    }
    if (chunks > 1 && canSplit()) {
      Team shared = team;
      if (shared == null) {
        shared = team();
      }
      if (shared != null && shared.tryRun(n, grain, chunks, threads() - 1, body)) {
        return;
      }
    }
    for (int c = 0; c < chunks; c++) {
      body.run(c * grain, Math.min(n, (c + 1) * grain));
    }
  }
}

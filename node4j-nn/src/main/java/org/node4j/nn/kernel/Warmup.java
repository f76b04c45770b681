package org.node4j.nn.kernel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs dummy work that takes the engine's hot paths on a background daemon thread, for a bounded
 * time, so that the JIT has compiled them before a program's first iterations need them.
 *
 * <p>Why: until C2 has compiled a Vector API kernel, the interpreter and C1 run the API's Java
 * fallback, which allocates an object per vector operation and runs 30 to 100 times slower than the
 * compiled code; C2 compiles a method only after thousands of calls; and it compiles a branch that
 * its profile never saw taken as a trap that throws the compiled code away when the branch is taken
 * (a deoptimisation), after which the method runs interpreted until it is compiled again. Without a
 * warm-up the first iteration of a fresh JVM pays the first (W5 at depth 64: about a second against
 * some 15 ms later on), and later iterations pay the compilations of the glue around the kernels
 * and the deoptimisations. The work itself is defined where the code it warms lives ({@code
 * LayerWarmup} for the layers, {@code ModelWarmup} for the residual networks' solver and gradient
 * glue): each piece is requested under a key, once per JVM, when the first object that needs it is
 * built, so it overlaps whatever precedes the first iteration (building the model, loading data),
 * and a program pays only for what it uses.
 *
 * <p>Bounds: one thread serves every request, each for {@link #BUDGET_CPU_NANOS} of that thread's
 * CPU time, and for at most {@link #WALL_CAP} times that in wall time from its request (on a busy
 * machine the thread gets a fraction of a core, and the cap ends it before it overlaps a program's
 * iterations for long); the thread ends when every budget is spent and keeps nothing. Rounds
 * alternate between one thread ({@link Parallel#withThreads}) and the engine's thread setting, so
 * that both sides of every split-or-inline branch are in the JIT's profile. The work must not touch
 * user data; then it cannot change results: every kernel gives the same bits interpreted and
 * compiled, and a loop split over threads the same bits as inline (see {@link Parallel}).
 *
 * <p>Disable it with {@code -Dnode4j.warmup=false} (the tests do, so that heap and timing
 * measurements see only their own work). Each finished request is logged at debug level (rounds,
 * CPU and wall time): {@code -Dorg.slf4j.simpleLogger.log.org.node4j.nn.kernel.Warmup=debug}.
 */
public final class Warmup {
  private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

  /** The warm-up thread's CPU time spent on each request. */
  public static final long BUDGET_CPU_NANOS = 400_000_000L;

  /**
   * A request also ends this many budgets of wall time after it was made. On a busy machine the
   * warm-up thread gets a fraction of a core; letting it run longer (4 budgets was tried) let it
   * overlap the first iterations, whose thread CPU time then grew by some 15 %.
   */
  static final int WALL_CAP = 1;

  /**
   * The work of one request, run round after round.
   *
   * <p>Round {@code r} is run on one thread when {@code r} is odd and with the engine's thread
   * setting when it is even. {@code full} is false during the first quarter of the budget: work
   * that is slow while interpreted (large operands) should then be skipped, so that the small work
   * reaches the compilers' thresholds sooner.
   */
  @FunctionalInterface
  public interface Rounds {
    /** Runs round {@code r}; {@code full} allows the large operands. */
    void round(int r, boolean full);
  }

  /** A request: its work, when it was made, and the CPU time and rounds spent on it so far. */
  private static final class Task {
    final String key;
    final Supplier<? extends Rounds> factory;
    final long requested;
    Rounds rounds;
    long cpuSpent;
    int roundsRun;

    Task(String key, Supplier<? extends Rounds> factory, long requested) {
      this.key = key;
      this.factory = factory;
      this.requested = requested;
    }

    boolean done(long now) {
      boolean done = cpuSpent >= BUDGET_CPU_NANOS || now - requested >= WALL_CAP * BUDGET_CPU_NANOS;
      if (done) {
        LOG.debug(
            "warm-up {}: {} rounds, {} ms CPU, {} ms wall",
            key,
            roundsRun,
            cpuSpent / 1_000_000,
            (now - requested) / 1_000_000);
      }
      return done;
    }
  }

  private static final Object LOCK = new Object();

  /** Every key requested in this JVM (each is warmed once). Guarded by LOCK. */
  private static final Set<String> REQUESTED = new HashSet<>();

  /** Requests that the warm-up thread has not taken yet. Guarded by LOCK. */
  private static final List<Task> PENDING = new ArrayList<>();

  /** Whether the warm-up thread is running. Guarded by LOCK. */
  private static boolean running;

  private Warmup() {}

  /** Whether {@code node4j.warmup} allows the warm-up (it does unless set to false). */
  public static boolean enabled() {
    return Boolean.parseBoolean(System.getProperty("node4j.warmup", "true"));
  }

  /**
   * Requests the work that {@code factory} builds (on the warm-up thread) unless {@code key} was
   * requested in this JVM before or the warm-up is disabled; starts the warm-up thread if it is not
   * running, and returns at once.
   *
   * @param key names the work, e.g. {@code "dense FLOAT32"}
   * @param factory builds the work; called once, on the warm-up thread
   */
  public static void start(String key, Supplier<? extends Rounds> factory) {
    if (!enabled()) {
      return;
    }
    synchronized (LOCK) {
      if (!REQUESTED.add(key)) {
        return;
      }
      PENDING.add(new Task(key, factory, System.nanoTime()));
      if (running) {
        return;
      }
      running = true;
    }
    Thread t = new Thread(Warmup::serve, "node4j-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  /** The warm-up thread: rounds of every live request until all budgets are spent. */
  private static void serve() {
    List<Task> tasks = new ArrayList<>();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int round = 0; ; round++) {
      synchronized (LOCK) {
        tasks.addAll(PENDING);
        PENDING.clear();
        long now = System.nanoTime();
        tasks.removeIf(t -> t.done(now));
        if (tasks.isEmpty()) {
          running = false;
          return;
        }
      }
      for (Task t : tasks) {
        long cpu = mx.getCurrentThreadCpuTime();
        try {
          if (t.rounds == null) {
            t.rounds = t.factory.get();
          }
          runRound(t.rounds, round, t.cpuSpent > BUDGET_CPU_NANOS / 4);
        } catch (RuntimeException e) {
          // a warm-up must never take the program down; a failing one is dropped
          LOG.warn("warm-up {} failed and was dropped", t.key, e);
          t.cpuSpent = BUDGET_CPU_NANOS;
        }
        t.cpuSpent += mx.getCurrentThreadCpuTime() - cpu;
        t.roundsRun++;
      }
    }
  }

  /**
   * Runs {@code work} for {@code cpuNanos} of the calling thread's CPU time, as the warm-up thread
   * runs it; for tests, which disable the background thread.
   */
  public static void run(Rounds work, long cpuNanos) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long start = mx.getCurrentThreadCpuTime();
    for (int round = 0; ; round++) {
      long spent = mx.getCurrentThreadCpuTime() - start;
      if (spent >= cpuNanos) {
        return;
      }
      runRound(work, round, spent > cpuNanos / 4);
    }
  }

  private static void runRound(Rounds work, int round, boolean full) {
    if (round % 2 == 1) {
      Parallel.withThreads(
          1,
          () -> {
            work.round(round, full);
            return null;
          });
    } else {
      work.round(round, full);
    }
  }
}

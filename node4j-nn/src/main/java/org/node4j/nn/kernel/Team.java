package org.node4j.nn.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of worker threads that run the chunks of a {@link Parallel#forChunks} loop together
 * with the calling thread, in the manner of an OpenMP parallel region or oneDNN's thread pool: the
 * caller publishes the loop and then takes chunks itself, and the workers, which wait for work by
 * spinning on a generation counter for a short while before they park, take the others.
 *
 * <p>Why not a {@link java.util.concurrent.ForkJoinPool}: {@code pool.invoke} parks the caller
 * while the pool's workers run, so a loop on two cores occupies three threads, and every small
 * product pays a park/unpark hand-off of tens of microseconds (the operating system must reschedule
 * a sleeping thread). The engine's hot loops are thousands of small products per training iteration
 * (a 256 x 64 x 64 product takes about 10 microseconds), so that hand-off would cost more than it
 * saves. Here the hand-off is a volatile write that a spinning worker sees within a fraction of a
 * microsecond; workers park only after {@link #SPIN_NANOS} without work, so an idle engine uses no
 * CPU.
 *
 * <p>Chunks are handed out dynamically (a shared counter), but their boundaries are fixed by the
 * caller and every chunk writes its own outputs, so which thread runs which chunk does not affect
 * the result. Only one caller uses the team at a time: a second caller (another thread, or a nested
 * loop started from inside a chunk) finds it busy and runs its loop inline, which gives the same
 * result.
 */
final class Team {
  /**
   * How long an idle worker spins before it parks: long enough to cover the gaps between the
   * products of one solver step (elementwise work, bookkeeping), short enough that a finished
   * computation leaves no core busy for more than a fraction of a millisecond.
   *
   * <p>A phase of {@link Thread#yield} between spinning and parking (up to 1 ms, to spare a virtual
   * machine's slow wake-up of a parked thread) was tried and dropped: on a loaded machine the
   * yielding worker lost its core for whole time slices and took part in few regions (W5's worker
   * CPU time fell from about 10 to 2 ms per iteration, in-process A/B), whereas a parked worker
   * that is woken gets the scheduler's preference for waking threads.
   */
  static final long SPIN_NANOS = 100_000;

  private static final VarHandle NEXT;
  private static final VarHandle ACTIVE;
  private static final VarHandle BUSY;
  private static final VarHandle FAILURE;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      NEXT = l.findVarHandle(Team.class, "next", int.class);
      ACTIVE = l.findVarHandle(Team.class, "active", int.class);
      BUSY = l.findVarHandle(Team.class, "busy", int.class);
      FAILURE = l.findVarHandle(Team.class, "failure", Throwable.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Worker[] workers;

  // The published loop: written by the caller before the generation is bumped, read by workers
  // after they see the new generation (the volatile write and read order them).
  private Parallel.RangeBody body;
  private int n;
  private int grain;
  private int chunks;
  private volatile Throwable failure;

  /** The next chunk to hand out. */
  @SuppressWarnings("unused")
  private volatile int next;

  /** Workers that have not yet finished the current loop. */
  @SuppressWarnings("unused")
  private volatile int active;

  /** 1 while a caller owns the team. */
  @SuppressWarnings("unused")
  private volatile int busy;

  private volatile long generation;

  /**
   * Loops handed to the workers so far (parallel regions), for diagnostics; written only by the
   * caller that owns the team.
   */
  private volatile long regions;

  private volatile boolean stopped;
  private volatile Thread caller;
  private volatile boolean callerParked;

  /**
   * Starts {@code size} worker threads (daemons, so that they never keep a JVM alive).
   *
   * @param size the number of workers, at least 1
   */
  Team(int size) {
    workers = new Worker[size];
    for (int i = 0; i < size; i++) {
      workers[i] = new Worker(this, i);
      workers[i].start();
    }
  }

  /** Returns the number of loops handed to the workers since the team started. */
  long regions() {
    return regions;
  }

  /** Returns whether {@code thread} is the caller running a loop on this team right now. */
  boolean ownedBy(Thread thread) {
    return caller == thread;
  }

  /** Returns the number of worker threads (the caller is not counted). */
  int size() {
    return workers.length;
  }

  /**
   * Runs chunks [0, chunks) of the loop on the caller and up to {@code helpers} workers, or returns
   * false at once, without running anything, when another loop owns the team.
   */
  boolean tryRun(int n, int grain, int chunks, int helpers, Parallel.RangeBody body) {
    if (!BUSY.compareAndSet(this, 0, 1)) {
      return false;
    }
    try {
      if (stopped) {
        return false;
      }
      run(n, grain, chunks, Math.min(Math.min(helpers, workers.length), chunks - 1), body);
      return true;
    } finally {
      busy = 0;
    }
  }

  private void run(int n, int grain, int chunks, int helpers, Parallel.RangeBody body) {
    this.body = body;
    this.n = n;
    this.grain = grain;
    this.chunks = chunks;
    this.failure = null;
    this.caller = Thread.currentThread();
    this.callerParked = false;
    next = 0;
    active = helpers;
    regions = regions + 1;
    long g = generation + 1;
    for (int i = 0; i < helpers; i++) {
      workers[i].ticket = g;
    }
    generation = g;
    for (int i = 0; i < helpers; i++) {
      workers[i].wake();
    }
    work();
    // Every chunk has been handed out. A helper that has not yet claimed its ticket (descheduled,
    // or
    // still waking from park) is not waited for: on a busy machine its next time slice may be
    // milliseconds away, longer than the whole loop.
    for (int i = 0; i < helpers; i++) {
      if (Worker.TICKET.compareAndSet(workers[i], g, 0L)) {
        ACTIVE.getAndAdd(this, -1);
      }
    }
    awaitHelpers();
    this.body = null;
    this.caller = null;
    Throwable t = failure;
    if (t != null) {
      failure = null;
      if (t instanceof RuntimeException r) {
        throw r;
      }
      if (t instanceof Error e) {
        throw e;
      }
      throw new IllegalStateException(t.getMessage(), t);
    }
  }

  /** Takes chunks until none is left; records the first failure and stops handing out chunks. */
  private void work() {
    Parallel.RangeBody b = body;
    int total = chunks;
    int size = n;
    int g = grain;
    for (int c = (int) NEXT.getAndAdd(this, 1); c < total; c = (int) NEXT.getAndAdd(this, 1)) {
      try {
        b.run(c * g, Math.min(size, (c + 1) * g));
      } catch (Throwable t) {
        FAILURE.compareAndSet(this, null, t);
        next = total;
      }
    }
  }

  private void awaitHelpers() {
    long start = System.nanoTime();
    while (active != 0) {
      if (System.nanoTime() - start < SPIN_NANOS) {
        Thread.onSpinWait();
        continue;
      }
      callerParked = true;
      while (active != 0) {
        LockSupport.park(this);
      }
      callerParked = false;
    }
  }

  /** Called by a worker when it has finished its part of the current loop. */
  private void done() {
    if ((int) ACTIVE.getAndAdd(this, -1) == 1 && callerParked) {
      LockSupport.unpark(caller);
    }
  }

  /** Stops the workers once no loop runs and waits for them to exit. */
  void close() {
    while (!BUSY.compareAndSet(this, 0, 1)) {
      Thread.onSpinWait();
    }
    stopped = true;
    generation = generation + 1;
    for (Worker w : workers) {
      w.wake();
    }
    for (Worker w : workers) {
      boolean interrupted = false;
      while (w.isAlive()) {
        try {
          w.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Returns whether the current thread is one of any team's workers. */
  static boolean onWorker() {
    return Thread.currentThread() instanceof Worker;
  }

  /** One worker: waits for a new generation, takes chunks if it holds its ticket, repeats. */
  private static final class Worker extends Thread {
    static final VarHandle TICKET;

    static {
      try {
        TICKET = MethodHandles.lookup().findVarHandle(Worker.class, "ticket", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final Team team;
    private volatile boolean parked;

    /**
     * The generation of the loop this worker is asked to help with, written by the caller before it
     * publishes that generation. The worker claims it (sets it to minus the generation) before it
     * takes chunks, and the caller withdraws an unclaimed ticket (sets it to 0) once every chunk is
     * handed out; whichever compare-and-set succeeds decides whether the caller waits for this
     * worker. A worker that wakes late therefore never joins a finished or a later loop by mistake.
     */
    volatile long ticket;

    Worker(Team team, int index) {
      super("node4j-parallel-" + index);
      this.team = team;
      setDaemon(true);
    }

    void wake() {
      if (parked) {
        LockSupport.unpark(this);
      }
    }

    @Override
    public void run() {
      // Not team.generation: a caller may already have published a loop for this worker before
      // the thread got to run, and that loop must not be taken for the starting point.
      long seen = 0;
      while (true) {
        long g = awaitGeneration(seen);
        seen = g;
        if (team.stopped) {
          return;
        }
        if (ticket == g && TICKET.compareAndSet(this, g, -g)) {
          team.work();
          team.done();
        }
      }
    }

    private long awaitGeneration(long seen) {
      long start = System.nanoTime();
      long g;
      while ((g = team.generation) == seen) {
        if (System.nanoTime() - start < SPIN_NANOS) {
          Thread.onSpinWait();
          continue;
        }
        parked = true;
        while ((g = team.generation) == seen) {
          LockSupport.park(team);
        }
        parked = false;
        return g;
      }
      return g;
    }
  }
}

package org.node4j.nn.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A small team of worker threads that take chunks of one parallel loop at a time, handing work over
 * in about a microsecond instead of a fork/join pool's ten: the engine's parallel loops are short
 * (a 256x64x64 product, one layer of one Runge-Kutta stage), so hand-off latency decides whether
 * the second core helps at all.
 *
 * <p>The caller publishes the loop, takes chunks itself, and waits for the workers to finish their
 * chunks. Workers spin for a short while after each loop, because the next one usually follows
 * within microseconds, then park, so an idle engine does not burn a core. Which thread runs which
 * chunk varies; the chunks themselves (and so every result, see {@link Parallel}) do not.
 *
 * <p>One loop runs at a time: a second caller, or a loop started from inside a chunk, gets {@code
 * false} from {@link #tryRun} and runs its chunks itself.
 */
final class Team {
  /** How long a worker spins for the next loop before it parks. */
  private static final long SPIN_NANOS = 200_000;

  private final Thread[] workers;
  private final AtomicBoolean busy = new AtomicBoolean();
  private volatile boolean closed;
  private volatile Job job;

  /**
   * One loop: its own chunk counters, so that a worker still leaving an earlier loop can only find
   * that loop exhausted, never take a chunk of the next one.
   */
  private static final class Job {
    final Parallel.RangeBody body;
    final int n;
    final int grain;
    final int chunks;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger finished = new AtomicInteger();
    volatile Throwable failure;

    Job(Parallel.RangeBody body, int n, int grain, int chunks) {
      this.body = body;
      this.n = n;
      this.grain = grain;
      this.chunks = chunks;
    }

    void takeChunks() {
      for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
        try {
          body.run(c * grain, Math.min(n, (c + 1) * grain));
        } catch (Throwable t) {
          failure = t;
        } finally {
          finished.incrementAndGet();
        }
      }
    }
  }

  Team(int size) {
    workers = new Thread[size - 1];
    for (int i = 0; i < workers.length; i++) {
      Thread t = new Thread(this::work, "node4j-worker-" + (i + 1));
      t.setDaemon(true);
      workers[i] = t;
      t.start();
    }
  }

  /** Returns whether the calling thread is one of this team's workers. */
  boolean isWorker() {
    Thread current = Thread.currentThread();
    for (Thread w : workers) {
      if (w == current) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs the chunks of [0, n) on the team and returns {@code true}, or returns {@code false}
   * without running anything when the team is busy with another loop.
   */
  boolean tryRun(int n, int grain, int chunks, Parallel.RangeBody body) {
    if (closed || isWorker() || !busy.compareAndSet(false, true)) {
      return false;
    }
    Job j = new Job(body, n, grain, chunks);
    try {
      job = j;
      for (Thread w : workers) {
        LockSupport.unpark(w);
      }
      j.takeChunks();
      while (j.finished.get() < chunks) {
        Thread.onSpinWait();
      }
      Throwable f = j.failure;
      if (f instanceof RuntimeException) {
        throw (RuntimeException) f;
      }
      if (f instanceof Error) {
        throw (Error) f;
      }
      if (f != null) {
        throw new IllegalStateException(f);
      }
      return true;
    } finally {
      job = null;
      busy.set(false);
    }
  }

  /** Stops the workers once they finish their current loop. */
  void close() {
    closed = true;
    for (Thread w : workers) {
      LockSupport.unpark(w);
    }
  }

  private void work() {
    Job seen = null;
    while (!closed) {
      Job j = job;
      if (j != null && j != seen) {
        seen = j;
        j.takeChunks();
        continue;
      }
      long spinUntil = System.nanoTime() + SPIN_NANOS;
      while (!closed && !isNew(job, seen) && System.nanoTime() < spinUntil) {
        Thread.onSpinWait();
      }
      if (!closed && !isNew(job, seen)) {
        LockSupport.parkNanos(this, 10_000_000L);
      }
    }
  }

  private static boolean isNew(Job j, Job seen) {
    return j != null && j != seen;
  }
}

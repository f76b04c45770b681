package org.node4j.nn.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by the calling thread, from HotSpot's per-thread counter, for the steady-state
 * allocation tests: a test that cannot count is skipped (an assumption), not failed.
 */
public final class Allocations {
  private final com.sun.management.ThreadMXBean mx;
  private final long thread = Thread.currentThread().getId();

  private Allocations(com.sun.management.ThreadMXBean mx) {
    this.mx = mx;
  }

  /** Returns a counter for the calling thread, or skips the test on a JVM without one. */
  public static Allocations ofThisThread() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot allocation counter");
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(mx.isThreadAllocatedMemorySupported(), "allocation counting unsupported");
    return new Allocations(mx);
  }

  /**
   * Returns the bytes this thread has allocated so far; a difference of two readings is what the
   * code between them allocated (for loops written out in the test itself, which the JIT compiles
   * with the test method).
   */
  public long now() {
    return mx.getThreadAllocatedBytes(thread);
  }

  /** Returns the bytes this thread allocated while running {@code work} {@code times} times. */
  public long bytes(Runnable work, int times) {
    long before = mx.getThreadAllocatedBytes(thread);
    for (int i = 0; i < times; i++) {
      work.run();
    }
    return mx.getThreadAllocatedBytes(thread) - before;
  }

  /**
   * Runs rounds of {@code perRound} runs of {@code work} until one allocates less than {@code
   * limit} bytes per run (at most {@code rounds} rounds: the JIT compiles the code meanwhile) and
   * returns the fewest bytes per run of any round.
   */
  public long steadyBytesPerRun(Runnable work, int rounds, int perRound, long limit) {
    long best = Long.MAX_VALUE;
    for (int round = 0; round < rounds && best >= limit; round++) {
      best = Math.min(best, bytes(work, perRound) / perRound);
    }
    return best;
  }
}

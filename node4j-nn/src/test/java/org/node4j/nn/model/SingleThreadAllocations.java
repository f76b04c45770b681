package org.node4j.nn.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.node4j.nn.kernel.Parallel;

/**
 * Counts the bytes the current thread allocates while the kernels run on it alone (one thread), so
 * that every allocation of a training iteration is on its counter; skips the test without HotSpot's
 * counter.
 */
final class SingleThreadAllocations implements AutoCloseable {
  private final com.sun.management.ThreadMXBean mx;
  private final int threads;
  private final long thread = Thread.currentThread().getId();

  private SingleThreadAllocations(com.sun.management.ThreadMXBean mx) {
    this.mx = mx;
    this.threads = Parallel.threads();
    Parallel.setThreads(1);
  }

  /** Starts counting on one kernel thread; {@link #close} restores the thread count. */
  static SingleThreadAllocations start() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot allocation counter");
    return new SingleThreadAllocations((com.sun.management.ThreadMXBean) bean);
  }

  /** Returns the bytes this thread has allocated so far. */
  long allocated() {
    return mx.getThreadAllocatedBytes(thread);
  }

  @Override
  public void close() {
    Parallel.setThreads(threads);
  }
}

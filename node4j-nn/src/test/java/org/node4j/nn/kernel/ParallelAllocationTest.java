package org.node4j.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A parallel loop allocates nothing in steady state, on the caller or on the team's workers: the
 * loop is published through fields of the team, not as task objects. Runs in the allocation-test
 * JVM (see the node4j-nn POM).
 */
class ParallelAllocationTest {
  private final int saved = Parallel.threads();

  @AfterEach
  void restore() {
    Parallel.setThreads(saved);
  }

  @Test
  void loopsOnTwoAndThreeThreadsAllocateNothingInSteadyState() {
    var bean = ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
    var mx = (com.sun.management.ThreadMXBean) bean;
    Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported());
    double[] x = new double[4096];
    Parallel.RangeBody body =
        (from, to) -> {
          for (int i = from; i < to; i++) {
            x[i] = x[i] * 0.5 + 1.0;
          }
        };
    for (int threads : new int[] {2, 3}) {
      Parallel.setThreads(threads);
      for (int r = 0; r < 3000; r++) {
        Parallel.forChunks(x.length, 64, body);
      }
      List<Thread> team = workers();
      assertThat(team).hasSize(threads - 1);
      long[] ids = new long[team.size() + 1];
      ids[0] = Thread.currentThread().getId();
      for (int i = 0; i < team.size(); i++) {
        ids[i + 1] = team.get(i).getId();
      }
      long before = sum(mx.getThreadAllocatedBytes(ids));
      for (int r = 0; r < 500; r++) {
        Parallel.forChunks(x.length, 64, body);
      }
      long allocated = sum(mx.getThreadAllocatedBytes(ids)) - before;
      assertThat(allocated)
          .as("bytes allocated by 500 loops on %d threads", threads)
          .isLessThan(4096);
    }
  }

  private static List<Thread> workers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("node4j-parallel-"))
        .collect(Collectors.toList());
  }

  private static long sum(long[] values) {
    long s = 0;
    for (long v : values) {
      s += Math.max(0, v);
    }
    return s;
  }
}

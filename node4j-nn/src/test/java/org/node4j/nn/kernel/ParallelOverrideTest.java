package org.node4j.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Parallel#withThreads}: a thread count for one thread's calls, restored afterwards. */
class ParallelOverrideTest {
  private final int saved = Parallel.threads();

  @AfterEach
  void restore() {
    Parallel.setThreads(saved);
  }

  @Test
  void overrideAppliesToTheCallingThreadOnlyAndIsRestored() throws Exception {
    Parallel.setThreads(3);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      int inside =
          Parallel.withThreads(
              1,
              () -> {
                assertThat(Parallel.withThreads(2, Parallel::threads)).isEqualTo(2);
                assertThat(other.submit(Parallel::threads).get()).isEqualTo(3);
                return Parallel.threads();
              });
      assertThat(inside).isEqualTo(1);
      assertThat(Parallel.threads()).isEqualTo(3);
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void oneThreadRunsEveryChunkInlineWhileTheGlobalCountIsHigher() {
    Parallel.setThreads(3);
    Set<Thread> seen = ConcurrentHashMap.newKeySet();
    int[] covered = new int[1000];
    Parallel.withThreads(
        1,
        () -> {
          Parallel.forChunks(
              1000,
              10,
              (from, to) -> {
                seen.add(Thread.currentThread());
                for (int i = from; i < to; i++) {
                  covered[i]++;
                }
              });
          return null;
        });
    assertThat(seen).containsExactly(Thread.currentThread());
    assertThat(covered).containsOnly(1);
  }

  @Test
  void concurrentSingleThreadedCallersGetTheMultiThreadedResult() throws Exception {
    Parallel.setThreads(3);
    float[] reference = product();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<float[]> a = pool.submit(() -> Parallel.withThreads(1, () -> product()));
      Future<float[]> b = pool.submit(() -> Parallel.withThreads(1, () -> product()));
      assertThat(a.get()).containsExactly(reference);
      assertThat(b.get()).containsExactly(reference);
    } finally {
      pool.shutdownNow();
    }
  }

  /** A product split over several chunks (see GemmThreadingTest), deterministic inputs. */
  private static float[] product() {
    int m = 300;
    int n = 72;
    int k = 130;
    assertThat(GemmSplit.of(m, n, k).chunks()).as("the shape is split").isGreaterThan(1);
    var pr = GemmReference.random(new Random(7), false, false, m, n, k, true);
    float[] a = GemmReference.Problem.toFloats(pr.a());
    float[] b = GemmReference.Problem.toFloats(pr.b());
    float[] c = GemmReference.Problem.toFloats(pr.c0());
    Gemm.gemm(
        false,
        false,
        new MatF32(a, pr.aOff(), pr.lda(), m, k),
        new MatF32(b, pr.bOff(), pr.ldb(), k, n),
        new MatF32(c, pr.cOff(), pr.ldc(), m, n),
        true);
    return c;
  }

  @Test
  void rejectsAThreadCountBelowOne() {
    assertThatThrownBy(() -> Parallel.withThreads(0, () -> 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}

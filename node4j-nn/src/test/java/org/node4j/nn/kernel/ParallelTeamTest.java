package org.node4j.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The team behind {@link Parallel#forChunks}: results, nesting, failures and its threads. */
class ParallelTeamTest {
  private final int saved = Parallel.threads();

  @AfterEach
  void restore() {
    Parallel.setThreads(saved);
  }

  /**
   * Per-chunk float sums reduced in chunk order, the pattern the layers use for parameter
   * gradients: the same bits on 1, 2 and 3 threads, while the chunks run on several threads.
   */
  @Test
  void chunkOrderedReductionsAreBitIdenticalOnOneTwoAndThreeThreads() {
    int n = 100_000;
    int grain = 1000;
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) Math.sin(0.37 * i) * (1 + i % 17);
    }
    int[] reference = null;
    for (int threads : new int[] {1, 2, 3}) {
      Parallel.setThreads(threads);
      Set<Thread> ran = ConcurrentHashMap.newKeySet();
      float[] partial = new float[Parallel.chunkCount(n, grain)];
      Parallel.forChunks(
          n,
          grain,
          (from, to) -> {
            ran.add(Thread.currentThread());
            float s = 0;
            for (int i = from; i < to; i++) {
              s += x[i] * x[i] - 0.5f * x[i];
            }
            partial[from / grain] = s;
          });
      float total = 0;
      int[] bits = new int[partial.length + 1];
      for (int c = 0; c < partial.length; c++) {
        total += partial[c];
        bits[c] = Float.floatToRawIntBits(partial[c]);
      }
      bits[partial.length] = Float.floatToRawIntBits(total);
      if (reference == null) {
        reference = bits;
        assertThat(ran).containsExactly(Thread.currentThread());
      } else {
        assertThat(bits).as("on %d threads", threads).isEqualTo(reference);
      }
    }
  }

  @Test
  void everyIndexRunsOnceOverManyCallsAndOnSeveralThreads() {
    Parallel.setThreads(3);
    Set<Thread> ran = ConcurrentHashMap.newKeySet();
    for (int call = 0; call < 200; call++) {
      int n = 1 + call * 37;
      AtomicIntegerArray seen = new AtomicIntegerArray(n);
      Parallel.forChunks(
          n,
          7,
          (from, to) -> {
            ran.add(Thread.currentThread());
            for (int i = from; i < to; i++) {
              seen.incrementAndGet(i);
            }
          });
      for (int i = 0; i < n; i++) {
        assertThat(seen.get(i)).as("index %d of %d", i, n).isEqualTo(1);
      }
    }
    assertThat(ran).contains(Thread.currentThread());
  }

  /**
   * The workers take chunks: the caller's own chunks are slow (1 ms), so a worker gets some even on
   * a busy machine, where it may be descheduled for a while; every chunk runs once.
   */
  @Test
  void workersTakeChunksBesideTheCaller() {
    Parallel.setThreads(2);
    Thread caller = Thread.currentThread();
    Set<Thread> ran = ConcurrentHashMap.newKeySet();
    AtomicIntegerArray seen = new AtomicIntegerArray(400);
    Parallel.forChunks(
        400,
        1,
        (from, to) -> {
          ran.add(Thread.currentThread());
          seen.incrementAndGet(from);
          if (Thread.currentThread() == caller) {
            sleepQuietly();
          }
        });
    // The caller may run none of them: descheduled right after publishing the loop, it can find
    // every chunk taken by the spinning worker.
    assertThat(ran).anyMatch(t -> t != caller);
    for (int i = 0; i < 400; i++) {
      assertThat(seen.get(i)).isEqualTo(1);
    }
  }

  /** A loop started inside a chunk runs inline on that chunk's thread: no deadlock, every index. */
  @Test
  void nestedLoopsRunInlineOnTheChunksThread() {
    Parallel.setThreads(3);
    int outer = 12;
    int inner = 500;
    AtomicIntegerArray seen = new AtomicIntegerArray(outer * inner);
    Parallel.forChunks(
        outer,
        1,
        (o0, o1) -> {
          Thread self = Thread.currentThread();
          for (int o = o0; o < o1; o++) {
            int base = o * inner;
            Parallel.forChunks(
                inner,
                10,
                (from, to) -> {
                  assertThat(Thread.currentThread()).isSameAs(self);
                  for (int i = from; i < to; i++) {
                    seen.incrementAndGet(base + i);
                  }
                });
          }
        });
    for (int i = 0; i < outer * inner; i++) {
      assertThat(seen.get(i)).isEqualTo(1);
    }
  }

  /**
   * Inside a region no loop may split again, on the caller's chunks as on the workers': a whole
   * nested computation is one region, and the products inside a chunk run as one kernel call each.
   */
  @Test
  void loopsInsideARegionAreNotRegionsOfTheirOwn() {
    Parallel.setThreads(2);
    assertThat(Parallel.canSplit()).isTrue();
    Set<Boolean> splittable = ConcurrentHashMap.newKeySet();
    long before = Parallel.regions();
    Parallel.forChunks(
        8,
        1,
        (o0, o1) -> {
          splittable.add(Parallel.canSplit());
          Parallel.forChunks(100, 10, (from, to) -> splittable.add(Parallel.canSplit()));
        });
    assertThat(Parallel.regions() - before).isEqualTo(1);
    assertThat(splittable).containsExactly(false);
    assertThat(Parallel.canSplit()).isTrue();
  }

  /**
   * A chunk that fails on a worker: the caller gets that exception with its message, and the team
   * runs the next loop normally.
   */
  @Test
  void aFailureOnAWorkerReachesTheCallerWithItsMessage() {
    Parallel.setThreads(2);
    Thread caller = Thread.currentThread();
    assertThatThrownBy(
            () ->
                Parallel.forChunks(
                    1000,
                    1,
                    (from, to) -> {
                      if (Thread.currentThread() != caller) {
                        throw new IllegalStateException("chunk " + from + " failed on a worker");
                      }
                      sleepQuietly();
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageMatching("chunk \\d+ failed on a worker");
    AtomicIntegerArray seen = new AtomicIntegerArray(1000);
    Parallel.forChunks(1000, 3, (from, to) -> seen.incrementAndGet(from));
    int covered = 0;
    for (int i = 0; i < 1000; i++) {
      covered += seen.get(i);
    }
    assertThat(covered).isEqualTo(Parallel.chunkCount(1000, 3));
  }

  @Test
  void aFailureOnTheCallerStopsTheLoopAndPropagates() {
    Parallel.setThreads(3);
    assertThatThrownBy(
            () ->
                Parallel.forChunks(
                    100,
                    1,
                    (from, to) -> {
                      throw new IllegalArgumentException("bad chunk " + from);
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bad chunk ");
  }

  /**
   * Changing the thread count stops the old workers: only threads - 1 remain, whatever the past.
   */
  @Test
  void settingTheThreadCountLeavesNoOldWorkersBehind() {
    for (int threads : new int[] {3, 2, 4, 1, 3, 2}) {
      Parallel.setThreads(threads);
      Parallel.forChunks(64, 1, (from, to) -> {});
      assertThat(liveWorkers()).as("after setThreads(%d)", threads).isEqualTo(threads - 1);
    }
    Parallel.setThreads(1);
    assertThat(liveWorkers()).isZero();
  }

  private static long liveWorkers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("node4j-parallel-"))
        .count();
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package org.node4j.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The team behind {@link Parallel#forChunks}: every chunk exactly once, failures and nesting. */
class ParallelTest {
  private final int threads = Parallel.threads();

  @AfterEach
  void restore() {
    Parallel.setThreads(threads);
  }

  @Test
  void everyIndexIsVisitedExactlyOnceAcrossManyShortLoops() {
    Parallel.setThreads(2);
    for (int loop = 0; loop < 2000; loop++) {
      int n = 1 + loop % 97;
      AtomicIntegerArray hits = new AtomicIntegerArray(n);
      Parallel.forChunks(
          n,
          1 + loop % 7,
          (from, to) -> {
            for (int i = from; i < to; i++) {
              hits.incrementAndGet(i);
            }
          });
      for (int i = 0; i < n; i++) {
        assertThat(hits.get(i)).as("loop %d index %d", loop, i).isEqualTo(1);
      }
    }
  }

  @Test
  void workIsSharedBetweenThreadsWhenThereAreSeveralChunks() {
    Parallel.setThreads(2);
    ConcurrentHashMap<String, Boolean> names = new ConcurrentHashMap<>();
    for (int loop = 0; loop < 200 && names.size() < 2; loop++) {
      Parallel.forChunks(
          64,
          1,
          (from, to) -> {
            names.put(Thread.currentThread().getName(), true);
            long end = System.nanoTime() + 20_000;
            while (System.nanoTime() < end) {
              Thread.onSpinWait();
            }
          });
    }
    assertThat(names).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void aFailingChunkFailsTheLoopAndTheTeamKeepsWorking() {
    Parallel.setThreads(2);
    assertThatThrownBy(
            () ->
                Parallel.forChunks(
                    16,
                    1,
                    (from, to) -> {
                      if (from == 7) {
                        throw new IllegalStateException("chunk 7");
                      }
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("chunk 7");
    AtomicIntegerArray hits = new AtomicIntegerArray(16);
    Parallel.forChunks(16, 1, (from, to) -> hits.incrementAndGet(from));
    for (int i = 0; i < 16; i++) {
      assertThat(hits.get(i)).isEqualTo(1);
    }
  }

  @Test
  void nestedLoopsRunInlineAndStillCoverEveryIndex() {
    Parallel.setThreads(3);
    AtomicIntegerArray hits = new AtomicIntegerArray(40 * 30);
    Parallel.forChunks(
        40,
        3,
        (from, to) -> {
          for (int i = from; i < to; i++) {
            int row = i;
            Parallel.forChunks(
                30,
                4,
                (a, b) -> {
                  for (int j = a; j < b; j++) {
                    hits.incrementAndGet(row * 30 + j);
                  }
                });
          }
        });
    for (int i = 0; i < 40 * 30; i++) {
      assertThat(hits.get(i)).isEqualTo(1);
    }
  }

  @Test
  void concurrentCallersEachGetTheirWholeLoop() throws Exception {
    Parallel.setThreads(2);
    AtomicIntegerArray a = new AtomicIntegerArray(5000);
    AtomicIntegerArray b = new AtomicIntegerArray(5000);
    Thread other =
        new Thread(
            () -> {
              for (int r = 0; r < 200; r++) {
                Parallel.forChunks(
                    5000,
                    100,
                    (from, to) -> {
                      for (int i = from; i < to; i++) {
                        b.incrementAndGet(i);
                      }
                    });
              }
            });
    other.start();
    for (int r = 0; r < 200; r++) {
      Parallel.forChunks(
          5000,
          100,
          (from, to) -> {
            for (int i = from; i < to; i++) {
              a.incrementAndGet(i);
            }
          });
    }
    other.join();
    for (int i = 0; i < 5000; i++) {
      assertThat(a.get(i)).isEqualTo(200);
      assertThat(b.get(i)).isEqualTo(200);
    }
  }
}

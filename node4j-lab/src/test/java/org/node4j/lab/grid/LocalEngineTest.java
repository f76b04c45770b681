package org.node4j.lab.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalEngineTest {
  @TempDir Path root;

  private static List<CellSpec> cells(int n) {
    return java.util.stream.IntStream.range(0, n)
        .mapToObj(i -> new CellSpec("test", "cell-" + i, "{\"i\":" + i + "}"))
        .toList();
  }

  private static CellRunner writer(AtomicInteger calls) {
    return (cell, dir) -> {
      calls.incrementAndGet();
      Files.writeString(dir.resolve("result.txt"), cell.config());
    };
  }

  @Test
  void runsEveryCellOnceAndSkipsDoneCellsOnTheNextRun() throws Exception {
    for (int parallelism : new int[] {1, 3}) {
      Path r = root.resolve("p" + parallelism);
      AtomicInteger calls = new AtomicInteger();
      assertThat(new LocalEngine(parallelism).run(cells(5), r, writer(calls), GridProgress.none()))
          .isEmpty();
      assertThat(calls).hasValue(5);
      for (int i = 0; i < 5; i++) {
        assertThat(Files.readString(r.resolve("cell-" + i).resolve("result.txt")))
            .isEqualTo("{\"i\":" + i + "}");
        assertThat(r.resolve("cell-" + i).resolve(RunMarker.FILE)).exists();
      }
      ConcurrentLinkedQueue<String> skipped = new ConcurrentLinkedQueue<>();
      GridProgress p =
          new GridProgress() {
            @Override
            public void skipped(CellSpec cell) {
              skipped.add(cell.id());
            }
          };
      new LocalEngine(parallelism).run(cells(6), r, writer(calls), p);
      assertThat(calls).hasValue(6);
      assertThat(skipped).hasSize(5);
    }
  }

  @Test
  void aFailingCellIsReportedAndNotMarkedDoneWhileTheOthersFinish() throws Exception {
    CellRunner runner =
        (cell, dir) -> {
          if (cell.id().equals("cell-1")) {
            throw new IllegalStateException("loss is NaN at iteration 7");
          }
        };
    List<GridEngine.CellFailure> failures =
        new LocalEngine(2).run(cells(3), root, runner, GridProgress.none());
    assertThat(failures)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.cell().id()).isEqualTo("cell-1");
              assertThat(f.message()).contains("NaN at iteration 7");
            });
    assertThat(root.resolve("cell-1").resolve(RunMarker.FILE)).doesNotExist();
    assertThat(root.resolve("cell-2").resolve(RunMarker.FILE)).exists();
  }

  @Test
  void aDoneDirectoryOfAnotherConfigurationIsRefused() throws Exception {
    new LocalEngine(1).run(cells(1), root, (c, d) -> {}, GridProgress.none());
    CellSpec changed = new CellSpec("test", "cell-0", "{\"i\":99}");
    List<GridEngine.CellFailure> failures =
        new LocalEngine(1).run(List.of(changed), root, (c, d) -> {}, GridProgress.none());
    assertThat(failures)
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("another configuration"));
  }

  @Test
  void badIdsAndDuplicatesAreRejectedWithTheirNames() {
    assertThatThrownBy(() -> new CellSpec("x", "../evil", "{}")).hasMessageContaining("'../evil'");
    List<CellSpec> dup = List.of(new CellSpec("x", "a", "{}"), new CellSpec("x", "a", "{}"));
    assertThatThrownBy(() -> new LocalEngine(1).run(dup, root, (c, d) -> {}, GridProgress.none()))
        .hasMessageContaining("'a'");
  }
}

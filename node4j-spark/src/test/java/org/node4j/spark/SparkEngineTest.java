package org.node4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.lab.grid.CellRunners;
import org.node4j.lab.grid.CellSpec;
import org.node4j.lab.grid.GridEngine;
import org.node4j.lab.grid.GridEngineProvider.EngineSettings;
import org.node4j.lab.grid.GridEngines;
import org.node4j.lab.grid.GridProgress;
import org.node4j.lab.grid.LocalEngine;

class SparkEngineTest {
  @TempDir Path tmp;

  private static List<CellSpec> grid(boolean crash) {
    List<CellSpec> cells = new ArrayList<>();
    for (int n : new int[] {35, 100, 7}) {
      String cfg = "{\"n\":" + n + (crash && n == 100 ? ",\"crash\":true" : "") + "}";
      cells.add(new CellSpec("counting", "n-" + n, cfg));
    }
    return cells;
  }

  private static String results(Path root, List<CellSpec> cells) throws Exception {
    StringBuilder b = new StringBuilder();
    for (CellSpec c : cells) {
      b.append(c.id())
          .append(": ")
          .append(Files.readString(root.resolve(c.id()).resolve("result.txt")));
    }
    return b.toString();
  }

  @Test
  void
      embeddedSparkWritesWhatTheLocalEngineWritesRetriesACrashedCellFromItsCheckpointAndSkipsDoneCells()
          throws Exception {
    Path local = tmp.resolve("local");
    assertThat(
            new LocalEngine(2)
                .run(grid(false), local, CellRunners.dispatching(), GridProgress.none()))
        .isEmpty();

    GridEngine spark = GridEngines.create("spark", new EngineSettings("local[2]", 1));
    assertThat(spark).isInstanceOf(SparkEngine.class);
    Path sp = tmp.resolve("spark");
    ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
    GridProgress p =
        new GridProgress() {
          @Override
          public void done(CellSpec cell, double seconds) {
            events.add("done " + cell.id());
          }

          @Override
          public void failed(CellSpec cell, String message) {
            events.add("failed " + cell.id() + " " + message);
          }

          @Override
          public void retrying(CellSpec cell, String message) {
            events.add("retrying " + cell.id() + " " + message);
          }

          @Override
          public void skipped(CellSpec cell) {
            events.add("skipped " + cell.id());
          }
        };
    assertThat(spark.run(grid(true), sp, null, p)).isEmpty();
    assertThat(results(sp, grid(false))).isEqualTo(results(local, grid(false)));
    assertThat(Files.readString(sp.resolve("n-100").resolve("resumed.txt"))).isEqualTo("from 11");
    assertThat(events)
        .contains("done n-35", "done n-100", "done n-7")
        .noneMatch(e -> e.startsWith("failed"))
        .anySatisfy(
            e -> assertThat(e).startsWith("retrying n-100").contains("simulated executor crash"));

    events.clear();
    assertThat(spark.run(grid(true), sp, null, p)).isEmpty();
    assertThat(events).containsExactlyInAnyOrder("skipped n-35", "skipped n-100", "skipped n-7");
  }

  @Test
  void aBadMasterUrlFailsWithTheFormsSparkAccepts() {
    assertThatThrownBy(() -> GridEngines.create("spark", new EngineSettings("lokal[2]", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'lokal[2]'")
        .hasMessageContaining("local[N]")
        .hasMessageContaining("spark://HOST:PORT");
    assertThat(new SparkEngine("local[2]").master()).isEqualTo("local[2,4]");
    assertThat(new SparkEngine("spark://h:7077").master()).isEqualTo("spark://h:7077");
  }

  @Test
  void anUnreachableClusterFailsWithAMessageNamingTheMaster() {
    GridEngine spark = new SparkEngine("spark://127.0.0.1:1");
    assertThatThrownBy(() -> spark.run(grid(false), tmp.resolve("x"), null, GridProgress.none()))
        .hasMessageContaining("spark://127.0.0.1:1");
  }
}

package org.node4j.lab.experiment.sander;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.lab.cli.Main;
import org.node4j.lab.grid.GridEngine;
import org.node4j.lab.grid.GridEngineProvider.EngineSettings;
import org.node4j.lab.grid.GridEngines;
import org.node4j.lab.grid.LocalEngine;
import picocli.CommandLine;

/**
 * {@code experiment resnet-to-ode} on an embedded Spark ({@code local[2]}) against the local
 * engine, at toy sizes: the report and results.csv must be the same bytes (they hold no timings),
 * also when the training cells' first attempts fail mid-run and Spark's retries resume them from
 * their checkpoints. In {@code local[N]} mode tasks run on threads of this JVM, so the failure is a
 * throw after a checkpoint (see {@link CrashingSanderCells}), not a killed process.
 */
class ResnetToOdeOnSparkTest {
  @TempDir Path tmp;

  @Test
  void embeddedSparkWritesTheLocalReportAlsoWhenTrainingCellsFailMidRunAndAreRetried()
      throws Exception {
    Path local = tmp.resolve("local");
    ResnetToOde.Outcome l =
        new ResnetToOde(SanderSettings.toy(), local, new LocalEngine(1), s -> {}).run();
    assertThat(l.failed()).isEmpty();

    GridEngine spark = GridEngines.create("spark", new EngineSettings("local[2]", 1));
    GridEngine crashingSpark =
        (cells, root, runner, progress) ->
            spark.run(
                cells.stream().map(CrashingSanderCells::crashing).toList(), root, runner, progress);
    Path sp = tmp.resolve("spark");
    ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
    ResnetToOde.Outcome s =
        new ResnetToOde(SanderSettings.toy(), sp, crashingSpark, log::add).run();
    assertThat(s.failed()).isEmpty();

    List<String> training = new ArrayList<>();
    for (Cells.Cell c : SanderSettings.toy().cells()) {
      if (c instanceof Cells.Linear || c instanceof Cells.Trained) {
        training.add(c.id());
      }
    }
    assertThat(training).hasSize(4);
    assertThat(CrashingSanderCells.RESUMED).containsAll(training);
    for (String id : training) {
      assertThat(log)
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains(id + " attempt failed, retrying")
                      .contains("stopped after iteration " + CrashingSanderCells.STOP_AFTER));
      assertThat(sp.resolve("runs").resolve(id).resolve(CellState.FILE)).doesNotExist();
    }
    for (String f : List.of("results.csv", "report.md")) {
      assertThat(Files.readString(sp.resolve(f)))
          .as(f)
          .isEqualTo(Files.readString(local.resolve(f)));
    }
    assertThat(s.headline()).isEqualTo(l.headline());
  }

  @Test
  void aBadMasterUrlIsAUsageErrorNamingTheUrlAndTheValidForms() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute(
            "experiment",
            "resnet-to-ode",
            "--tiny",
            "--engine",
            "spark",
            "--master",
            "lokal[2]",
            "--out",
            tmp.resolve("x").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("'lokal[2]'", "local[N]", "spark://HOST:PORT", "k8s://https://HOST:PORT");
    assertThat(tmp.resolve("x")).doesNotExist();
  }
}

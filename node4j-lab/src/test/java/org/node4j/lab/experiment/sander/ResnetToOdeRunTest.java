package org.node4j.lab.experiment.sander;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.lab.grid.CellSpec;
import org.node4j.nn.model.ResidualNetwork;

/** The experiment end to end at toy sizes: resumption after a kill, and the report's headline. */
class ResnetToOdeRunTest {

  /** A grid of a few seconds: every part, tiny sizes, no child JVMs. */
  private static SanderSettings toy() {
    return new SanderSettings(
        "toy",
        4,
        8,
        4,
        List.of(32, 64, 128),
        1,
        4,
        List.of(8, 16),
        1,
        8,
        6,
        List.of(8),
        List.of(1, 5),
        List.of(MemoryMethod.BACKPROP, MemoryMethod.MEMORY_FREE),
        false,
        16,
        4,
        List.of(50, 100),
        SweepSettings.none());
  }

  private static byte[] runToEnd(CellSpec spec, Path dir) throws Exception {
    Files.createDirectories(dir);
    new SanderRunner().run(spec, dir);
    return Files.readAllBytes(dir.resolve(CellState.RESULT));
  }

  private static byte[] killedThenResumed(CellSpec spec, Path dir) throws Exception {
    Files.createDirectories(dir);
    assertThrows(CellState.Interrupted.class, () -> new SanderRunner(3).run(spec, dir));
    assertTrue(Files.exists(dir.resolve(CellState.FILE)), "a killed cell leaves a checkpoint");
    new SanderRunner().run(spec, dir);
    assertTrue(!Files.exists(dir.resolve(CellState.FILE)), "a finished cell drops it");
    return Files.readAllBytes(dir.resolve(CellState.RESULT));
  }

  @Test
  void aKilledTrainingCellResumesToTheSameResult(@TempDir Path tmp) throws Exception {
    CellSpec linear = Cells.spec(new Cells.Linear(50, 0, 1.0, 10_000, 1e-5, 4));
    assertArrayEquals(
        runToEnd(linear, tmp.resolve("a")), killedThenResumed(linear, tmp.resolve("b")));
    CellSpec trained =
        Cells.spec(
            new Cells.Trained(
                ResidualNetwork.Scheme.EULER, 8, List.of(4, 8), 7, 0.05, 0, 4, 8, 16));
    assertArrayEquals(
        runToEnd(trained, tmp.resolve("c")), killedThenResumed(trained, tmp.resolve("d")));
  }

  @Test
  void theReportHeadlineAgreesWithItsTableAndRerunsSkipDoneCells(@TempDir Path tmp)
      throws Exception {
    List<String> lines = new java.util.ArrayList<>();
    ResnetToOde.Outcome o = new ResnetToOde(toy(), tmp, 2, lines::add).run();
    assertTrue(o.failed().isEmpty(), o.failed().toString());
    for (String f :
        List.of(
            "report.md",
            "report.html",
            "results.csv",
            "distance.png",
            "distance.svg",
            "gradient-error.png",
            "memory-held.svg",
            "linear-weights.png")) {
      assertTrue(Files.exists(tmp.resolve(f)), f);
    }
    String md = Files.readString(tmp.resolve("report.md"));
    Matcher head =
        Pattern.compile("smooth weights: slope (-?[0-9.]+) over N = (\\d+)\\.\\.(\\d+)")
            .matcher(md);
    assertTrue(head.find(), "headline states the smooth slope and its range");
    Matcher table =
        Pattern.compile("\\| smooth \\| (-?[0-9.]+) \\| N = (\\d+)\\.\\.(\\d+)").matcher(md);
    assertTrue(table.find(), "part 1's table has the smooth row");
    assertEquals(head.group(1), table.group(1));
    assertEquals(head.group(2) + ".." + head.group(3), table.group(2) + ".." + table.group(3));
    double slope = Double.parseDouble(head.group(1));
    assertTrue(slope < -0.8 && slope > -1.2, "smooth slope " + slope);
    long rows =
        Files.readAllLines(tmp.resolve("results.csv")).stream()
            .filter(l -> l.startsWith("distance,smooth,"))
            .count();
    assertEquals(3, rows);

    lines.clear();
    new ResnetToOde(toy(), tmp, 1, lines::add).run();
    assertTrue(lines.stream().allMatch(l -> l.startsWith("done already")), lines.toString());
    assertEquals(md, Files.readString(tmp.resolve("report.md")));
  }
}

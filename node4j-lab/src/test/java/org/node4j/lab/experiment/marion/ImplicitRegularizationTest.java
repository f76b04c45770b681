package org.node4j.lab.experiment.marion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.lab.grid.CellSpec;
import org.node4j.lab.grid.LocalEngine;

/** The experiment end to end at seconds-long sizes: files, resume, and the report's consistency. */
class ImplicitRegularizationTest {

  @Test
  void writesEveryFileAndTheHeadlineAgreesWithTheResultsTable(@TempDir Path out) throws Exception {
    List<String> log = new ArrayList<>();
    ImplicitRegularization.Outcome o =
        new ImplicitRegularization(MarionSettings.tiny(), out, new LocalEngine(2), log::add).run();
    assertThat(o.failedCells()).as(String.join("\n", log)).isZero();
    for (String f :
        List.of(
            "report.md",
            "report.html",
            "results.csv",
            "fig1-left-max-gap.png",
            "fig1-left-max-gap.svg",
            "fig1-right-distance.svg",
            "fig2-loss.png",
            "fig2-w-entries.svg")) {
      assertThat(out.resolve(f)).exists();
    }
    double slope = value(out.resolve("results.csv"), "headline,depth-slope", "slope");
    assertThat(slope).isEqualTo(o.headline().depthSlope());
    assertThat(slope).isBetween(-1.3, -0.7);
    String md = Files.readString(out.resolve("report.md"));
    assertThat(md).contains(String.format(Locale.ROOT, "slope of %.2f", slope));
    assertThat(value(out.resolve("results.csv"), "large-depth,fit,0,40", "slope")).isEqualTo(slope);
  }

  @Test
  void aKilledCellResumesToTheSameBytes(@TempDir Path dir) throws Exception {
    MarionSettings s = MarionSettings.tiny();
    PerceptronCell cell =
        new PerceptronCell(
            PerceptronCell.Part.LONG_TIME, MarionGrid.longTime(s, 4, 60), List.of(30), 1, 20, 25);
    CellSpec spec = MarionCellRunner.spec(cell);
    Path whole = Files.createDirectories(dir.resolve("whole"));
    new MarionCellRunner().run(spec, whole);
    Path killed = Files.createDirectories(dir.resolve("killed"));
    assertThatThrownBy(() -> MarionCellRunner.withInterrupt(50).run(spec, killed))
        .hasMessageContaining("interrupted at iteration 50");
    assertThat(killed.resolve(CellOutputs.CHECKPOINT)).exists();
    assertThat(killed.resolve(CellOutputs.RESULT)).doesNotExist();
    new MarionCellRunner().run(spec, killed);
    for (String f :
        List.of(
            CellOutputs.SERIES,
            CellOutputs.ENTRIES,
            CellOutputs.RESULT,
            CellOutputs.snapshot(30))) {
      assertThat(Files.readAllBytes(killed.resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(whole.resolve(f)));
    }
    assertThat(killed.resolve(CellOutputs.CHECKPOINT)).doesNotExist();
  }

  /**
   * The value of the first results.csv row starting with {@code prefix} and naming {@code metric}.
   */
  private static double value(Path csv, String prefix, String metric) throws Exception {
    for (String line : Files.readAllLines(csv)) {
      String[] f = line.split(",");
      if (line.startsWith(prefix + ",") && f[4].equals(metric)) {
        return Double.parseDouble(f[5]);
      }
    }
    throw new AssertionError("no row " + prefix + " " + metric + " in " + csv);
  }
}

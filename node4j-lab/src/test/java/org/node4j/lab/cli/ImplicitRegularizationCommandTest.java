package org.node4j.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.lab.cli.MainTest.Run;
import org.node4j.lab.io.Json;

/**
 * {@code node4j experiment implicit-regularization} from the command line in its test-only {@code
 * --tiny} mode: JSON summary, and a second run that finds every cell done and rebuilds the same
 * results from the run directories alone.
 */
class ImplicitRegularizationCommandTest {

  @Test
  void tinyRunReportsAndARerunSkipsEveryCell(@TempDir Path dir) throws Exception {
    String out = dir.resolve("exp").toString();
    Run first =
        MainTest.run(
            "experiment",
            "implicit-regularization",
            "--tiny",
            "--json",
            "--jobs",
            "2",
            "--out",
            out);
    assertThat(first.exitCode()).as(first.err()).isZero();
    JsonNode summary = Json.newMapper().readTree(first.out());
    assertThat(summary.get("failedCells").asInt()).isZero();
    assertThat(summary.get("headline").get("depthSlope").asDouble()).isBetween(-1.3, -0.7);
    String csv = Files.readString(dir.resolve("exp/results.csv"));

    Run second =
        MainTest.run(
            "experiment", "implicit-regularization", "--tiny", "--jobs", "1", "--out", out);
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.err()).contains("done earlier, skipped").doesNotContain("FAILED");
    assertThat(Files.readString(dir.resolve("exp/results.csv"))).isEqualTo(csv);
  }

  @Test
  void aNonPositiveJobCountIsAUsageError() {
    Run run = MainTest.run("experiment", "implicit-regularization", "--jobs", "0");
    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains("--jobs");
  }
}

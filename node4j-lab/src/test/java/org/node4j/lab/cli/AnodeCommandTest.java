package org.node4j.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.lab.cli.MainTest.Run;
import org.node4j.lab.grid.RunMarker;

/**
 * {@code node4j experiment anode} end to end in its test-only {@code --tiny} mode: the files, and
 * that a second run (or one with a lost cell) reruns only what is not done.
 */
class AnodeCommandTest {

  @Test
  void tinyRunWritesEverythingAndResumes(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("anode");
    Run run = MainTest.run("experiment", "anode", "--tiny", "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("DTO max relative error", "OTD slope", "memory anode");

    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    // 3 fields x 3 schemes x 4 N_t, then 4 methods x 2 L x 2 N_t
    assertThat(csv).hasSize(1 + 36 + 16);
    assertThat(Files.readString(out.resolve("report.md")))
        .contains("Training: DTO, OTD and backprop");
    for (String p :
        List.of(
            "consistency-relu-mlp", "consistency-conv", "memory-vs-steps", "memory-vs-blocks")) {
      assertThat(out.resolve("plots/" + p + ".png")).isRegularFile();
      assertThat(out.resolve("plots/" + p + ".svg")).isRegularFile();
    }
    String md = Files.readString(out.resolve("report.md"));
    assertThat(md).contains("The paper's claims", "fitted slope", "held at peak");
    assertThat(Files.readString(out.resolve("report.html"))).startsWith("<!DOCTYPE html>");

    // Lose one cell: only it runs again, and the results are the same.
    Path cell = out.resolve("runs/consistency-conv-rk4-seed-1");
    Files.delete(cell.resolve(RunMarker.FILE));
    Run again = MainTest.run("experiment", "anode", "--tiny", "--out", out.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err()).contains("consistency-relu-mlp-euler-seed-1 (done earlier)");
    assertThat(again.err()).doesNotContain("consistency-conv-rk4-seed-1 (done earlier)");
    List<String> csv2 = Files.readAllLines(out.resolve("results.csv"));
    assertThat(csv2.stream().filter(l -> l.startsWith("consistency")).toList())
        .isEqualTo(csv.stream().filter(l -> l.startsWith("consistency")).toList());
  }

  @Test
  void badJobsIsAUsageError() {
    Run run = MainTest.run("experiment", "anode", "--tiny", "--jobs", "0");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("--jobs must be >= 1");
  }
}

package org.node4j.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.lab.cli.MainTest.Run;
import org.node4j.lab.data.Datasets;
import org.node4j.lab.data.RealDataset;
import org.node4j.lab.grid.RunMarker;

/**
 * {@code node4j experiment anodev2} end to end in its test-only {@code --tiny} mode: the files, a
 * resumed run that reruns only the lost cell with the same numbers, and the message without data.
 */
class Anodev2CommandTest {

  @Test
  void tinyRunWritesEverythingAndResumes(@TempDir Path dir) throws Exception {
    assumeTrue(
        Datasets.isAvailable(RealDataset.FASHION_MNIST, Datasets.defaultDirectory())
            || Datasets.isAvailable(RealDataset.MNIST, Datasets.defaultDirectory()),
        "needs MNIST or Fashion-MNIST (scripts/fetch-datasets.sh)");
    Path out = dir.resolve("anodev2");
    Run run = MainTest.run("experiment", "anodev2", "--tiny", "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("resnet", "anode ", "anodev2-gain-drift", "anodev2-rda");

    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertThat(csv).hasSize(1 + 4); // 4 models x 1 seed
    for (String p : List.of("training-loss", "test-accuracy")) {
      assertThat(out.resolve("plots/" + p + ".png")).isRegularFile();
      assertThat(out.resolve("plots/" + p + ".svg")).isRegularFile();
    }
    assertThat(Files.readString(out.resolve("report.md")))
        .contains("reaction-diffusion-advection", "not published", "one seed");
    assertThat(Files.readString(out.resolve("report.html"))).startsWith("<!DOCTYPE html>");

    String lost = csv.get(4).split(",")[1];
    Path cell;
    try (var runs = Files.list(out.resolve("runs"))) {
      cell =
          runs.filter(p -> p.getFileName().toString().contains("-" + lost + "-seed"))
              .findFirst()
              .orElseThrow();
    }
    Files.delete(cell.resolve(RunMarker.FILE));
    Run again = MainTest.run("experiment", "anodev2", "--tiny", "--out", out.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err()).contains("resnet-seed-1 (done earlier)");
    assertThat(again.err()).doesNotContain(lost + "-seed-1 (done earlier)");
    assertThat(Files.readAllLines(out.resolve("results.csv"))).isEqualTo(csv);
  }

  @Test
  void noDataNamesTheFetchScript(@TempDir Path dir) {
    Run run =
        MainTest.run(
            "experiment",
            "anodev2",
            "--tiny",
            "--out",
            dir.resolve("o").toString(),
            "--data-dir",
            dir.toString());
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("no CIFAR-10, Fashion-MNIST or MNIST", "fetch-datasets.sh");
  }
}

package org.node4j.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.lab.cli.MainTest.Run;
import org.node4j.lab.experiment.ImageData;
import org.node4j.lab.io.Json;

/**
 * {@code node4j experiment implicit-regularization} from the command line in its test-only {@code
 * --tiny} mode (the quick mode's parts at seconds-long sizes): JSON summary, the image experiment
 * in the default run, and a second run that finds every cell done and rebuilds the same results
 * from the run directories alone.
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
    String md = Files.readString(dir.resolve("exp/report.md"));
    assertThat(md).contains("## Image experiment (Table 1)");
    if (ImageData.available()) {
      // The default run trains the six (σ, init) image cells and reports them against Table 1.
      assertThat(md).contains("(paper 79.9)", "(paper 98.4)");
      assertThat(csv).contains("image,gelu-tied,", "image,relu-iid,");
      assertThat(dir.resolve("exp/image-coefficients-identity-tied.png")).exists();
      assertThat(dir.resolve("exp/image-coefficients-gelu-iid.svg")).exists();
    } else {
      assertThat(md).contains("Not run: the image experiment (Table 1) needs CIFAR-10");
    }

    Run second =
        MainTest.run(
            "experiment", "implicit-regularization", "--tiny", "--jobs", "1", "--out", out);
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.err()).contains("done earlier, skipped").doesNotContain("FAILED");
    assertThat(Files.readString(dir.resolve("exp/results.csv"))).isEqualTo(csv);
  }

  @Test
  void noImagesSkipsTheImageExperimentAndSaysSo(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("exp");
    Run run =
        MainTest.run(
            "experiment",
            "implicit-regularization",
            "--tiny",
            "--no-images",
            "--out",
            out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(out.resolve("report.md")))
        .contains("## Image experiment (Table 1)\n\nNot run: `--no-images` was given.");
    try (var runs = Files.list(out.resolve("runs"))) {
      assertThat(runs.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("image"));
    }
  }

  @Test
  void imagesAndNoImagesTogetherAreAUsageError() {
    Run run =
        MainTest.run("experiment", "implicit-regularization", "--tiny", "--images", "--no-images");
    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains("--images and --no-images");
  }

  @Test
  void aNonPositiveJobCountIsAUsageError() {
    Run run = MainTest.run("experiment", "implicit-regularization", "--jobs", "0");
    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains("--jobs");
  }
}

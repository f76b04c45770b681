package org.node4j.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.lab.cli.MainTest.Run;

/**
 * {@code node4j experiment resnet-after-all} end to end in its test-only {@code --tiny} mode (a
 * seconds-long Sphere2 run: 2 K_train values, K_test 1..8), checked for its files.
 */
class ResnetAfterAllCommandTest {

  @Test
  void tinyRunWritesResultsPlotsAndReports(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("exp");
    Run run = MainTest.run("experiment", "resnet-after-all", "--tiny", "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("critical range", "report.html");

    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertThat(csv.get(0))
        .isEqualTo(
            "seed,train_solver,train_steps,train_accuracy,test_solver,test_steps,accuracy,correct,"
                + "count,nfe");
    assertThat(csv).hasSize(1 + 2 * 3 * 4); // 1 seed x 2 K_train x 3 solvers x 4 K_test
    for (String line : csv.subList(1, csv.size())) {
      String[] c = line.split(",");
      assertThat(c).hasSize(10);
      assertThat(c[4]).isIn("euler", "midpoint", "rk4-38");
      assertThat(Double.parseDouble(c[6])).isBetween(0.0, 1.0);
      assertThat(Double.parseDouble(c[6]))
          .isEqualTo(
              Double.parseDouble(c[7]) / Double.parseDouble(c[8]),
              org.assertj.core.api.Assertions.within(1e-6));
      assertThat(c[8]).isEqualTo("200");
    }
    assertThat(csv.stream().map(l -> l.split(",")[2]).skip(1).distinct()).containsExactly("2", "4");

    List<String> plots =
        List.of(
            "accuracy-ktrain-2",
            "accuracy-ktrain-4",
            "overview-euler",
            "overview-midpoint",
            "overview-rk4-38",
            "trajectories-ktrain-2-steps-2",
            "trajectories-ktrain-2-steps-64",
            "trajectories-ktrain-4-steps-4",
            "regions-ktrain-2-steps-2",
            "regions-ktrain-2-steps-4",
            "step-adaptation");
    for (String p : plots) {
      for (String ext : List.of(".png", ".svg")) {
        Path f = out.resolve("plots").resolve(p + ext);
        assertThat(f).as(p + ext).isRegularFile();
        assertThat(Files.size(f)).as(p + ext).isGreaterThan(1000);
      }
    }
    byte[] png = Files.readAllBytes(out.resolve("plots/accuracy-ktrain-2.png"));
    assertThat(Arrays.copyOfRange(png, 1, 4)).containsExactly('P', 'N', 'G');
    assertThat(Files.readString(out.resolve("plots/overview-euler.svg"))).contains("<svg");

    String md = Files.readString(out.resolve("report.md"));
    String html = Files.readString(out.resolve("report.html"));
    for (String report : List.of(md, html)) {
      assertThat(report)
          .contains("Critical step range", "critical step count", "between 64 and 128")
          .contains("Table 1", "100.5", "98.9 +- 0.6")
          .contains("plots/accuracy-ktrain-2.png", "0.9766");
    }
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<img src=\"plots/");
    try (Stream<Path> files = Files.walk(out)) {
      assertThat(files.map(Path::toString)).noneMatch(f -> f.endsWith(".tmp"));
    }
    HeadlineCheck.check(out, 0.5);
    assertThat(md).contains("## Trajectory crossing", "rk4-38 at 8");
    List<String> adaptation = Files.readAllLines(out.resolve("adaptation.csv"));
    assertThat(adaptation).hasSize(2);
    assertThat(adaptation.get(0)).startsWith("seed,iterations,nfe_forward_per_iteration");
  }

  /**
   * Two seeds, with the Fig. 4 part: results.csv and fig4.csv hold one row per seed and test, and
   * every accuracy cell of the report is the mean +- sample standard deviation of those rows,
   * recomputed here from the CSV files.
   */
  @Test
  void twoSeedsGivePerSeedRowsAndMeanAndSpreadInTheReport(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("exp");
    Run run =
        MainTest.run(
            "experiment",
            "resnet-after-all",
            "--tiny",
            "--seeds",
            "0,1",
            "--k-train",
            "2",
            "--iterations",
            "40",
            "--fig4",
            "on",
            "--out",
            out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();

    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    Map<String, List<Double>> bySolverAndSteps = new TreeMap<>();
    Map<String, Long> seedsPerTest = new TreeMap<>();
    for (String line : csv.subList(1, csv.size())) {
      String[] c = line.split(",");
      String key = c[4] + "@" + c[5];
      bySolverAndSteps.computeIfAbsent(key, x -> new ArrayList<>()).add(Double.parseDouble(c[6]));
      seedsPerTest.merge(key + "/seed" + c[0], 1L, Long::sum);
    }
    assertThat(csv).hasSize(1 + 2 * 3 * 4); // 2 seeds x 3 solvers x 4 K_test
    assertThat(seedsPerTest).hasSize(2 * 3 * 4).allSatisfy((k, n) -> assertThat(n).isOne());
    assertThat(csv.stream().skip(1).map(l -> l.split(",")[0]).distinct()).containsExactly("0", "1");

    String md = Files.readString(out.resolve("report.md"));
    int start = md.indexOf("## Every accuracy");
    String section = md.substring(start, md.indexOf("\n## ", start + 5));
    List<Integer> kTest = List.of(1, 2, 4, 8);
    int rows = 0;
    for (String line : section.split("\n")) {
      String[] cells = line.split(" \\| ");
      if (!line.startsWith("| 2 |")) {
        continue;
      }
      String solver = cells[1].trim();
      for (int j = 0; j < kTest.size(); j++) {
        List<Double> acc = bySolverAndSteps.get(solver + "@" + kTest.get(j));
        double mean = acc.stream().mapToDouble(d -> d).average().orElseThrow();
        double var =
            acc.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / (acc.size() - 1);
        String expected =
            String.format(java.util.Locale.ROOT, "%.3f +- %.3f", mean, Math.sqrt(var));
        assertThat(cells[2 + j].replace("|", "").trim())
            .as(solver + " at " + kTest.get(j))
            .isEqualTo(expected);
      }
      rows++;
    }
    assertThat(rows).as(section).isEqualTo(3);
    assertThat(md).contains("over 2 seeds");
    HeadlineCheck.check(out, 0.5);
    Fig4Check.check(out, 0.5, 2);
  }

  @Test
  void runsOnThePapersOtherPlanarSets(@TempDir Path dir) throws Exception {
    for (String set : List.of("three-minima", "xor")) {
      Path out = dir.resolve(set);
      Run run =
          MainTest.run(
              "experiment",
              "resnet-after-all",
              "--tiny",
              "--dataset",
              set,
              "--k-train",
              "2",
              "--iterations",
              "5",
              "--out",
              out.toString());

      assertThat(run.exitCode()).as(run.err()).isZero();
      int classes = set.equals("xor") ? 2 : 3;
      assertThat(Files.readString(out.resolve("report.md")))
          .contains("data: " + set, classes + " classes", "Sphere2 (Conv1d) block");
      assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(1 + 3 * 4);
      String md = Files.readString(out.resolve("report.md"));
      if (set.equals("xor")) {
        assertThat(md)
            .contains("## Lady Windermere's fan and XOR separability (Fig. 3)")
            .contains("| 10^-2.5 | 1582 | yes |", "| 10^-3.5 | 15812 | no |")
            .contains("| 2 | ", "separable at K_train steps", "separable at 8 steps");
        assertThat(md.indexOf("plots/trajectories-ktrain-2-steps-2.png"))
            .isPositive()
            .isLessThan(md.indexOf("(plots/lady-windermere-coarse.png)"))
            .isLessThan(md.indexOf("(plots/lady-windermere-fine.png)"));
        for (String p : List.of("lady-windermere-coarse", "lady-windermere-fine")) {
          assertThat(out.resolve("plots/" + p + ".png")).isRegularFile();
          assertThat(out.resolve("plots/" + p + ".svg")).isRegularFile();
        }
      } else {
        assertThat(md).doesNotContain("Lady Windermere");
      }
    }
  }

  @Test
  void helpSaysWhatQuickReduces() {
    Run run = MainTest.run("experiment", "resnet-after-all", "--help");

    var quick =
        org.node4j.lab.experiment.ResnetAfterAllSettings.quick(
            org.node4j.lab.config.DatasetName.SPHERE2);
    String ks =
        quick.trainSteps().stream()
            .map(String::valueOf)
            .collect(java.util.stream.Collectors.joining(", "));
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("--quick", "1 seed", "K_train = " + ks, "--dataset", "--seeds")
        .contains(quick.iterations() + " iterations")
        .contains("--iterations", "--data-dir")
        .doesNotContain("--tiny");
  }

  @Test
  void missingCifarSaysWhereToPutIt(@TempDir Path dir) {
    Run run =
        MainTest.run(
            "experiment",
            "resnet-after-all",
            "--quick",
            "--dataset",
            "cifar10",
            "--data-dir",
            dir.toString(),
            "--out",
            dir.resolve("out").toString());

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains("cifar-10-binary.tar.gz", "cifar-10-batches-bin");
  }

  @Test
  void missingMnistSaysHowToFetchIt(@TempDir Path dir) {
    Run run =
        MainTest.run(
            "experiment",
            "resnet-after-all",
            "--dataset",
            "mnist",
            "--data-dir",
            dir.toString(),
            "--out",
            dir.resolve("out").toString());

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains("scripts/fetch-datasets.sh");
  }

  @Test
  void unknownDatasetAndMissingExperimentAreUsageErrors() {
    Run bad = MainTest.run("experiment", "resnet-after-all", "--dataset", "sphere");
    assertThat(bad.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(bad.err()).contains("sphere2, three-minima, xor, mnist, fashion-mnist, cifar10");

    Run none = MainTest.run("experiment");
    assertThat(none.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(none.err()).contains("resnet-after-all");
  }
}

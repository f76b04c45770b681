package org.node4j.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.lab.cli.MainTest.Run;
import org.node4j.lab.train.TestModels;

class TrainEvaluateCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIG =
      "data: {name: sphere2, train: 128, test: 100}\n"
          + "model: {name: toy-cli}\n"
          + "integration: {solver: euler, steps: 8}\n"
          + "optimizer: {lr: 0.01}\n"
          + "training: {batchSize: 32, iterations: 30, evalInterval: 10, checkpointInterval: 10}\n";
  private static final Lab LAB =
      Lab.of(Lab.standardModels().add("toy-cli", TestModels.toyFlow()).build());

  private static Run run(String... args) {
    return MainTest.run(Main.commandLine(LAB), args);
  }

  @Test
  void trainWritesTheRunAndEvaluateTestsItWithOtherSolvers(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("sphere.yaml");
    Files.writeString(config, CONFIG);
    Path out = dir.resolve("run");

    Run train =
        run(
            "train",
            "--config",
            config.toString(),
            "--out",
            out.toString(),
            "--iterations",
            "20",
            "--set",
            "training.seed=3",
            "--json");

    assertThat(train.exitCode()).as(train.err()).isZero();
    assertThat(JSON.readTree(train.out()).get("iterations").asLong()).isEqualTo(20);
    assertThat(Files.readString(out.resolve("config.yaml"))).contains("iterations: 20", "seed: 3");
    for (String f : List.of("metrics.csv", "eval.csv", "final.params", "summary.json")) {
      assertThat(out.resolve(f)).isRegularFile();
    }

    Run eval =
        run(
            "evaluate",
            "--run",
            out.toString(),
            "--test-solvers",
            "euler,midpoint,rk4",
            "--factors",
            "0.5,0.75,1,1.5,2",
            "--json");

    assertThat(eval.exitCode()).as(eval.err()).isZero();
    JsonNode rows = JSON.readTree(eval.out());
    assertThat(rows).hasSize(15);
    assertThat(rows.get(0).get("steps").asLong()).isEqualTo(4);
    assertThat(rows.get(4).get("steps").asLong()).isEqualTo(16);
    assertThat(rows.get(2).get("accuracy").asDouble())
        .isEqualTo(
            JSON.readTree(out.resolve("summary.json").toFile()).get("testAccuracy").asDouble());
    assertThat(rows.get(0).get("count").asLong()).isEqualTo(100);
    assertThat(rows.get(8).get("meanEvaluations").asDouble()).isEqualTo(24.0); // midpoint, 12 steps
    assertThat(Files.readAllLines(out.resolve("evaluation.csv"))).hasSize(16);
  }

  @Test
  void evaluatePrintsATable(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("c.yaml");
    Files.writeString(config, CONFIG);
    Path out = dir.resolve("run");
    assertThat(run("train", "--config", config.toString(), "--out", out.toString()).exitCode())
        .isZero();

    Run eval = run("evaluate", "--run", out.toString(), "--factors", "1,2");

    assertThat(eval.exitCode()).as(eval.err()).isZero();
    assertThat(eval.out()).contains("trained with euler, 8 steps", "midpoint", "rk4", "accuracy");
  }

  @Test
  void resumeWithoutAConfigUsesTheRunsOwn(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("c.yaml");
    Files.writeString(config, CONFIG);
    Path out = dir.resolve("run");
    run("train", "--config", config.toString(), "--out", out.toString());

    Run again = run("train", "--out", out.toString(), "--resume", "--json");

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(JSON.readTree(again.out()).get("iterations").asLong()).isEqualTo(30);
  }

  @Test
  void mistakesAreUsageErrorsWithTheirFix(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("c.yaml");
    Files.writeString(config, CONFIG + "optimiser: {lr: 1}\n");

    Run unknownKey =
        run("train", "--config", config.toString(), "--out", dir.resolve("r").toString());
    Run noRun = run("evaluate", "--run", dir.resolve("nothing").toString());
    Run nothingToResume = run("train", "--out", dir.resolve("empty").toString(), "--resume");

    assertThat(unknownKey.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(unknownKey.err()).contains("unknown key 'optimiser'", "optimizer");
    assertThat(noRun.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(noRun.err()).contains("no config.yaml");
    assertThat(nothingToResume.exitCode()).isEqualTo(Main.EXIT_USAGE);
  }

  @Test
  void anUnregisteredModelNamesTheRegisteredOnes(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("c.yaml");
    Files.writeString(config, CONFIG.replace("toy-cli", "resnet-9000"));

    Run run = run("train", "--config", config.toString(), "--out", dir.resolve("r").toString());

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains("unknown model 'resnet-9000'", "toy-cli");
  }
}

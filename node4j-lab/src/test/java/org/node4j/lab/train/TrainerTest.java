package org.node4j.lab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.config.TestLoader;
import org.node4j.lab.io.Json;

class TrainerTest {
  static final String BASE =
      "data: {name: sphere2, train: 256, test: 200}\n"
          + "model: {name: toy-flow}\n"
          + "optimizer: {lr: 0.02}\n"
          + "training: {batchSize: 32, iterations: 60, evalInterval: 10, checkpointInterval: 20,"
          + " flushInterval: 7, evalBatchSize: 64}\n";
  static final String FIXED = BASE + "integration: {steps: 4}\n";
  static final String RELEASED =
      BASE + "stepAdaptation: {mode: released, interval: 10, threshold: 0.02}\n";
  static final String TOLERANCE =
      BASE.replace("{name: toy-flow}", "{name: toy-flow, options: {frozen: 'true'}}")
          + "integration: {solver: dopri5}\n"
          + "toleranceAdaptation: {mode: on, interval: 10, initialTol: 1e-3, nfeHistory: 20}\n";

  static final TrainingRun RUNS =
      new TrainingRun(
          TestLoader.LOADER,
          org.node4j.lab.models.StandardModels.builder()
              .add("toy-flow", ToyFlowClassifier.factory())
              .build());

  static ExperimentConfig config(String yaml, String... overrides) {
    return TestLoader.LOADER.parse(yaml, false, "test", List.of(overrides));
  }

  static TrainingSummary train(ExperimentConfig c, Path dir, TrainingListener... listeners)
      throws IOException {
    return RUNS.train(c, dir, List.of(listeners));
  }

  /** A file's lines without the last (wall-time) column. */
  /** The CSV's lines without its {@code wall_seconds} column, wherever the header puts it. */
  static List<String> withoutWallTime(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    int column = List.of(lines.get(0).split(",", -1)).indexOf("wall_seconds");
    assertThat(column).as("wall_seconds column of " + file).isNotNegative();
    return lines.stream()
        .map(
            l -> {
              List<String> cells = new java.util.ArrayList<>(List.of(l.split(",", -1)));
              cells.remove(column);
              return String.join(",", cells);
            })
        .collect(Collectors.toList());
  }

  /** Stops training after the given iteration, as a killed process would. */
  record Interrupt(long after) implements TrainingListener {
    @Override
    public void onIteration(IterationRecord r) {
      if (r.iteration() == after) {
        throw new IllegalStateException("interrupted after " + after);
      }
    }
  }

  @Test
  void theRunDirectoryHoldsEveryFile(@TempDir Path dir) throws Exception {
    TrainingSummary s = train(config(FIXED), dir);

    RunDirectory run = new RunDirectory(dir);
    assertThat(run.readConfig(TestLoader.LOADER)).isEqualTo(config(FIXED));
    assertThat(Files.readAllLines(run.metrics()))
        .hasSize(61)
        .first()
        .isEqualTo(IterationRecord.HEADER);
    assertThat(withoutWallTime(run.evaluations()).subList(1, 7))
        .extracting(l -> l.substring(0, l.indexOf(',')))
        .containsExactly("10", "20", "30", "40", "50", "60");
    assertThat(new Checkpoints(run.checkpoints(), 2).list())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("ckpt-000000040.n4j", "ckpt-000000060.n4j");
    assertThat(run.finalParams()).isRegularFile();
    assertThat(run.readSummary()).isEqualTo(s);
    assertThat(s.iterations()).isEqualTo(60);
    assertThat(s.trainSteps()).isEqualTo(4);
    assertThat(s.trainStepSize()).isEqualTo(0.25);
    assertThat(s.trainTolerance()).isNull();
    assertThat(s.meanEvaluationsForward()).isEqualTo(4.0);
  }

  @Test
  void trainingLowersTheLoss(@TempDir Path dir) throws Exception {
    train(
        config(FIXED, "data.name=xor", "training.iterations=200", "training.evalInterval=0"), dir);

    List<String> rows = Files.readAllLines(dir.resolve("metrics.csv"));
    double first = meanLoss(rows.subList(1, 21));
    double last = meanLoss(rows.subList(rows.size() - 20, rows.size()));
    assertThat(last).isLessThan(0.9 * first);
  }

  private static double meanLoss(List<String> rows) {
    return rows.stream()
        .mapToDouble(r -> Double.parseDouble(r.split(",")[1]))
        .average()
        .orElseThrow();
  }

  @Test
  void theSameSeedGivesTheSameNumbersAndAnotherSeedOthers(@TempDir Path dir) throws Exception {
    train(config(FIXED), dir.resolve("a"));
    train(config(FIXED), dir.resolve("b"));
    train(config(FIXED, "training.seed=7"), dir.resolve("c"));

    assertThat(withoutWallTime(dir.resolve("b/metrics.csv")))
        .isEqualTo(withoutWallTime(dir.resolve("a/metrics.csv")));
    assertThat(Files.readAllBytes(dir.resolve("b/final.params")))
        .isEqualTo(Files.readAllBytes(dir.resolve("a/final.params")));
    assertThat(withoutWallTime(dir.resolve("c/metrics.csv")))
        .isNotEqualTo(withoutWallTime(dir.resolve("a/metrics.csv")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"fixed", "released", "tolerance"})
  void anInterruptedRunResumesToTheSameNumbers(String kind, @TempDir Path dir) throws Exception {
    ExperimentConfig c =
        config(kind.equals("fixed") ? FIXED : kind.equals("released") ? RELEASED : TOLERANCE);
    Path whole = dir.resolve("whole");
    Path broken = dir.resolve("broken");
    train(c, whole);

    assertThatThrownBy(() -> train(c, broken, new Interrupt(47)))
        .hasMessageContaining("interrupted after 47");
    assertThat(Files.readAllLines(broken.resolve("metrics.csv"))).hasSizeGreaterThan(41);
    TrainingSummary resumed = train(c, broken);

    for (String file : List.of("metrics.csv", "eval.csv")) {
      assertThat(withoutWallTime(broken.resolve(file)))
          .as(file)
          .isEqualTo(withoutWallTime(whole.resolve(file)));
    }
    assertThat(Files.readAllBytes(broken.resolve("final.params")))
        .isEqualTo(Files.readAllBytes(whole.resolve("final.params")));
    TrainingSummary uninterrupted = new RunDirectory(whole).readSummary();
    assertThat(resumed.testAccuracy()).isEqualTo(uninterrupted.testAccuracy());
    assertThat(resumed.meanEvaluationsForward()).isEqualTo(uninterrupted.meanEvaluationsForward());
    assertThat(resumed.trainStepSize()).isEqualTo(uninterrupted.trainStepSize());
    assertThat(resumed.trainTolerance()).isEqualTo(uninterrupted.trainTolerance());
  }

  @Test
  void theAdaptationsChangeTheIntegrationOnlyAtCheckIterations(@TempDir Path dir) throws Exception {
    train(config(RELEASED), dir.resolve("step"));
    train(config(TOLERANCE), dir.resolve("tol"));

    assertChangesOnlyAfterChecks(dir.resolve("step/metrics.csv"), 5);
    assertChangesOnlyAfterChecks(dir.resolve("tol/metrics.csv"), 6);
    List<String> tolRows = Files.readAllLines(dir.resolve("tol/metrics.csv"));
    assertThat(tolRows.get(1).split(",")[6]).isEqualTo("0.001");
  }

  /** The value in {@code column} of row n+1 differs from row n only when n is a multiple of 10. */
  private static void assertChangesOnlyAfterChecks(Path metrics, int column) throws IOException {
    List<String[]> rows =
        Files.readAllLines(metrics).stream().skip(1).map(l -> l.split(",", -1)).toList();
    int changes = 0;
    for (int i = 1; i < rows.size(); i++) {
      if (!rows.get(i)[column].equals(rows.get(i - 1)[column])) {
        changes++;
        assertThat(Long.parseLong(rows.get(i - 1)[0]) % 10)
            .as(Arrays.toString(rows.get(i)))
            .isZero();
      }
    }
    assertThat(changes).isPositive();
  }

  @Test
  void theReleasedVariantStartsFromTheModelsHairerEstimate(@TempDir Path dir) throws Exception {
    ExperimentConfig c = config(RELEASED);
    train(c, dir);

    TrainableModel fresh = RUNS.build(c, ExperimentData.load(c.data()));
    var data = ExperimentData.load(c.data());
    var batches =
        new org.node4j.lab.data.MiniBatches(
            data.train(), org.node4j.lab.data.BatchOptions.training(32, 0));
    var x = org.node4j.nn.tensor.Tensor.zeros(fresh.dtype(), 32, 1, 2);
    int count = batches.fill(0, x, new int[32]);
    double h = fresh.initialStepEstimate(x, count, 1);
    String firstStep = Files.readAllLines(dir.resolve("metrics.csv")).get(1).split(",")[5];
    assertThat(Double.parseDouble(firstStep)).isEqualTo(h);
  }

  @Test
  void aDirectoryOfAnotherConfigurationIsNotResumed(@TempDir Path dir) throws Exception {
    train(config(FIXED, "training.iterations=20"), dir);

    assertThatThrownBy(
            () -> train(config(FIXED, "training.iterations=20", "optimizer.lr=0.1"), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another configuration");
  }

  @Test
  void resumingAFinishedRunAddsNoRows(@TempDir Path dir) throws Exception {
    TrainingSummary first = train(config(FIXED), dir);
    List<String> metrics = Files.readAllLines(dir.resolve("metrics.csv"));
    List<String> evals = Files.readAllLines(dir.resolve("eval.csv"));

    TrainingSummary again = train(config(FIXED), dir);

    assertThat(Files.readAllLines(dir.resolve("metrics.csv"))).isEqualTo(metrics);
    assertThat(Files.readAllLines(dir.resolve("eval.csv"))).isEqualTo(evals);
    assertThat(again.testAccuracy()).isEqualTo(first.testAccuracy());
    assertThat(again.finalLoss()).isEqualTo(first.finalLoss());
    assertThat(
            Json.newMapper()
                .readTree(dir.resolve("summary.json").toFile())
                .get("iterations")
                .asLong())
        .isEqualTo(60);
  }
}

package org.node4j.lab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.lab.config.ConfigLoader;
import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.data.Datasets;
import org.node4j.lab.data.RealDataset;
import org.node4j.nn.optim.LrSchedule;

/** Residual networks and learning-rate schedules through the trainer and its configuration. */
class ResidualTrainingTest {
  private static final String RESNET =
      "data: {name: sphere2, train: 192, test: 64}\n"
          + "model: {name: resnet, width: 8, residual: {depth: 8, activation: gelu, init: smooth}}\n"
          + "integration: {solver: euler, steps: 8, gradient: checkpointed}\n"
          + "optimizer: {name: sgd, lr: 0.1, momentum: 0.9, weightDecay: 1.0e-4,"
          + " schedule: step, decayInterval: 15, gamma: 0.5}\n"
          + "training: {batchSize: 32, iterations: 50, evalInterval: 10, checkpointInterval: 20,"
          + " flushInterval: 7, evalBatchSize: 64}\n";

  private static final Path CONFIGS = Path.of("..", "configs");

  @Test
  void anInterruptedResidualRunResumesToTheSameNumbers(@TempDir Path dir) throws Exception {
    ExperimentConfig c = TrainerTest.config(RESNET);
    Path whole = dir.resolve("whole");
    Path broken = dir.resolve("broken");
    TrainerTest.train(c, whole);

    assertThatThrownBy(() -> TrainerTest.train(c, broken, new TrainerTest.Interrupt(33)))
        .hasMessageContaining("interrupted after 33");
    TrainerTest.train(c, broken);

    for (String file : List.of("metrics.csv", "eval.csv")) {
      assertThat(TrainerTest.withoutWallTime(broken.resolve(file)))
          .as(file)
          .isEqualTo(TrainerTest.withoutWallTime(whole.resolve(file)));
    }
    assertThat(Files.readAllBytes(broken.resolve("final.params")))
        .isEqualTo(Files.readAllBytes(whole.resolve("final.params")));
  }

  @Test
  void fullBatchGradientDescentLowersTheLossAtEveryIteration(@TempDir Path dir) throws Exception {
    ExperimentConfig gd =
        TrainerTest.config(
            RESNET,
            "data.train=128",
            "training.batchSize=128",
            "training.iterations=30",
            "model.dtype=float64",
            "optimizer.momentum=0",
            "optimizer.weightDecay=0",
            "optimizer.schedule=constant",
            "optimizer.lr=0.05");
    TrainerTest.train(gd, dir);
    List<String> rows = Files.readAllLines(dir.resolve("metrics.csv"));
    double[] loss =
        rows.subList(1, rows.size()).stream()
            .mapToDouble(r -> Double.parseDouble(r.split(",")[1]))
            .toArray();
    assertThat(loss).hasSize(30);
    for (int i = 1; i < loss.length; i++) {
      assertThat(loss[i]).as("loss at iteration %d", i + 1).isLessThan(loss[i - 1]);
    }
  }

  @Test
  void theSchedulesGiveTheDocumentedRates() {
    ExperimentConfig cosine =
        TrainerTest.config(RESNET, "optimizer.schedule=cosine", "optimizer.etaMin=0.02");
    LrSchedule c = Optimizers.schedule(cosine.optimizer(), 100);
    assertThat(c.lr(0.1, 0)).isEqualTo(0.1);
    assertThat(c.lr(0.1, 50)).isCloseTo(0.06, within(1e-15));
    assertThat(c.lr(0.1, 100)).isCloseTo(0.02, within(1e-15));
    assertThat(c.lr(0.1, 25)).isCloseTo(0.02 + 0.08 * (1 + Math.sqrt(0.5)) / 2, within(1e-15));

    LrSchedule s = Optimizers.schedule(TrainerTest.config(RESNET).optimizer(), 100);
    assertThat(s.lr(0.1, 14)).isEqualTo(0.1);
    assertThat(s.lr(0.1, 15)).isEqualTo(0.05);
    assertThat(s.lr(0.1, 44)).isEqualTo(0.025);
    assertThat(s.lr(0.1, 45)).isEqualTo(0.0125);

    LrSchedule constant =
        Optimizers.schedule(
            TrainerTest.config(RESNET, "optimizer.schedule=constant").optimizer(), 9);
    assertThat(constant.lr(0.1, 1000)).isEqualTo(0.1);
  }

  @Test
  void badResidualSettingsFailAtLoadOrBuildNamingTheFix() {
    assertThatThrownBy(() -> TrainerTest.config(RESNET, "model.residual.init=gaussian"))
        .hasMessageContaining("model.residual.init")
        .hasMessageContaining("tied, iid, smooth, gp");
    assertThatThrownBy(() -> TrainerTest.config(RESNET, "model.residual.activation=swish"))
        .hasMessageContaining("relu, gelu, tanh, identity");
    assertThatThrownBy(() -> TrainerTest.config(RESNET, "model.residual.length=0.2"))
        .hasMessageContaining("unknown key 'length'")
        .hasMessageContaining("lengthScale");
    assertThatThrownBy(() -> TrainerTest.config(RESNET, "optimizer.schedule=linear"))
        .hasMessageContaining("constant, cosine, step");
    ExperimentConfig wrongSteps = TrainerTest.config(RESNET, "integration.steps=4");
    var data = org.node4j.lab.data.ConcentricSpheres.split(2, 8, 8, 0L);
    assertThatThrownBy(
            () -> org.node4j.lab.models.StandardModels.training().build(wrongSteps, data))
        .hasMessageContaining("set integration.solver: euler and integration.steps: 8");
  }

  @Test
  void theResNetSphereConfigTrains(@TempDir Path dir) throws Exception {
    ExperimentConfig c =
        new ConfigLoader(org.node4j.lab.config.Catalogue.standard())
            .load(
                CONFIGS.resolve("resnet-sphere2.yaml"),
                List.of(
                    "training.iterations=40",
                    "data.train=256",
                    "data.test=128",
                    "model.residual.depth=8",
                    "integration.steps=8"));
    assertThat(c.model().name()).isEqualTo("resnet");
    TrainingSummary s = TrainerTest.train(c, dir);
    List<String> rows = Files.readAllLines(dir.resolve("metrics.csv"));
    double first = meanLoss(rows.subList(1, 6));
    double last = meanLoss(rows.subList(rows.size() - 5, rows.size()));
    assertThat(s.iterations()).isEqualTo(40);
    assertThat(last).isLessThan(first);
  }

  @Test
  void theHeunNetFashionMnistConfigTrains(@TempDir Path dir) throws Exception {
    ExperimentConfig c =
        new ConfigLoader(org.node4j.lab.config.Catalogue.standard())
            .load(
                CONFIGS.resolve("heunnet-fashion-mnist.yaml"),
                List.of(
                    "training.iterations=3",
                    "training.evalBatchSize=32",
                    "data.train=64",
                    "data.test=32",
                    "training.batchSize=32",
                    "model.residual.depth=3",
                    "integration.steps=3"));
    assertThat(c.model().name()).isEqualTo("heunnet");
    Path root = Datasets.defaultDirectory();
    assumeTrue(
        Datasets.isAvailable(RealDataset.FASHION_MNIST, root), "Fashion-MNIST not under " + root);
    TrainingSummary s = TrainerTest.train(c, dir);
    assertThat(s.iterations()).isEqualTo(3);
    assertThat(s.finalLoss()).isFinite();
  }

  private static double meanLoss(List<String> csvRows) {
    return csvRows.stream()
        .mapToDouble(r -> Double.parseDouble(r.split(",")[1]))
        .average()
        .orElseThrow();
  }
}

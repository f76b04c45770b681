package org.node4j.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.lab.cli.MainTest.Run;
import org.node4j.lab.data.BatchOptions;
import org.node4j.lab.data.DatasetSplit;
import org.node4j.lab.data.MiniBatches;
import org.node4j.lab.data.Regression;
import org.node4j.lab.io.Json;
import org.node4j.nn.io.ParameterStore;
import org.node4j.nn.layer.Activation;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.model.ClassifierHead;
import org.node4j.nn.model.DepthInit;
import org.node4j.nn.model.OdeClassifier;
import org.node4j.nn.model.ParameterInit;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.model.SeedModels;
import org.node4j.nn.optim.Optimizer;
import org.node4j.nn.optim.ParamGroup;
import org.node4j.nn.optim.Sgd;
import org.node4j.nn.optim.SgdOptions;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.StoredStages;

/**
 * {@code train} on the {@code linear-regression} set (Marion et al.'s synthetic setting: a residual
 * perceptron, weight-tied init, full-batch gradient descent on the mean squared error): the loss
 * falls, the test error is reported, and the parameters equal those of the same network trained
 * through the library bit for bit.
 */
class RegressionTrainCommandTest {
  private static final int DIM = 4;
  private static final int DEPTH = 8;
  private static final int WIDTH = 16;
  private static final int ITERATIONS = 40;
  private static final int SAMPLES = 64;
  private static final long SEED = 3;
  private static final double LR = 0.1;

  @Test
  void aResNetFitsLinearTargetsThroughTheCommandAsThroughTheLibrary(@TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("regression.yaml");
    Files.writeString(
        config,
        "data: {name: linear-regression, dim: "
            + DIM
            + ", train: "
            + SAMPLES
            + ", test: 32, noise: 0.05, seed: 1}\n"
            + "model: {name: resnet, width: "
            + WIDTH
            + ", dtype: float64,\n"
            + "  residual: {depth: "
            + DEPTH
            + ", activation: gelu, init: tied}}\n"
            + "integration: {solver: euler, steps: "
            + DEPTH
            + "}\n"
            + "optimizer: {name: sgd, lr: "
            + LR
            + "}\n"
            + "training: {batchSize: "
            + SAMPLES
            + ", iterations: "
            + ITERATIONS
            + ", seed: "
            + SEED
            + ", evalInterval: 20}\n");
    Path out = dir.resolve("run");

    Run train = MainTest.run("train", "--config", config.toString(), "--out", out.toString());
    assertThat(train.exitCode()).as(train.err()).isZero();
    assertThat(train.out()).contains("test MSE").doesNotContain("test accuracy");

    List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
    double first = Double.parseDouble(metrics.get(1).split(",")[1]);
    double last = Double.parseDouble(metrics.get(metrics.size() - 1).split(",")[1]);
    assertThat(last).as("training loss after %d iterations", ITERATIONS).isLessThan(first / 3);
    JsonNode summary = Json.newMapper().readTree(out.resolve("summary.json").toFile());
    double testMse = summary.get("testMeanSquaredError").asDouble();
    assertThat(testMse).isPositive().isLessThan(first);
    assertThat(Files.readAllLines(out.resolve("eval.csv")).get(0)).contains(",test_mse,");

    OdeClassifier byHand = trainThroughTheLibrary();
    OdeClassifier fromFile = untrained();
    ParameterStore.load(out.resolve("final.params"), fromFile.parameters());
    List<Parameter> expected = byHand.parameters();
    List<Parameter> actual = fromFile.parameters();
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(values(actual.get(i).value()))
          .as(expected.get(i).name())
          .isEqualTo(values(expected.get(i).value()));
    }
    assertThat(values(expected.get(0).value()))
        .as("training changed the weights")
        .isNotEqualTo(values(untrained().parameters().get(0).value()));
  }

  @Test
  void stepAdaptationIsRejectedForARegressionSet(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("adaptive.yaml");
    Files.writeString(
        config,
        "data: {name: gaussian-regression, dim: 2, train: 32, test: 16}\n"
            + "model: {name: resnet, width: 4, residual: {depth: 2}}\n"
            + "integration: {solver: euler, steps: 2}\n"
            + "stepAdaptation: {mode: paper}\n"
            + "training: {batchSize: 16, iterations: 2}\n");
    Run run =
        MainTest.run("train", "--config", config.toString(), "--out", dir.resolve("r").toString());
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("regression set").contains("stepAdaptation.mode: off");
  }

  private static OdeClassifier untrained() {
    DType dtype = DType.FLOAT64;
    ResidualNetwork net =
        ResidualNetwork.resNet(
                k ->
                    SeedModels.residualPerceptron(
                        DIM, WIDTH, Activation.gelu(), dtype, "f" + k + "."),
                DEPTH)
            .method(StoredStages.create())
            .build();
    SplittableRandom rng = new SplittableRandom(SEED);
    net.initialize(DepthInit.tied(ParameterInit.kaiming()), rng);
    Sequential head = ClassifierHead.of(new int[] {1, DIM}, DIM, dtype);
    ParameterInit.kaiming().apply(head.parameters(), rng);
    return new OdeClassifier(net.block(), head);
  }

  private static OdeClassifier trainThroughTheLibrary() {
    OdeClassifier model = untrained();
    DatasetSplit data = Regression.split(Regression.Targets.LINEAR, DIM, SAMPLES, 32, 0.05, 1L);
    Optimizer sgd = new Sgd(SgdOptions.plain(), List.of(ParamGroup.of(model.parameters(), LR)));
    MiniBatches batches = new MiniBatches(data.train(), BatchOptions.training(SAMPLES, SEED));
    Tensor x = Tensor.zeros(DType.FLOAT64, SAMPLES, 1, DIM);
    Tensor targets = Tensor.zeros(DType.FLOAT64, SAMPLES, DIM);
    int[] y = new int[SAMPLES];
    for (int n = 1; n <= ITERATIONS; n++) {
      int count = batches.fill(n - 1, x, y, targets);
      sgd.zeroGrad();
      model.trainRegression(x, targets, count);
      sgd.step();
    }
    return model;
  }

  private static double[] values(Tensor t) {
    return Arrays.copyOf(t.doubles(), t.size());
  }
}

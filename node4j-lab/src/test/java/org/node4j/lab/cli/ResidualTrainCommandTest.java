package org.node4j.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.lab.cli.MainTest.Run;
import org.node4j.lab.data.BatchOptions;
import org.node4j.lab.data.ConcentricSpheres;
import org.node4j.lab.data.DatasetSplit;
import org.node4j.lab.data.MiniBatches;
import org.node4j.nn.io.ParameterStore;
import org.node4j.nn.layer.Activation;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.model.ClassifierHead;
import org.node4j.nn.model.DepthInit;
import org.node4j.nn.model.OdeClassifier;
import org.node4j.nn.model.ParameterInit;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.model.SeedModels;
import org.node4j.nn.optim.LrScheduler;
import org.node4j.nn.optim.LrSchedules;
import org.node4j.nn.optim.Optimizer;
import org.node4j.nn.optim.ParamGroup;
import org.node4j.nn.optim.Sgd;
import org.node4j.nn.optim.SgdOptions;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.MemoryFree;

/**
 * {@code train} on a residual network against the same network trained by hand through the nn API
 * (network, depth init, head, SGD, cosine schedule, seeded batches): the parameters agree bit for
 * bit.
 */
class ResidualTrainCommandTest {
  private static final int DEPTH = 6;
  private static final int WIDTH = 8;
  private static final int ITERATIONS = 25;
  private static final int BATCH = 32;
  private static final long SEED = 5;
  private static final double LR = 0.2;

  @Test
  void aHeunNetTrainedByTheCommandEqualsOneTrainedThroughTheLibrary(@TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("heunnet.yaml");
    Files.writeString(
        config,
        "data: {name: sphere2, train: 128, test: 64}\n"
            + "model: {name: heunnet, width: "
            + WIDTH
            + ", dtype: float64,\n"
            + "  residual: {depth: "
            + DEPTH
            + ", activation: tanh, init: gp, lengthScale: 0.3}}\n"
            + "integration: {solver: heun, steps: "
            + DEPTH
            + ", gradient: memory-free}\n"
            + "optimizer: {name: sgd, lr: "
            + LR
            + ", momentum: 0.9, weightDecay: 1.0e-3, schedule: cosine, etaMin: 0.01}\n"
            + "training: {batchSize: "
            + BATCH
            + ", iterations: "
            + ITERATIONS
            + ", seed: "
            + SEED
            + ", checkpointInterval: 10}\n");
    Path out = dir.resolve("run");

    Run train = MainTest.run("train", "--config", config.toString(), "--out", out.toString());
    assertThat(train.exitCode()).as(train.err()).isZero();

    OdeClassifier byHand = trainThroughTheLibrary();
    OdeClassifier fromFile = untrained();
    ParameterStore.load(out.resolve("final.params"), fromFile.parameters());
    List<Parameter> expected = byHand.parameters();
    List<Parameter> actual = fromFile.parameters();
    assertThat(actual).hasSameSizeAs(expected);
    boolean moved = false;
    OdeClassifier initial = untrained();
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i).name()).isEqualTo(expected.get(i).name());
      assertThat(values(actual.get(i).value()))
          .as(expected.get(i).name())
          .isEqualTo(values(expected.get(i).value()));
      moved |=
          !java.util.Arrays.equals(
              values(initial.parameters().get(i).value()), values(expected.get(i).value()));
    }
    assertThat(moved).as("training changed the weights").isTrue();
  }

  /** The network, initialised from the seed, untrained. */
  private static OdeClassifier untrained() {
    DType dtype = DType.FLOAT64;
    ResidualNetwork net =
        ResidualNetwork.heunNet(
                k ->
                    SeedModels.residualPerceptron(
                        2, WIDTH, Activation.tanh(), dtype, "f" + k + "."),
                DEPTH)
            .method(MemoryFree.heun())
            .build();
    SplittableRandom rng = new SplittableRandom(SEED);
    net.initialize(DepthInit.gaussianProcess(ParameterInit.kaiming(), 0.3), rng);
    Sequential head = ClassifierHead.of(new int[] {1, 2}, 2, dtype);
    ParameterInit.kaiming().apply(head.parameters(), rng);
    return new OdeClassifier(net.block(), head);
  }

  private static OdeClassifier trainThroughTheLibrary() {
    OdeClassifier model = untrained();
    DatasetSplit data = ConcentricSpheres.split(2, 128, 64, 0L);
    Optimizer sgd =
        new Sgd(SgdOptions.momentum(0.9), List.of(ParamGroup.of(model.parameters(), LR, 1.0e-3)));
    LrScheduler cosine = new LrScheduler(sgd, LrSchedules.cosine(ITERATIONS, 0.01));
    MiniBatches batches = new MiniBatches(data.train(), BatchOptions.training(BATCH, SEED));
    Tensor x = Tensor.zeros(DType.FLOAT64, BATCH, 1, 2);
    int[] y = new int[BATCH];
    for (int n = 1; n <= ITERATIONS; n++) {
      int count = batches.fill(n - 1, x, y);
      sgd.zeroGrad();
      model.trainBatch(x, y, count);
      cosine.setEpoch(n - 1);
      sgd.step();
    }
    return model;
  }

  private static double[] values(Tensor t) {
    double[] v = new double[t.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = t.get(i);
    }
    return v;
  }
}

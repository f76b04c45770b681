package org.node4j.lab.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.config.TestLoader;
import org.node4j.lab.data.DatasetSplit;
import org.node4j.lab.data.Datasets;
import org.node4j.lab.data.RealDataset;
import org.node4j.lab.train.Evaluator;
import org.node4j.lab.train.ExperimentData;
import org.node4j.lab.train.Integration;
import org.node4j.lab.train.TrainableModel;
import org.node4j.lab.train.TrainingRun;
import org.node4j.ode.solver.Solvers;

/**
 * The image block on real MNIST (a smoke test: a few iterations on a small subset); skipped when
 * MNIST has not been fetched into {@link Datasets#defaultDirectory()} (scripts/fetch-datasets.sh).
 */
class ImageBlockMnistTest {
  private static final Path ROOT = Datasets.defaultDirectory();

  @Test
  void trainsAFewIterationsOnRealMnistAndEvaluatesWithMidpoint() throws IOException {
    assumeTrue(Datasets.isAvailable(RealDataset.MNIST, ROOT), "MNIST not found under " + ROOT);
    ExperimentConfig c =
        SeedModelFactoriesTest.config(
            "data.name=mnist",
            "data.train=256",
            "data.test=100",
            "model.name=image-block",
            "model.width=4",
            "integration.steps=2",
            "training.batchSize=32");
    DatasetSplit data = ExperimentData.load(c.data());
    TrainableModel m =
        new TrainingRun(TestLoader.LOADER, SeedModelFactoriesTest.MODELS).build(c, data);
    SeedModelFactoriesTest.Batch b = batch(data, m);

    double[] losses = SeedModelFactoriesTest.train(m, b, 25, 1e-2);

    assertThat(losses[0]).isCloseTo(Math.log(10), org.assertj.core.api.Assertions.within(1.5));
    assertThat(losses[24]).isLessThan(0.7 * losses[0]);
    Evaluator.Result r =
        new Evaluator(m, data.test(), 50).evaluate(m, Integration.steps(Solvers.midpoint(), 2));
    assertThat(r.count()).isEqualTo(100);
    assertThat(r.meanEvaluations()).isEqualTo(4);
  }

  private static SeedModelFactoriesTest.Batch batch(DatasetSplit data, TrainableModel m) {
    var x = org.node4j.nn.tensor.Tensor.zeros(m.dtype(), 32, 1, 28, 28);
    int[] y = new int[32];
    var batches =
        new org.node4j.lab.data.MiniBatches(
            data.train(), org.node4j.lab.data.BatchOptions.evaluation(32));
    return new SeedModelFactoriesTest.Batch(x, y, batches.fill(0, x, y));
  }
}

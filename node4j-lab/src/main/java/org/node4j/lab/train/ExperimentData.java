package org.node4j.lab.train;

import java.io.IOException;
import java.nio.file.Path;
import org.node4j.lab.config.DataConfig;
import org.node4j.lab.data.Augmentation;
import org.node4j.lab.data.ConcentricSpheres;
import org.node4j.lab.data.DatasetSplit;
import org.node4j.lab.data.Datasets;
import org.node4j.lab.data.RealDataset;
import org.node4j.lab.data.Regression;
import org.node4j.lab.data.ThreeMinima;
import org.node4j.lab.data.Xor;

/** Turns a {@link DataConfig} into the train/test split it describes. */
public final class ExperimentData {
  private static final int GENERATED_TRAIN = ConcentricSpheres.DEFAULT_TRAIN;
  private static final int GENERATED_TEST = ConcentricSpheres.DEFAULT_TEST;

  private ExperimentData() {}

  /**
   * Generates or reads the data.
   *
   * @param c the data configuration
   * @return the split, cut to the configured sizes and normalised as {@code data.augment} says
   * @throws IOException when a real data set cannot be read (the message says how to fetch it)
   */
  public static DatasetSplit load(DataConfig c) throws IOException {
    DatasetSplit split = unnormalized(c);
    if (!c.augment().normalizes()) {
      return split;
    }
    return new DatasetSplit(
        Augmentation.normalize(split.train(), c.augment()),
        Augmentation.normalize(split.test(), c.augment()));
  }

  private static DatasetSplit unnormalized(DataConfig c) throws IOException {
    int nTrain = c.train() > 0 ? c.train() : GENERATED_TRAIN;
    int nTest = c.test() > 0 ? c.test() : GENERATED_TEST;
    return switch (c.name()) {
      case SPHERE2, SPHERE -> ConcentricSpheres.split(c.dim(), nTrain, nTest, c.seed());
      case THREE_MINIMA -> ThreeMinima.split(nTrain, nTest, c.seed());
      case XOR ->
          new DatasetSplit(
              Xor.noisy(Math.max(1, nTrain / 4), c.noise(), c.seed()).withName("xor-train"),
              Xor.noisy(Math.max(1, nTest / 4), c.noise(), c.seed() + 1).withName("xor-test"));
      case MNIST -> real(RealDataset.MNIST, c);
      case FASHION_MNIST -> real(RealDataset.FASHION_MNIST, c);
      case CIFAR10 -> real(RealDataset.CIFAR10, c);
      case GAUSSIAN_REGRESSION ->
          Regression.split(
              Regression.Targets.GAUSSIAN, c.dim(), nTrain, nTest, c.noise(), c.seed());
      case LINEAR_REGRESSION ->
          Regression.split(Regression.Targets.LINEAR, c.dim(), nTrain, nTest, c.noise(), c.seed());
    };
  }

  private static DatasetSplit real(RealDataset which, DataConfig c) throws IOException {
    Path root = c.dir() == null ? Datasets.defaultDirectory() : Path.of(c.dir());
    DatasetSplit split = Datasets.load(which, root);
    int nTrain = c.train() > 0 ? c.train() : Integer.MAX_VALUE;
    int nTest = c.test() > 0 ? c.test() : Integer.MAX_VALUE;
    return split.subset(nTrain, nTest);
  }
}

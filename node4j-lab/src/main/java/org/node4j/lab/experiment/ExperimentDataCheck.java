package org.node4j.lab.experiment;

import java.io.IOException;
import java.nio.file.Path;
import org.node4j.lab.config.DataConfig;
import org.node4j.lab.config.UsageException;
import org.node4j.lab.data.DatasetSplit;
import org.node4j.lab.data.Datasets;
import org.node4j.lab.data.RealDataset;
import org.node4j.lab.train.ExperimentData;

/** Loads the experiment's data, and says how to get a real data set that is missing. */
final class ExperimentDataCheck {
  private ExperimentDataCheck() {}

  /**
   * Generates Sphere2, or reads a real data set after checking it is there.
   *
   * @throws UsageException when a real data set is missing, saying how to fetch it
   */
  static DatasetSplit load(DataConfig c) throws IOException {
    RealDataset real =
        switch (c.name()) {
          case MNIST -> RealDataset.MNIST;
          case FASHION_MNIST -> RealDataset.FASHION_MNIST;
          case CIFAR10 -> RealDataset.CIFAR10;
          default -> null;
        };
    if (real != null) {
      Path root = c.dir() == null ? Datasets.defaultDirectory() : Path.of(c.dir());
      if (!Datasets.isAvailable(real, root)) {
        throw new UsageException(missing(real, root));
      }
    }
    return ExperimentData.load(c);
  }

  static String missing(RealDataset real, Path root) {
    Path where = Datasets.directoryOf(real, root);
    if (real == RealDataset.CIFAR10) {
      return "CIFAR-10 is not in "
          + where
          + "; node4j cannot fetch it (it is in no package registry): download the binary version"
          + " cifar-10-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html, extract it"
          + " into "
          + root
          + " (giving "
          + root.resolve("cifar-10-batches-bin")
          + "/data_batch_1.bin ... test_batch.bin), or pass --data-dir DIR where it is";
    }
    return real.id()
        + " is not in "
        + where
        + "; fetch it once with: scripts/fetch-datasets.sh "
        + root
        + "  (or pass --data-dir DIR, or set NODE4J_DATASETS, where it is)";
  }
}

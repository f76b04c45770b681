package org.node4j.lab.experiment;

import java.io.IOException;
import java.nio.file.Path;
import org.node4j.lab.data.DatasetSplit;
import org.node4j.lab.data.Datasets;
import org.node4j.lab.data.RealDataset;

/**
 * The image data of the papers' CIFAR-10 experiments (Sander et al., NeurIPS 2022, Fig. 3c / 4;
 * Marion et al., ICLR 2024, Table 1): CIFAR-10 when it is present under the data directory, else
 * Fashion-MNIST as a stand-in (the reports say so). The full split is read once per JVM and shared
 * (it is immutable) by the cells that run in it.
 */
public final class ImageData {
  private static DatasetSplit loaded;
  private static RealDataset loadedWhich;

  private ImageData() {}

  /** Which data set the image experiments use with the data under {@code root}. */
  public static RealDataset choice(Path root) {
    return Datasets.isAvailable(RealDataset.CIFAR10, root)
        ? RealDataset.CIFAR10
        : RealDataset.FASHION_MNIST;
  }

  /**
   * Whether CIFAR-10 or Fashion-MNIST is under the default data directory, so that {@link #load}
   * can succeed.
   */
  public static boolean available() {
    Path root = Datasets.defaultDirectory();
    return Datasets.isAvailable(choice(root), root);
  }

  /** What to tell a user who has neither data set: where it was looked for and how to fetch one. */
  public static String missingMessage(String part) {
    return part
        + " needs CIFAR-10 or Fashion-MNIST under "
        + Datasets.defaultDirectory()
        + "; fetch Fashion-MNIST with scripts/fetch-datasets.sh";
  }

  /**
   * The first {@code train} training and {@code test} test images of {@link #choice} under the
   * default data directory.
   *
   * @param part names the experiment part in the error message
   * @throws IOException when neither data set is present (the message says how to fetch one)
   */
  public static DatasetSplit load(String part, int train, int test) throws IOException {
    Path root = Datasets.defaultDirectory();
    RealDataset which = choice(root);
    if (!Datasets.isAvailable(which, root)) {
      throw new IOException(missingMessage(part));
    }
    synchronized (ImageData.class) {
      if (loaded == null || loadedWhich != which) {
        loaded = Datasets.load(which, root);
        loadedWhich = which;
      }
      return loaded.subset(train, test);
    }
  }
}

package org.node4j.lab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.node4j.lab.data.DatasetFormatException.Problem;

/**
 * Finds and loads the real data sets from a data directory. Nothing is downloaded at run time.
 *
 * <p>Layout under the data directory {@code root}:
 *
 * <ul>
 *   <li>MNIST: {@code root/mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte}, raw or with a
 *       {@code .gz} suffix;
 *   <li>Fashion-MNIST: {@code root/fashion-mnist/} with the same four names (the Debian package
 *       ships them as {@code .gz});
 *   <li>CIFAR-10: {@code root/cifar-10-batches-bin/} with {@code data_batch_1.bin} to {@code
 *       data_batch_5.bin} and {@code test_batch.bin}; {@link #cifar10} also accepts that directory
 *       itself.
 * </ul>
 *
 * <p>The default root is the system property {@value #DIRECTORY_PROPERTY}, else the environment
 * variable {@value #DIRECTORY_ENV}, else {@code $HOME/.cache/node4j/datasets}, where
 * scripts/fetch-datasets.sh puts MNIST and Fashion-MNIST.
 */
public final class Datasets {
  /** The system property that names the data directory; it wins over the environment. */
  public static final String DIRECTORY_PROPERTY = "node4j.datasets";

  /** The environment variable that names the data directory. */
  public static final String DIRECTORY_ENV = "NODE4J_DATASETS";

  private static final String CIFAR_DIR = "cifar-10-batches-bin";

  private Datasets() {}

  /** Returns the data directory from the property, the environment or the user's cache. */
  public static Path defaultDirectory() {
    return resolveDirectory(
        System.getProperty(DIRECTORY_PROPERTY),
        System.getenv(DIRECTORY_ENV),
        System.getProperty("user.home"));
  }

  /** The resolution rule of {@link #defaultDirectory()}, given the three inputs (each nullable). */
  static Path resolveDirectory(String property, String env, String userHome) {
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(userHome, ".cache", "node4j", "datasets");
  }

  /** Returns the directory holding {@code which}'s files under {@code root}. */
  public static Path directoryOf(RealDataset which, Path root) {
    switch (which) {
      case MNIST:
        return root.resolve("mnist");
      case FASHION_MNIST:
        return root.resolve("fashion-mnist");
      default:
        return Files.isRegularFile(root.resolve("data_batch_1.bin"))
            ? root
            : root.resolve(CIFAR_DIR);
    }
  }

  /** Returns whether the training files of {@code which} are present under {@code root}. */
  public static boolean isAvailable(RealDataset which, Path root) {
    Path dir = directoryOf(which, root);
    if (which == RealDataset.CIFAR10) {
      return Files.isRegularFile(dir.resolve("data_batch_1.bin"));
    }
    return Files.isRegularFile(dir.resolve("train-images-idx3-ubyte"))
        || Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz"));
  }

  /**
   * Loads the train/test split of {@code which} from the data directory {@code root}.
   *
   * @throws DatasetFormatException when a file is missing or defective; the message says how to fix
   * @throws IOException when reading fails for another reason
   */
  public static DatasetSplit load(RealDataset which, Path root) throws IOException {
    switch (which) {
      case MNIST:
        return mnist(root);
      case FASHION_MNIST:
        return fashionMnist(root);
      default:
        return cifar10(root);
    }
  }

  /** Loads MNIST ({@code mnist-train}, {@code mnist-test}) from {@code root/mnist}. */
  public static DatasetSplit mnist(Path root) throws IOException {
    return idxPair(directoryOf(RealDataset.MNIST, root), "mnist");
  }

  /** Loads Fashion-MNIST ({@code fashion-mnist-train}, ...) from {@code root/fashion-mnist}. */
  public static DatasetSplit fashionMnist(Path root) throws IOException {
    return idxPair(directoryOf(RealDataset.FASHION_MNIST, root), "fashion-mnist");
  }

  /** Loads CIFAR-10 from {@code dir/cifar-10-batches-bin}, or from {@code dir} itself. */
  public static DatasetSplit cifar10(Path dir) throws IOException {
    Path batches = directoryOf(RealDataset.CIFAR10, dir);
    List<Path> train = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      train.add(batches.resolve("data_batch_" + i + ".bin"));
    }
    return new DatasetSplit(
        CifarReader.read("cifar10-train", train),
        CifarReader.read("cifar10-test", List.of(batches.resolve("test_batch.bin"))));
  }

  private static DatasetSplit idxPair(Path dir, String name) throws IOException {
    IdxReader reader = IdxReader.mnist();
    Dataset train =
        reader.read(
            name + "-train",
            locate(dir, "train-images-idx3-ubyte"),
            locate(dir, "train-labels-idx1-ubyte"));
    Dataset test =
        reader.read(
            name + "-test",
            locate(dir, "t10k-images-idx3-ubyte"),
            locate(dir, "t10k-labels-idx1-ubyte"));
    return new DatasetSplit(train, test);
  }

  /** Returns {@code dir/base}, or {@code dir/base.gz} when only that exists. */
  private static Path locate(Path dir, String base) throws DatasetFormatException {
    Path raw = dir.resolve(base);
    Path gz = dir.resolve(base + ".gz");
    if (Files.isRegularFile(raw)) {
      return raw;
    }
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    throw new DatasetFormatException(
        raw,
        Problem.MISSING_FILE,
        "neither it nor " + gz.getFileName() + " exists",
        IdxReader.REMEDY);
  }
}

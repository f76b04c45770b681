package org.node4j.lab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.node4j.lab.data.IdxReader.IMAGES_MAGIC;
import static org.node4j.lab.data.IdxReader.LABELS_MAGIC;
import static org.node4j.lab.data.IdxReaderTest.assertProblem;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.lab.data.DatasetFormatException.Problem;

class DatasetsTest {
  @TempDir Path root;

  @Test
  void directoryComesFromPropertyThenEnvironmentThenHome() {
    assertThat(Datasets.resolveDirectory("/p", "/e", "/h")).isEqualTo(Path.of("/p"));
    assertThat(Datasets.resolveDirectory(null, "/e", "/h")).isEqualTo(Path.of("/e"));
    assertThat(Datasets.resolveDirectory(" ", "", "/h"))
        .isEqualTo(Path.of("/h", ".cache", "node4j", "datasets"));
  }

  @Test
  void loadsMnistLayoutWithRawAndGzipFilesMixed() throws IOException {
    Path mnist = root.resolve("mnist");
    DataFiles.write(mnist, "train-images-idx3-ubyte", DataFiles.idxImages(IMAGES_MAGIC, 3, 28, 28));
    DataFiles.write(
        mnist,
        "train-labels-idx1-ubyte.gz",
        DataFiles.gzip(DataFiles.idxLabels(LABELS_MAGIC, 5, 0, 4)));
    DataFiles.write(
        mnist,
        "t10k-images-idx3-ubyte.gz",
        DataFiles.gzip(DataFiles.idxImages(IMAGES_MAGIC, 2, 28, 28)));
    DataFiles.write(mnist, "t10k-labels-idx1-ubyte", DataFiles.idxLabels(LABELS_MAGIC, 7, 2));

    assertThat(Datasets.isAvailable(RealDataset.MNIST, root)).isTrue();
    assertThat(Datasets.isAvailable(RealDataset.FASHION_MNIST, root)).isFalse();
    DatasetSplit split = Datasets.load(RealDataset.MNIST, root);

    assertThat(split.train().name()).isEqualTo("mnist-train");
    assertThat(split.train().labels()).containsExactly(5, 0, 4);
    assertThat(split.test().labels()).containsExactly(7, 2);
    assertThat(split.sampleShape()).containsExactly(1, 28, 28);
  }

  @Test
  void rejectsMnistLayoutWithWrongImageSize() throws IOException {
    Path dir = root.resolve("fashion-mnist");
    Path img =
        DataFiles.write(
            dir,
            "train-images-idx3-ubyte.gz",
            DataFiles.gzip(DataFiles.idxImages(IMAGES_MAGIC, 1, 32, 32)));
    DataFiles.write(
        dir, "train-labels-idx1-ubyte.gz", DataFiles.gzip(DataFiles.idxLabels(LABELS_MAGIC, 1)));
    assertProblem(() -> Datasets.fashionMnist(root), img, Problem.BAD_DIMENSIONS);
  }

  @Test
  void namesTheMissingFileAndHowToFetchIt() {
    assertProblem(
        () -> Datasets.mnist(root),
        root.resolve("mnist").resolve("train-images-idx3-ubyte"),
        Problem.MISSING_FILE);
  }

  @Test
  void parsesCommandLineNamesAndListsValidOnes() {
    assertThat(RealDataset.fromId("fashion-mnist")).isEqualTo(RealDataset.FASHION_MNIST);
    assertThatThrownBy(() -> RealDataset.fromId("svhn"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mnist, fashion-mnist, cifar10");
  }
}

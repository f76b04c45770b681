package org.node4j.lab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Checks the real MNIST and Fashion-MNIST files in the data directory ({@link
 * Datasets#defaultDirectory()}) against the facts recorded in docs/datasets.md. Each test is
 * skipped when its data set has not been fetched.
 */
class RealImageDataTest {
  private static final Path ROOT = Datasets.defaultDirectory();

  @Test
  void readsMnist() throws IOException {
    assumeTrue(Datasets.isAvailable(RealDataset.MNIST, ROOT), "MNIST not found under " + ROOT);
    DatasetSplit mnist = Datasets.mnist(ROOT);

    checkShape(mnist);
    assertThat(firstLabels(mnist.train(), 10)).containsExactly(5, 0, 4, 1, 9, 2, 1, 3, 1, 4);
    assertThat(firstLabels(mnist.test(), 10)).containsExactly(7, 2, 1, 0, 4, 1, 4, 9, 5, 9);
    assertThat(mnist.train().classCounts())
        .containsExactly(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
    assertThat(mnist.test().classCounts())
        .containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
    // The mean training pixel is the well-known normalisation constant 0.1307 (33.318 / 255).
    assertThat(meanPixel(mnist.train())).isCloseTo(0.1307, within(1e-4));
  }

  @Test
  void readsFashionMnist() throws IOException {
    assumeTrue(
        Datasets.isAvailable(RealDataset.FASHION_MNIST, ROOT),
        "Fashion-MNIST not found under " + ROOT);
    DatasetSplit fashion = Datasets.fashionMnist(ROOT);

    checkShape(fashion);
    assertThat(firstLabels(fashion.train(), 8)).containsExactly(9, 0, 0, 3, 0, 2, 7, 2);
    int[] trainCounts = new int[10];
    int[] testCounts = new int[10];
    Arrays.fill(trainCounts, 6000);
    Arrays.fill(testCounts, 1000);
    assertThat(fashion.train().classCounts()).containsExactly(trainCounts);
    assertThat(fashion.test().classCounts()).containsExactly(testCounts);
    assertThat(meanPixel(fashion.train())).isCloseTo(72.94 / 255, within(1e-3));
  }

  private static void checkShape(DatasetSplit split) {
    assertThat(split.train().size()).isEqualTo(60_000);
    assertThat(split.test().size()).isEqualTo(10_000);
    assertThat(split.sampleShape()).containsExactly(1, 28, 28);
    assertThat(split.numClasses()).isEqualTo(10);
  }

  private static int[] firstLabels(Dataset d, int n) {
    return Arrays.copyOf(d.labels(), n);
  }

  private static double meanPixel(Dataset d) {
    FloatBuffer x = d.features();
    double sum = 0;
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    while (x.hasRemaining()) {
      float v = x.get();
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertThat(min).isZero();
    assertThat(max).isEqualTo(1f);
    return sum / d.features().remaining();
  }
}

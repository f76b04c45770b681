package org.node4j.lab.data;

import java.util.Arrays;
import java.util.Objects;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * A cursor over the mini-batches of a data set, writing each batch into caller-owned buffers.
 *
 * <p>The batch of iteration {@code i} is a pure function of {@code (seed, i)}: it belongs to epoch
 * {@code e = i / batchesPerEpoch()}, whose sample order is the identity when shuffling is off and
 * otherwise a Fisher-Yates permutation drawn from an independent stream of the seed for epoch
 * {@code e} (see {@code Rng}). A run restored from a checkpoint therefore calls {@link #seek} with
 * the saved iteration and sees exactly the batches the uninterrupted run would have seen.
 *
 * <p>Not thread-safe: the cursor caches the current epoch's permutation (one {@code int[N]}
 * allocated at construction). Filling a batch allocates nothing.
 */
public final class MiniBatches {
  private final Dataset data;
  private final BatchOptions options;
  private final int batchesPerEpoch;
  private final int[] order;
  private long cachedEpoch = -1;
  private long iteration;

  /**
   * Creates a cursor at iteration 0.
   *
   * @param data the samples
   * @param options batch size, seed, shuffling and drop-last
   * @throws IllegalArgumentException when dropping the last batch would leave no batch at all
   */
  public MiniBatches(Dataset data, BatchOptions options) {
    this.data = Objects.requireNonNull(data, "data");
    this.options = Objects.requireNonNull(options, "options");
    int n = data.size();
    int b = options.batchSize();
    this.batchesPerEpoch = options.dropLast() ? n / b : (n + b - 1) / b;
    if (batchesPerEpoch == 0) {
      throw new IllegalArgumentException(
          data.name()
              + " has "
              + n
              + " samples, fewer than one batch of "
              + b
              + (options.dropLast() ? " with dropLast; lower the batch size" : ""));
    }
    this.order = new int[n];
  }

  /** Returns the data set being iterated. */
  public Dataset data() {
    return data;
  }

  /** Returns the batching options. */
  public BatchOptions options() {
    return options;
  }

  /** Returns the number of batches in one epoch. */
  public int batchesPerEpoch() {
    return batchesPerEpoch;
  }

  /** Returns the iteration the next call of {@link #next} will produce. */
  public long iteration() {
    return iteration;
  }

  /** Returns the epoch that iteration {@code i} belongs to. */
  public long epochOf(long i) {
    return i / batchesPerEpoch;
  }

  /** Moves the cursor so that {@link #next} produces iteration {@code i} next. */
  public void seek(long i) {
    if (i < 0) {
      throw new IllegalArgumentException("iteration must be >= 0, got " + i);
    }
    iteration = i;
  }

  /** Fills the batch of the current iteration and advances the cursor; see {@link #fill}. */
  public int next(Tensor x, int[] y) {
    int count = fill(iteration, x, y);
    iteration++;
    return count;
  }

  /**
   * Writes the batch of iteration {@code i} into {@code x} and {@code y} without moving the cursor.
   *
   * <p>{@code x} may be FLOAT32 or FLOAT64 and of any shape with {@code x.dim(0) == batchSize} and
   * {@code batchSize * sampleSize} elements, e.g. {@code [B, 1, 2]} or {@code [B, 2]} for Sphere2.
   * When the batch is short (the last one of an epoch without drop-last), rows from the returned
   * count on are zeroed and their labels set to -1, so code that ignores the count fails loudly.
   *
   * @param i the iteration, at least 0
   * @param x the feature buffer, overwritten
   * @param y the label buffer, at least {@code batchSize} long, overwritten
   * @return the number of samples in the batch
   */
  public int fill(long i, Tensor x, int[] y) {
    return fill(i, x, y, null);
  }

  /**
   * Fills the batch of iteration {@code i} as {@link #fill(long, Tensor, int[])} does, and the
   * samples' regression targets into the rows of {@code targets} (rows past the batch's count are
   * zeroed); {@code targets} may be null for a classification set.
   *
   * @param targets [batchSize, targets per sample], or null
   * @throws IllegalArgumentException when {@code targets} has the wrong size
   */
  public int fill(long i, Tensor x, int[] y, Tensor targets) {
    checkBuffers(x, y);
    if (targets != null && targets.size() != options.batchSize() * data.numClasses()) {
      throw new IllegalArgumentException(
          "target tensor "
              + targets
              + " must hold "
              + options.batchSize()
              + " x "
              + data.numClasses()
              + " values");
    }
    if (i < 0) {
      throw new IllegalArgumentException("iteration must be >= 0, got " + i);
    }
    long epoch = i / batchesPerEpoch;
    prepareOrder(epoch);
    int b = options.batchSize();
    int start = (int) (i % batchesPerEpoch) * b;
    int count = Math.min(b, data.size() - start);
    int size = data.sampleSize();
    for (int k = 0; k < count; k++) {
      int sample = order[start + k];
      if (x.dtype() == DType.FLOAT32) {
        data.copySample(sample, x.floats(), k * size);
      } else {
        data.copySample(sample, x.doubles(), k * size);
      }
      y[k] = data.label(sample);
      if (targets != null) {
        data.copyTargets(sample, targets, k);
      }
    }
    clearTail(x, y, count);
    if (targets != null) {
      for (int j = count * data.numClasses(); j < targets.size(); j++) {
        targets.set(j, 0.0);
      }
    }
    return count;
  }

  private void prepareOrder(long epoch) {
    if (epoch == cachedEpoch) {
      return;
    }
    if (options.shuffle()) {
      Rng.permutation(order, Rng.stream(options.seed(), epoch));
    } else if (cachedEpoch < 0) {
      for (int k = 0; k < order.length; k++) {
        order[k] = k;
      }
    }
    cachedEpoch = epoch;
  }

  private void clearTail(Tensor x, int[] y, int count) {
    int b = options.batchSize();
    if (count == b) {
      return;
    }
    int from = count * data.sampleSize();
    if (x.dtype() == DType.FLOAT32) {
      Arrays.fill(x.floats(), from, x.size(), 0f);
    } else {
      Arrays.fill(x.doubles(), from, x.size(), 0.0);
    }
    Arrays.fill(y, count, b, -1);
  }

  private void checkBuffers(Tensor x, int[] y) {
    int b = options.batchSize();
    if (x.rank() == 0 || x.dim(0) != b || x.size() != b * data.sampleSize()) {
      throw new IllegalArgumentException(
          "batch tensor "
              + x
              + " must have dim 0 = "
              + b
              + " and "
              + b
              + " x "
              + Arrays.toString(data.sampleShape())
              + " elements; allocate it as Tensor.zeros(dtype, "
              + b
              + ", "
              + Arrays.toString(data.sampleShape()).replaceAll("[\\[\\]]", "")
              + ")");
    }
    if (y.length < b) {
      throw new IllegalArgumentException(
          "label buffer of length " + y.length + " is shorter than the batch size " + b);
    }
  }
}

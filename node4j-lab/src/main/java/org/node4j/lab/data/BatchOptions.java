package org.node4j.lab.data;

/**
 * How a data set is cut into mini-batches.
 *
 * <p>The seeds' training loaders shuffle every epoch and drop the last incomplete batch; their test
 * loaders keep the order and the last batch (Ott et al. 2021, §2.3). {@link #training} and {@link
 * #evaluation} give those two settings.
 *
 * @param batchSize samples per batch, at least 1
 * @param seed the seed of the per-epoch shuffles; ignored when {@code shuffle} is false
 * @param shuffle whether each epoch visits the samples in a fresh random order
 * @param dropLast whether the last batch of an epoch is skipped when it has fewer than {@code
 *     batchSize} samples
 */
public record BatchOptions(int batchSize, long seed, boolean shuffle, boolean dropLast) {

  /**
   * Checks the batch size.
   *
   * @throws IllegalArgumentException when {@code batchSize < 1}
   */
  public BatchOptions {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
  }

  /** Returns the training setting: shuffled every epoch from {@code seed}, last batch dropped. */
  public static BatchOptions training(int batchSize, long seed) {
    return new BatchOptions(batchSize, seed, true, true);
  }

  /** Returns the evaluation setting: the stored order, last (smaller) batch kept. */
  public static BatchOptions evaluation(int batchSize) {
    return new BatchOptions(batchSize, 0L, false, false);
  }
}

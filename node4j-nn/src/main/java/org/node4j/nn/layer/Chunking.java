package org.node4j.nn.layer;

/**
 * How layers split batch work into chunks for {@link org.node4j.nn.kernel.Parallel#forChunks}.
 *
 * <p>The chunk size depends only on the problem (the item count and the work per item), never on
 * the thread count. Layers reduce parameter gradients into one partial buffer per chunk and add the
 * partials in chunk order, so results are bit-identical for any thread count. The chunk count is
 * capped, which bounds the memory of those partial buffers.
 *
 * <p>Two chunkings: a layer's own ({@link #grain}, for a layer run on its own or in a network that
 * runs layer by layer) and a network pass's ({@link #sampleGrain}, the chunks of samples that a
 * {@link Sequential} runs through all its layers in one region).
 */
final class Chunking {
  /** The largest number of chunks a batch is split into. */
  static final int MAX_CHUNKS = 16;

  /** The least work (in floating-point operations) worth a chunk of its own. */
  static final long MIN_CHUNK_FLOPS = 1L << 21;

  /** Elements per chunk for elementwise work. */
  static final int ELEMENT_GRAIN = 1 << 16;

  private Chunking() {}

  /** Returns the number of items per chunk for {@code items} items of {@code flopsPerItem} each. */
  static int grain(int items, long flopsPerItem) {
    int byCount = (items + MAX_CHUNKS - 1) / MAX_CHUNKS;
    long byWork = (MIN_CHUNK_FLOPS + Math.max(1, flopsPerItem) - 1) / Math.max(1, flopsPerItem);
    return (int) Math.max(1, Math.max(byCount, Math.min(Math.max(items, 1), byWork)));
  }

  /**
   * The least forward work (floating-point operations) per chunk of a one-region network pass
   * ({@link Sequential}); its backward pass does about twice as much. About 20 microseconds on one
   * core, an order of magnitude above the hand-off of a region to a spinning worker; and since
   * every chunk packs each weight matrix for its own products, chunks much smaller than this (fewer
   * than about 128 rows of a square dense layer) spend a noticeable share of their time packing.
   * {@code -Dnode4j.minChunkFlops=N} sets another value for experiments.
   */
  static final long MIN_SAMPLE_CHUNK_FLOPS = Long.getLong("node4j.minChunkFlops", 1L << 21);

  /**
   * The least forward work per chunk of a one-region pass through layers that chunk freely (every
   * layer {@link AbstractLayer#chunksFreely}: nothing packed or reduced per chunk, parameter
   * gradients independent of the chunking), where {@link #MIN_SAMPLE_CHUNK_FLOPS}' packing argument
   * does not hold: about 5 microseconds on one core, still several times the hand-off of a region
   * to a spinning worker, and the backward pass does twice as much. W1's field (Sphere2's unrolled
   * convolutions, about 1.6 MFLOP per evaluation at batch 128) is two chunks at this value. {@code
   * -Dnode4j.minFreeChunkFlops=N} sets another value for experiments.
   */
  static final long MIN_FREE_SAMPLE_CHUNK_FLOPS =
      Long.getLong("node4j.minFreeChunkFlops", 1L << 19);

  /**
   * Returns the samples per chunk of a one-region pass over {@code samples} samples of {@code
   * flopsPerSample} forward work each, with chunks of at least {@link #MIN_SAMPLE_CHUNK_FLOPS}.
   */
  static int sampleGrain(int samples, long flopsPerSample) {
    return sampleGrain(samples, flopsPerSample, MIN_SAMPLE_CHUNK_FLOPS);
  }

  /**
   * Returns the samples per chunk of a one-region pass over {@code samples} samples of {@code
   * flopsPerSample} forward work each: the batch is cut into a power of two of equal chunks (at
   * most {@link #MAX_CHUNKS}, each at least {@code minChunkFlops}), so that 2 or 4 threads get
   * equal shares; a single chunk when the batch is too small to split.
   */
  static int sampleGrain(int samples, long flopsPerSample, long minChunkFlops) {
    long total = (long) samples * Math.max(1, flopsPerSample);
    int chunks = 1;
    while (2 * chunks <= MAX_CHUNKS
        && 2 * chunks <= samples
        && total / (2 * chunks) >= minChunkFlops) {
      chunks *= 2;
    }
    return (samples + chunks - 1) / chunks;
  }

  /** Returns the number of chunks of {@code grain} items that cover {@code items} items. */
  static int chunks(int items, int grain) {
    return items <= 0 ? 0 : (items + grain - 1) / grain;
  }
}

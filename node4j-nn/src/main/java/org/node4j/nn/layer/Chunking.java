package org.node4j.nn.layer;

/**
 * How layers split batch work into chunks for {@link org.node4j.nn.kernel.Parallel#forChunks}.
 *
 * <p>The chunk size depends only on the problem (the item count and the work per item), never on
 * the thread count. Layers reduce parameter gradients into one partial buffer per chunk and add the
 * partials in chunk order, so results are bit-identical for any thread count. The chunk count is
 * capped, which bounds the memory of those partial buffers.
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

  /** Returns the number of chunks of {@code grain} items that cover {@code items} items. */
  static int chunks(int items, int grain) {
    return items <= 0 ? 0 : (items + grain - 1) / grain;
  }
}

package org.node4j.nn.kernel;

/**
 * How a product is cut into chunks for {@link Parallel}: along the rows of C or along its columns,
 * never along the reduction dimension k, and with chunk boundaries that depend only on (m, n, k).
 * Every element of C is therefore computed by one kernel call with one summation order, whatever
 * the number of threads, which makes results bit-identical across thread counts.
 *
 * @param byRows whether the chunks are row ranges of C (otherwise column ranges)
 * @param extent the number of rows (or columns) being split
 * @param grain the number of rows (or columns) per chunk; the last chunk may be shorter
 */
record GemmSplit(boolean byRows, int extent, int grain) {

  /**
   * Below this many multiply-adds (about 0.5 MFLOP, a few microseconds on one core) a product runs
   * on the caller's thread. The hand-off to {@link Parallel}'s spinning team costs about a
   * microsecond, so products as small as one layer of a width-64 ResNet on a batch of 256 (256 x 64
   * x 64) are worth splitting; with a pool whose workers park, the threshold had to be 8x higher
   * and those products ran on one core.
   */
  static final long PARALLEL_MIN_WORK = 1L << 18;

  /**
   * Target multiply-adds per chunk: a few microseconds of work, large enough to hide the hand-out
   * of a chunk, small enough to balance 2 or 3 threads over a mid-sized product.
   */
  static final long CHUNK_WORK = 1L << 17;

  /**
   * At most about this many chunks: fewer, larger chunks re-read the shared operand (B for row
   * chunks, A for column chunks) fewer times, while 24 still balances 2 or 3 threads well.
   */
  static final int MAX_CHUNKS = 24;

  /** Row chunks are multiples of the vector micro-tile's height (8). */
  static final int ROW_ALIGN = 24;

  /** Column chunks are multiples of the widest micro-kernel tile (2 x 512-bit of float). */
  static final int COL_ALIGN = 32;

  /** Below this many columns, C is computed transposed (see {@link #isNarrow}). */
  static final int NARROW = 8;

  /**
   * A C with fewer columns than a vector (the 2-output head of an MLP, the weight gradient of a
   * 2-input layer) would leave the vector kernel only its per-element scalar remainder, which reads
   * a strided column of B per element. C^T = op(B)^T op(A)^T has long rows instead, so it runs on
   * the vector tiles; each element is still one in-order chain of multiply-adds over k, so the
   * result is the same bits (up to the final addition to C when accumulating). The drivers take it
   * only when A is transposed, so that the swapped product needs no transposed copy of A.
   */
  static boolean isNarrow(int m, int n) {
    return n < NARROW && m >= 4 * NARROW;
  }

  /** Returns whether an m x n x k product is large enough to be split at all. */
  static boolean isParallel(int m, int n, int k) {
    return (long) m * n * k >= PARALLEL_MIN_WORK;
  }

  /** Returns the split for an m x n x k product; a single chunk when it is not parallel. */
  static GemmSplit of(int m, int n, int k) {
    if (!isParallel(m, n, k)) {
      return new GemmSplit(true, m, Math.max(m, 1));
    }
    if (m >= n || n < 2 * COL_ALIGN) {
      return new GemmSplit(true, m, grain(m, (long) n * k, ROW_ALIGN));
    }
    return new GemmSplit(false, n, grain(n, (long) m * k, COL_ALIGN));
  }

  /** Returns the number of chunks. */
  int chunks() {
    return Parallel.chunkCount(extent, grain);
  }

  private static int grain(int extent, long workPerItem, int align) {
    long forWork = (CHUNK_WORK + workPerItem - 1) / workPerItem;
    long items = Math.max(1, Math.max(forWork, (extent + MAX_CHUNKS - 1) / MAX_CHUNKS));
    long aligned = (items + align - 1) / align * align;
    return (int) Math.min(aligned, extent);
  }
}

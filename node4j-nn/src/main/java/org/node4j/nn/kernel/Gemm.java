package org.node4j.nn.kernel;

/**
 * General matrix products on row-major arrays: {@code C = op(A) * op(B)} or {@code C += op(A) *
 * op(B)}, where op is the identity or the transpose.
 *
 * <p>This facade is the only entry point layers use; it dispatches to the fastest implementation
 * available (Vector API when {@code jdk.incubator.vector} is enabled, a scalar fallback otherwise).
 * Every output element is computed by one thread with a fixed summation order, so results do not
 * depend on the thread count.
 *
 * <p>Shapes: op(A) is m x k, op(B) is k x n, C is m x n. {@code lda}, {@code ldb}, {@code ldc} are
 * the row strides of the arrays as stored (for a transposed operand, the stride of the stored,
 * untransposed matrix). C must not overlap A or B. With {@code accumulate} false, C is overwritten
 * (its previous contents, even NaN, are ignored); with k = 0 the product is zero.
 *
 * <p>Products of at least about 2 million multiply-adds are split over the rows (or, for wide and
 * short C, the columns) of C and run on {@link Parallel}'s threads; smaller ones run on the
 * caller's thread and allocate nothing. The reduction over k is never split. The implementation is
 * chosen once per JVM; see {@link #implementationName()} and the system property {@code
 * node4j.kernel} ({@code auto}, {@code vector} or {@code scalar}).
 */
public final class Gemm {
  private static final GemmKernel KERNEL = GemmKernels.active();

  private Gemm() {}

  /**
   * Returns the name of the active implementation, {@code "vector-512"} (the Vector API kernel and
   * its vector width in bits) or {@code "scalar"}; benchmarks print it next to their figures.
   */
  public static String implementationName() {
    return KERNEL.name();
  }

  /**
   * float32 product; see the class comment for the argument conventions.
   *
   * @throws IllegalArgumentException if a dimension is negative or an operand does not fit its
   *     array with the given offset and stride
   */
  public static void gemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int lda,
      float[] b,
      int bOff,
      int ldb,
      float[] c,
      int cOff,
      int ldc,
      boolean accumulate) {
    GemmArgs.check(
        transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
    GemmDriver.run(
        KERNEL, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
  }

  /**
   * float64 product; see the class comment for the argument conventions.
   *
   * @throws IllegalArgumentException if a dimension is negative or an operand does not fit its
   *     array with the given offset and stride
   */
  public static void gemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      double[] a,
      int aOff,
      int lda,
      double[] b,
      int bOff,
      int ldb,
      double[] c,
      int cOff,
      int ldc,
      boolean accumulate) {
    GemmArgs.check(
        transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
    GemmDriver.run(
        KERNEL, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
  }
}

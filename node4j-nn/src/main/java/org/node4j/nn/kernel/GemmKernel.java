package org.node4j.nn.kernel;

/**
 * One implementation of the single-threaded product of a block of C, the provider interface behind
 * {@link Gemm}.
 *
 * <p>The driver ({@link GemmDriver}) has already brought op(B) into row-major k x n form (it packs
 * B when it is transposed), split C into chunks and chosen the threads; an implementation only
 * computes {@code C[m x n] (+)= op(A)[m x k] * B[k x n]} where op(A) is A or its transpose. Every
 * implementation accumulates each element of C over p = 0 .. k-1 in increasing order, so the result
 * of one element does not depend on how C was cut into blocks.
 *
 * <p>Implementations are stateless apart from per-thread scratch memory, and must not allocate on
 * the hot path. The Vector API implementation lives in a class that is only loaded when the {@code
 * jdk.incubator.vector} module is in the boot layer (see {@link GemmKernels}).
 */
interface GemmKernel {

  /** A short name for logs and benchmark output, e.g. {@code "vector-512"} or {@code "scalar"}. */
  String name();

  /** The width in bits of the vectors this kernel computes with; 0 for the scalar kernel. */
  int vectorBits();

  /**
   * Runs a register-only loop of independent fused multiply-adds with this kernel's arithmetic (the
   * achievable peak that GEMM efficiency is measured against) and returns the number of
   * floating-point operations it performed. The loop's result is folded into {@code sink[0]} so
   * that the JIT cannot remove it.
   */
  long fmaProbe(long iterations, float[] sink);

  /**
   * float32 block product. {@code transA} selects whether A is stored k x m (then op(A) is its
   * transpose); B is always k x n with row stride {@code ldb}.
   */
  void block(
      boolean transA,
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
      boolean accumulate);

  /** float64 block product; same conventions as the float32 overload. */
  void block(
      boolean transA,
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
      boolean accumulate);

  /**
   * float64 product with a narrow C and untransposed A: {@code C[m x n] (+)= A[m x k] * Bt^T},
   * where {@code Bt} is n x k with row stride {@code ldbt}, so each element of C is the dot product
   * of a row of A and a row of Bt. The driver uses it when C has fewer columns than a vector, where
   * the column tiles of {@link #block} would leave only their scalar remainder. An element's value
   * may differ in the last bits from {@link #block} (the summation order differs) but depends only
   * on its row of A and row of Bt, never on how C was split.
   */
  void dotRows(
      int m,
      int n,
      int k,
      double[] a,
      int aOff,
      int lda,
      double[] bt,
      int btOff,
      int ldbt,
      double[] c,
      int cOff,
      int ldc,
      boolean accumulate);
}

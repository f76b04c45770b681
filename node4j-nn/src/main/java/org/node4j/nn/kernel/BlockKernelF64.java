package org.node4j.nn.kernel;

/**
 * One implementation of the single-threaded float64 product of a block of C, the provider interface
 * behind {@link Gemm}; the float32 twin is generated from this file at build time (see the
 * node4j-nn POM).
 *
 * <p>The driver ({@link GemmDriverF64}) has already brought op(B) into row-major k x n form (it
 * packs B when it is transposed), split C into chunks and chosen the threads; an implementation
 * only computes {@code C[m x n] (+)= op(A)[m x k] * B[k x n]} where op(A) is A or its transpose.
 * Every implementation accumulates each element of C over p = 0 .. k-1 in increasing order, so the
 * result of one element does not depend on how C was cut into blocks.
 *
 * <p>Implementations are stateless apart from per-thread scratch memory, and must not allocate on
 * the hot path. The arguments stay positional here (the views of {@link Gemm} are unpacked once per
 * product) so that the kernels' loops see only locals.
 */
interface BlockKernelF64 {

  /**
   * Sets {@code cols} elements of each of {@code rows} rows of C, from {@code cOff} and {@code ldc}
   * apart, to +0.0: what a product that overwrites C writes where it adds nothing, or where its
   * tiles start from C.
   */
  static void zero(int rows, int cols, double[] c, int cOff, int ldc) {
    for (int r = 0; r < rows; r++) {
      java.util.Arrays.fill(c, cOff + r * ldc, cOff + r * ldc + cols, 0.0);
    }
  }

  /**
   * The block product. {@code transA} selects whether A is stored k x m (then op(A) is its
   * transpose); B is always k x n with row stride {@code ldb}.
   */
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
   * Returns the length of the packed form of a row-major k x n B that {@link #pack} writes and
   * {@link #blockPacked} reads ({@link PackedMatF64} holds it).
   */
  int packedLength(int k, int n);

  /**
   * Writes the row-major k x n B (row stride {@code ldb}) into {@code dst[0 .. packedLength(k, n))}
   * in this kernel's own layout: what {@link #block} would copy B into on every call.
   */
  void pack(int k, int n, double[] b, int bOff, int ldb, double[] dst);

  /**
   * {@code C[m x n] (+)= A[m x k] * B} with A untransposed and B packed by {@link #pack}: each
   * element of C gets exactly the bits {@link #block} gives it from the unpacked B.
   */
  void blockPacked(
      int m,
      int n,
      int k,
      double[] a,
      int aOff,
      int lda,
      double[] bp,
      double[] c,
      int cOff,
      int ldc,
      boolean accumulate);

  // float64 only {
  /**
   * The product with a narrow C and untransposed A: {@code C[m x n] (+)= A[m x k] * Bt^T}, where
   * {@code Bt} is n x k with row stride {@code ldbt}, so each element of C is the dot product of a
   * row of A and a row of Bt. The driver uses it when C has fewer columns than a vector, where the
   * column tiles of {@link #block} would leave only their scalar remainder. An element's value may
   * differ in the last bits from {@link #block} (the summation order differs) but depends only on
   * its row of A and row of Bt, never on how C was split. float64 only: the float32 products keep
   * the bits of the tile kernel.
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
  // } float64 only
}

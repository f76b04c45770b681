package org.node4j.nn.kernel;

import org.node4j.nn.tensor.DType;

/**
 * General matrix products on row-major arrays: {@code C = op(A) * op(B)} or {@code C += op(A) *
 * op(B)}, where op is the identity or the transpose.
 *
 * <p>This facade is the only entry point layers use; it dispatches to the fastest implementation
 * available (Vector API when {@code jdk.incubator.vector} is enabled, a scalar fallback otherwise).
 * Every output element is computed by one thread with a fixed summation order, so results do not
 * depend on the thread count.
 *
 * <p>Operands are matrix views of the matrices as stored: values made at the call site ({@link
 * MatF64}, {@link MatF32}, {@link Mat} over a tensor) or re-pointable views owned by a caller that
 * multiplies in a loop ({@link MatViewF64}, {@link MatViewF32}), which allocate nothing by
 * construction. For a transposed operand, the view describes the stored, untransposed matrix. op(A)
 * must be m x k, op(B) k x n and C m x n. C must not overlap A or B. With {@code accumulate} false,
 * C is overwritten (its previous contents, even NaN, are ignored); with k = 0 the product is zero.
 *
 * <p>Products of at least about 2 million multiply-adds are split over the rows (or, for wide and
 * short C, the columns) of C and run on {@link Parallel}'s threads; smaller ones run on the
 * caller's thread and allocate nothing beyond the caller's views (a value view is unpacked in the
 * driver, so once this method is inlined the JIT removes it; a re-pointable view is no allocation
 * at all). The reduction over k is never split. The implementation is chosen once per JVM; see
 * {@link #implementationName()} and the system property {@code node4j.kernel} ({@code auto}, {@code
 * vector} or {@code scalar}).
 */
public final class Gemm {
  private static final GemmKernel KERNEL = GemmKernels.active();
  private static final BlockKernelF32 F32 = KERNEL.f32();
  private static final BlockKernelF64 F64 = KERNEL.f64();

  private Gemm() {}

  /**
   * Returns the name of the active implementation, {@code "vector-512"} (the Vector API kernel and
   * its vector width in bits) or {@code "scalar"}; benchmarks print it next to their figures.
   */
  public static String implementationName() {
    return KERNEL.name();
  }

  /**
   * Returns the vector width in bits of the active implementation, 0 for the scalar one: code
   * elsewhere in the engine that has a Vector API path takes it exactly when this is positive, so
   * {@code -Dnode4j.kernel=scalar} (or a JVM without {@code jdk.incubator.vector}) turns every such
   * path off at once.
   */
  public static int vectorBits() {
    return KERNEL.vectorBits();
  }

  /**
   * Returns whether an m x n x k product is large enough to be split over {@link Parallel}'s
   * threads (smaller ones run on the caller's thread); benchmarks report the threads they used.
   */
  public static boolean isParallel(int m, int n, int k) {
    return GemmSplit.isParallel(m, n, k);
  }

  /**
   * The product of tensor views {@code C (+)= op(A) op(B)}, dispatched once on the tensors' dtype
   * to the float32 or float64 product; see the class comment for the conventions.
   *
   * @throws IllegalArgumentException if the three tensors differ in dtype, or op(A), op(B) and C do
   *     not have matching shapes
   */
  public static void gemm(boolean transA, boolean transB, Mat a, Mat b, Mat c, boolean accumulate) {
    byDType(transA, transB, a, b, c, accumulate);
  }

  /** The one dtype dispatch of the tensor-level products (value views and re-pointable ones). */
  private static void byDType(
      boolean transA,
      boolean transB,
      TensorOperand a,
      TensorOperand b,
      TensorOperand c,
      boolean accumulate) {
    DType dtype = c.tensor().dtype();
    MatChecks.dtypes(a.tensor().dtype(), b.tensor().dtype(), dtype);
    if (dtype == DType.FLOAT32) {
      GemmDriverF32.gemm(F32, transA, transB, a, b, c, accumulate);
    } else {
      GemmDriverF64.gemm(F64, transA, transB, a, b, c, accumulate);
    }
  }

  /**
   * The product of re-pointable tensor views {@code C (+)= op(A) op(B)}, dispatched once on the
   * tensors' dtype like {@link #gemm(boolean, boolean, Mat, Mat, Mat, boolean)}; a layer that
   * multiplies per chunk owns the views, so the call allocates nothing.
   *
   * @throws IllegalArgumentException if the three tensors differ in dtype, or op(A), op(B) and C do
   *     not have matching shapes
   */
  public static void gemm(
      boolean transA, boolean transB, MatView a, MatView b, MatView c, boolean accumulate) {
    byDType(transA, transB, a, b, c, accumulate);
  }

  /**
   * float32 product {@code C (+)= A B} with B packed once for many products ({@link PackedMatF32});
   * the same bits as the unpacked product.
   *
   * @throws IllegalArgumentException if A, B and C do not have matching shapes
   * @throws IllegalStateException if B holds no pack
   */
  public static void gemm(MatViewF32 a, PackedMatF32 b, MatViewF32 c, boolean accumulate) {
    GemmDriverF32.gemmPacked(F32, a, b, c, accumulate);
  }

  /**
   * float64 product {@code C (+)= A B} with B packed once for many products ({@link PackedMatF64});
   * the same bits as the unpacked product.
   *
   * @throws IllegalArgumentException if A, B and C do not have matching shapes
   * @throws IllegalStateException if B holds no pack
   */
  public static void gemm(MatViewF64 a, PackedMatF64 b, MatViewF64 c, boolean accumulate) {
    GemmDriverF64.gemmPacked(F64, a, b, c, accumulate);
  }

  /**
   * The product {@code C (+)= A B} of tensor views with B packed once for many products ({@link
   * PackedOperand}), dispatched on the tensors' dtype; the same bits as the unpacked product.
   *
   * @throws IllegalArgumentException if A and C differ in dtype or do not match B's shape
   * @throws IllegalStateException if B holds no pack of C's dtype
   */
  public static void gemm(MatView a, PackedOperand b, MatView c, boolean accumulate) {
    DType dtype = c.tensor().dtype();
    MatChecks.dtypes(a.tensor().dtype(), dtype, dtype);
    if (dtype == DType.FLOAT32) {
      GemmDriverF32.gemmPacked(F32, a, b.f32(), c, accumulate);
    } else {
      GemmDriverF64.gemmPacked(F64, a, b.f64(), c, accumulate);
    }
  }

  /** The float32 block kernel every product of this JVM runs on (packed operands use it too). */
  static BlockKernelF32 kernelF32() {
    return F32;
  }

  /** The float64 block kernel every product of this JVM runs on (packed operands use it too). */
  static BlockKernelF64 kernelF64() {
    return F64;
  }

  /**
   * float32 product {@code C (+)= op(A) op(B)}; see the class comment for the conventions.
   *
   * @throws IllegalArgumentException if op(A), op(B) and C do not have matching shapes
   */
  public static void gemm(
      boolean transA, boolean transB, MatF32 a, MatF32 b, MatF32 c, boolean accumulate) {
    GemmDriverF32.gemm(F32, transA, transB, a, b, c, accumulate);
  }

  /**
   * float64 product {@code C (+)= op(A) op(B)}; see the class comment for the conventions.
   *
   * @throws IllegalArgumentException if op(A), op(B) and C do not have matching shapes
   */
  public static void gemm(
      boolean transA, boolean transB, MatF64 a, MatF64 b, MatF64 c, boolean accumulate) {
    GemmDriverF64.gemm(F64, transA, transB, a, b, c, accumulate);
  }

  /**
   * float32 product {@code C (+)= op(A) op(B)} on re-pointable views; see the class comment for the
   * conventions.
   *
   * @throws IllegalArgumentException if op(A), op(B) and C do not have matching shapes
   */
  public static void gemm(
      boolean transA,
      boolean transB,
      MatViewF32 a,
      MatViewF32 b,
      MatViewF32 c,
      boolean accumulate) {
    GemmDriverF32.gemm(F32, transA, transB, a, b, c, accumulate);
  }

  /**
   * float64 product {@code C (+)= op(A) op(B)} on re-pointable views; see the class comment for the
   * conventions.
   *
   * @throws IllegalArgumentException if op(A), op(B) and C do not have matching shapes
   */
  public static void gemm(
      boolean transA,
      boolean transB,
      MatViewF64 a,
      MatViewF64 b,
      MatViewF64 c,
      boolean accumulate) {
    GemmDriverF64.gemm(F64, transA, transB, a, b, c, accumulate);
  }
}

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
 * untransposed matrix).
 */
public final class Gemm {
  private Gemm() {}

  /** float32 product; see the class comment for the argument conventions. */
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
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float s = accumulate ? c[cOff + i * ldc + j] : 0f;
        for (int p = 0; p < k; p++) {
          float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
          float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
          s += av * bv;
        }
        c[cOff + i * ldc + j] = s;
      }
    }
  }

  /** float64 product; see the class comment for the argument conventions. */
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
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = accumulate ? c[cOff + i * ldc + j] : 0.0;
        for (int p = 0; p < k; p++) {
          double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
          double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
          s += av * bv;
        }
        c[cOff + i * ldc + j] = s;
      }
    }
  }
}

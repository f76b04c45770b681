package org.node4j.nn.kernel;

/**
 * The portable kernel: plain Java loops in i-p-j order, which the JIT can auto-vectorise over j.
 *
 * <p>Used when {@code jdk.incubator.vector} is not enabled, or when forced with {@code
 * -Dnode4j.kernel=scalar}. Each element of C is accumulated over p in increasing order, with a
 * separate multiply and add (no fused multiply-add), so results differ from the vector kernel by
 * rounding only.
 */
final class ScalarGemmKernel implements GemmKernel {

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public int vectorBits() {
    return 0;
  }

  @Override
  public long fmaProbe(long iterations, float[] sink) {
    float a0 = 0.10f;
    float a1 = 0.11f;
    float a2 = 0.12f;
    float a3 = 0.13f;
    float a4 = 0.14f;
    float a5 = 0.15f;
    float a6 = 0.16f;
    float a7 = 0.17f;
    for (long it = 0; it < iterations; it++) {
      a0 = Math.fma(a0, 0.999f, 0.001f);
      a1 = Math.fma(a1, 0.999f, 0.001f);
      a2 = Math.fma(a2, 0.999f, 0.001f);
      a3 = Math.fma(a3, 0.999f, 0.001f);
      a4 = Math.fma(a4, 0.999f, 0.001f);
      a5 = Math.fma(a5, 0.999f, 0.001f);
      a6 = Math.fma(a6, 0.999f, 0.001f);
      a7 = Math.fma(a7, 0.999f, 0.001f);
    }
    sink[0] += a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
    return iterations * 8 * 2;
  }

  @Override
  public void block(
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
      boolean accumulate) {
    int ars = transA ? 1 : lda;
    int acs = transA ? lda : 1;
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * ldc;
      if (!accumulate) {
        java.util.Arrays.fill(c, ci, ci + n, 0f);
      }
      int ai = aOff + i * ars;
      for (int p = 0; p < k; p++) {
        float av = a[ai + p * acs];
        int bp = bOff + p * ldb;
        for (int j = 0; j < n; j++) {
          c[ci + j] += av * b[bp + j];
        }
      }
    }
  }

  @Override
  public void block(
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
      boolean accumulate) {
    int ars = transA ? 1 : lda;
    int acs = transA ? lda : 1;
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * ldc;
      if (!accumulate) {
        java.util.Arrays.fill(c, ci, ci + n, 0.0);
      }
      int ai = aOff + i * ars;
      for (int p = 0; p < k; p++) {
        double av = a[ai + p * acs];
        int bp = bOff + p * ldb;
        for (int j = 0; j < n; j++) {
          c[ci + j] += av * b[bp + j];
        }
      }
    }
  }
}

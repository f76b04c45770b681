package org.node4j.nn.kernel;

import jdk.incubator.vector.FloatVector;

/**
 * The Vector API kernel ({@code jdk.incubator.vector}), register-blocked for both float types.
 *
 * <p>This class, {@link VectorGemmF32} and {@link VectorGemmF64} are the only classes that refer to
 * the incubator module. {@link GemmKernels} instantiates it reflectively, and only after checking
 * that the module is in the boot layer, so the rest of the engine loads and runs without {@code
 * --add-modules jdk.incubator.vector} (the approach of Apache Lucene's {@code
 * VectorizationProvider}).
 */
final class VectorGemmKernel implements GemmKernel {

  /** Public no-argument constructor for the reflective instantiation in {@link GemmKernels}. */
  public VectorGemmKernel() {}

  @Override
  public String name() {
    return "vector-" + vectorBits();
  }

  @Override
  public int vectorBits() {
    return FloatVector.SPECIES_PREFERRED.vectorBitSize();
  }

  @Override
  public long fmaProbe(long iterations, float[] sink) {
    sink[0] += VectorFmaProbe.run(iterations);
    return iterations * VectorFmaProbe.FLOPS_PER_ITERATION;
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
    VectorGemmF32.block(transA, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
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
    VectorGemmF64.block(transA, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
  }

  @Override
  public void dotRows(
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
      boolean accumulate) {
    VectorDotF64.dotRows(m, n, k, a, aOff, lda, bt, btOff, ldbt, c, cOff, ldc, accumulate);
  }
}

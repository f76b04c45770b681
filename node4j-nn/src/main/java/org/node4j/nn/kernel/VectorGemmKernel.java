package org.node4j.nn.kernel;

import jdk.incubator.vector.FloatVector;

/**
 * The Vector API kernel ({@code jdk.incubator.vector}): {@link VectorGemmF64} and its float32 twin,
 * register-blocked.
 *
 * <p>This class, the two block kernels and {@link VectorDotF64} are the only classes of the GEMM
 * that refer to the incubator module. {@link GemmKernels} instantiates this one reflectively, and
 * only after checking that the module is in the boot layer, so the rest of the engine loads and
 * runs without {@code --add-modules jdk.incubator.vector} (the approach of Apache Lucene's {@code
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
  public BlockKernelF32 f32() {
    return VectorGemmF32.INSTANCE;
  }

  @Override
  public BlockKernelF64 f64() {
    return VectorGemmF64.INSTANCE;
  }
}

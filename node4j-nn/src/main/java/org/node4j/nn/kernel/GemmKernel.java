package org.node4j.nn.kernel;

/**
 * One implementation of the products behind {@link Gemm}: a name for logs and a block kernel for
 * each float type. {@link GemmKernels} chooses one per JVM.
 *
 * <p>The Vector API implementation lives in classes that are only loaded when the {@code
 * jdk.incubator.vector} module is in the boot layer (see {@link GemmKernels}); as only one
 * implementation is loaded in production, every call through {@link BlockKernelF64} (and its
 * float32 twin) stays monomorphic.
 */
interface GemmKernel {

  /** A short name for logs and benchmark output, e.g. {@code "vector-512"} or {@code "scalar"}. */
  String name();

  /** The width in bits of the vectors this kernel computes with; 0 for the scalar kernel. */
  int vectorBits();

  /** The float32 block kernel. */
  BlockKernelF32 f32();

  /** The float64 block kernel. */
  BlockKernelF64 f64();
}

package org.node4j.nn.layer;

/**
 * Loads the Vector API implementation of a layer's loops. Those classes ({@code VectorLaneLoops},
 * {@code VectorRowsF64}, the Winograd transforms, ...) are the only ones of this package that refer
 * to {@code jdk.incubator.vector}; each is instantiated reflectively, and only when the GEMM kernel
 * uses the Vector API, so that the package loads and runs without the module (as {@code
 * org.node4j.nn.kernel.GemmKernels} does for the kernels).
 */
final class VectorLoops {
  private VectorLoops() {}

  /**
   * Returns a new instance of the class named {@code className} as a {@code type}, or null when the
   * GEMM kernel does not use the Vector API.
   *
   * @param what names the loops in the error when the class cannot be loaded
   * @throws IllegalStateException when the kernel uses the Vector API but the class cannot be made
   */
  static <T> T load(Class<T> type, String className, String what) {
    if (org.node4j.nn.kernel.Gemm.vectorBits() == 0) {
      return null;
    }
    try {
      return type.cast(Class.forName(className).getConstructor().newInstance());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException("cannot load the Vector API " + what, e);
    }
  }
}

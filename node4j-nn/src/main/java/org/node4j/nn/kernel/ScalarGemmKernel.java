package org.node4j.nn.kernel;

/**
 * The portable kernel: {@link ScalarBlockF64} and its float32 twin, plain Java. Used when {@code
 * jdk.incubator.vector} is not enabled, or when forced with {@code -Dnode4j.kernel=scalar}.
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
  public BlockKernelF32 f32() {
    return ScalarBlockF32.INSTANCE;
  }

  @Override
  public BlockKernelF64 f64() {
    return ScalarBlockF64.INSTANCE;
  }
}

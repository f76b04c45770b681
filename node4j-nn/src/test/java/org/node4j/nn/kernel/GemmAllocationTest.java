package org.node4j.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.node4j.nn.testing.Allocations;

/**
 * Small products allocate nothing once the calling thread's workspace has grown: measured with the
 * JVM's per-thread allocation counter around 200 calls of the driver with the scalar kernel (whose
 * loops allocate nothing even when interpreted, unlike Vector API code before C2 compiles it).
 */
class GemmAllocationTest {

  @Test
  void smallProductsAllocateNothingAfterTheFirstCall() {
    Allocations allocations = Allocations.ofThisThread();
    GemmKernel kernel = new ScalarGemmKernel();
    float[] a = new float[24 * 16];
    float[] b = new float[16 * 20];
    float[] c = new float[24 * 20];
    for (boolean transB : new boolean[] {false, true}) {
      Runnable product = () -> run(kernel, transB, a, b, c);
      product.run();
      long allocated = allocations.bytes(product, 200);
      assertThat(allocated).as("bytes allocated, transB=%s", transB).isLessThan(1024);
    }
  }

  private static void run(GemmKernel kernel, boolean transB, float[] a, float[] b, float[] c) {
    GemmDriverF32.run(
        kernel.f32(), false, transB, 24, 20, 16, a, 0, 16, b, 0, transB ? 16 : 20, c, 0, 20, false);
  }
}

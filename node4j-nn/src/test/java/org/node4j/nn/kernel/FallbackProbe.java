package org.node4j.nn.kernel;

import java.util.Arrays;

/** Entry point for {@link GemmKernelsTest}'s child JVM: one 2x2 product and the kernel name. */
final class FallbackProbe {
  private FallbackProbe() {}

  public static void main(String[] args) {
    float[] a = {1, 2, 3, 4};
    float[] b = {5, 6, 7, 8};
    float[] c = new float[4];
    Gemm.gemm(
        false,
        false,
        MatF32.dense(a, 0, 2, 2),
        MatF32.dense(b, 0, 2, 2),
        MatF32.dense(c, 0, 2, 2),
        false);
    System.out.println("kernel=" + Gemm.implementationName() + " c=" + Arrays.toString(c));
  }
}

package org.node4j.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * The warm-up's operands stay finite and bounded, and a product computed during it is unchanged.
 */
class KernelWarmupTest {

  @Test
  void roundsKeepTheOperandsFiniteAndBounded() {
    for (DType dtype : DType.values()) {
      KernelWarmup.Operands o = new KernelWarmup.Operands(dtype);
      for (int i = 0; i < 20; i++) {
        o.round();
      }
      for (Tensor t : new Tensor[] {o.a, o.c, o.dw}) {
        for (int i = 0; i < t.size(); i++) {
          double v = t.get(i);
          assertThat(Double.isFinite(v) && Math.abs(v) < 1e6)
              .as("%s element %s", dtype, v)
              .isTrue();
        }
      }
    }
  }

  @Test
  void aProductRunWhileTheWarmUpRunsGivesTheSameBits() throws InterruptedException {
    int m = 37;
    int k = 64;
    int n = 53;
    float[] a = new float[m * k];
    float[] b = new float[n * k];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) Math.sin(i);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) Math.cos(i);
    }
    float[] before = product(a, b, m, n, k);
    Thread warm = new Thread(() -> KernelWarmup.run(DType.FLOAT32));
    warm.start();
    float[] during = product(a, b, m, n, k);
    warm.join();
    float[] after = product(a, b, m, n, k);
    assertThat(during).isEqualTo(before);
    assertThat(after).isEqualTo(before);
  }

  private static float[] product(float[] a, float[] b, int m, int n, int k) {
    float[] c = new float[m * n];
    Gemm.gemm(
        false,
        true,
        MatF32.dense(a, 0, m, k),
        MatF32.dense(b, 0, n, k),
        MatF32.dense(c, 0, m, n),
        false);
    return c;
  }
}

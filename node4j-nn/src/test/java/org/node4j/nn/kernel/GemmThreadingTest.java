package org.node4j.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Products large enough to be split over threads give bit-identical results on 1, 2 and 3 threads,
 * for row and column splits and for every transpose combination.
 */
class GemmThreadingTest {
  private final int originalThreads = Parallel.threads();

  @AfterEach
  void restoreThreads() {
    Parallel.setThreads(originalThreads);
  }

  @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
  @CsvSource({
    "300, 72, 130, false, false",
    "300, 72, 130, true, true",
    "41, 700, 90, false, true",
    "41, 700, 90, true, false",
    "97, 33, 1000, false, false",
    "3000, 5, 200, false, false",
    "3000, 5, 200, false, true"
  })
  void resultsDoNotDependOnTheThreadCount(int m, int n, int k, boolean ta, boolean tb) {
    assertThat(GemmSplit.of(m, n, k).chunks()).as("the shape is split").isGreaterThan(1);
    var pr = GemmReference.random(new Random(7), ta, tb, m, n, k, true);
    float[] a = GemmReference.Problem.toFloats(pr.a());
    float[] b = GemmReference.Problem.toFloats(pr.b());
    long[] reference = null;
    long[] referenceF64 = null;
    for (int threads = 1; threads <= 3; threads++) {
      Parallel.setThreads(threads);
      float[] c = GemmReference.Problem.toFloats(pr.c0());
      Gemm.gemm(
          ta,
          tb,
          new MatF32(a, pr.aOff(), pr.lda(), ta ? k : m, ta ? m : k),
          new MatF32(b, pr.bOff(), pr.ldb(), tb ? n : k, tb ? k : n),
          new MatF32(c, pr.cOff(), pr.ldc(), m, n),
          true);
      double[] d = pr.c0().clone();
      Gemm.gemm(
          ta,
          tb,
          new MatF64(pr.a(), pr.aOff(), pr.lda(), ta ? k : m, ta ? m : k),
          new MatF64(pr.b(), pr.bOff(), pr.ldb(), tb ? n : k, tb ? k : n),
          new MatF64(d, pr.cOff(), pr.ldc(), m, n),
          false);
      long[] bits = floatBits(c);
      long[] bitsF64 = java.util.Arrays.stream(d).mapToLong(Double::doubleToRawLongBits).toArray();
      if (reference == null) {
        reference = bits;
        referenceF64 = bitsF64;
      } else {
        assertThat(bits).as("float32 on %d threads", threads).isEqualTo(reference);
        assertThat(bitsF64).as("float64 on %d threads", threads).isEqualTo(referenceF64);
      }
    }
  }

  /**
   * Layers call Gemm from inside their own parallel loops over the batch: a large product started
   * on a pool thread runs its chunks inline (no deadlock) and gives the same bits.
   */
  @org.junit.jupiter.api.Test
  void largeProductsInsideParallelBodiesRunInlineWithTheSameResult() {
    Parallel.setThreads(2);
    int m = 300;
    int n = 72;
    int k = 130;
    var pr = GemmReference.random(new Random(11), false, true, m, n, k, false);
    float[] a = GemmReference.Problem.toFloats(pr.a());
    float[] b = GemmReference.Problem.toFloats(pr.b());
    float[] outside = new float[m * n];
    Gemm.gemm(
        false,
        true,
        MatF32.dense(a, 0, m, k),
        MatF32.dense(b, 0, n, k),
        MatF32.dense(outside, 0, m, n),
        false);
    float[][] inside = new float[4][m * n];
    Parallel.forChunks(
        4,
        1,
        (from, to) -> {
          for (int t = from; t < to; t++) {
            Gemm.gemm(
                false,
                true,
                MatF32.dense(a, 0, m, k),
                MatF32.dense(b, 0, n, k),
                MatF32.dense(inside[t], 0, m, n),
                false);
          }
        });
    for (float[] c : inside) {
      assertThat(floatBits(c)).isEqualTo(floatBits(outside));
    }
  }

  private static long[] floatBits(float[] x) {
    long[] out = new long[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Float.floatToRawIntBits(x[i]);
    }
    return out;
  }
}

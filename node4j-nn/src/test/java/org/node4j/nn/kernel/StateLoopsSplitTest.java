package org.node4j.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The state loops split over the engine's threads ({@code -Dnode4j.stateSplitMin}): the same bits
 * as one thread on the whole array, a verdict that sees a bad element in any chunk, and one region
 * per split loop.
 */
class StateLoopsSplitTest {
  private static final int[] LENGTHS = {8191, 16_384, 20_001, 65_536, 300_007};
  private final int savedThreads = Parallel.threads();
  private final int savedSplit = StateLoops.splitMin;

  @AfterEach
  void restore() {
    Parallel.setThreads(savedThreads);
    StateLoops.splitMin = savedSplit;
  }

  /** Every loop's result under the current settings, in one array per loop. */
  private static float[][] results(float[] y, float[] k0, float[] k1) {
    float[] c1 = new float[y.length];
    float[] c2 = new float[y.length];
    StateLoops.combine1(c1, y, 1.0 / 64, 0.7, k0);
    StateLoops.combine2(c2, y, 1.0 / 64, 0.5, k0, -1.25, k1);
    float[] ax = y.clone();
    StateLoops.axpy(0.1, k0, ax);
    float[] zero = k1.clone();
    StateLoops.fillZero(zero);
    return new float[][] {c1, c2, ax, zero};
  }

  @Test
  void splitLoopsGiveTheBitsOfOneThread() {
    Random r = new Random(21);
    for (int n : LENGTHS) {
      float[] y = StateLoopsTest.floats(r, n, 1);
      float[] k0 = StateLoopsTest.floats(r, n, 3);
      float[] k1 = StateLoopsTest.floats(r, n, 1e-3);
      StateLoops.splitMin = 0;
      Parallel.setThreads(1);
      float[][] want = results(y, k0, k1);
      for (int threads : new int[] {2, 3}) {
        for (int min : new int[] {1000, 8192}) {
          Parallel.setThreads(threads);
          StateLoops.splitMin = min;
          assertThat(results(y, k0, k1))
              .as("n = %d, %d threads, split at %d", n, threads, min)
              .isDeepEqualTo(want);
        }
      }
      for (int i = 0; i < n; i++) {
        assertThat(want[2][i]).isEqualTo(y[i] + 0.1f * k0[i]);
        assertThat(want[3][i]).isZero();
      }
    }
  }

  @Test
  void aNonFiniteElementInAnyChunkIsFound() {
    Parallel.setThreads(2);
    StateLoops.splitMin = 4096;
    int n = 65_536;
    float[] x = StateLoopsTest.floats(new Random(22), n, 1);
    assertThat(StateLoops.allFinite(x)).isTrue();
    for (int at : new int[] {0, 4095, 4096, n / 2, n - 1}) {
      for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
        float keep = x[at];
        x[at] = bad;
        assertThat(StateLoops.allFinite(x)).as("%s at %d", bad, at).isFalse();
        x[at] = keep;
      }
    }
    assertThat(StateLoops.allFinite(x)).isTrue();
  }

  @Test
  void aLoopSplitsIntoPowerOfTwoChunksOfTheMinimumOrMoreInOneRegion() {
    Parallel.setThreads(2);
    StateLoops.splitMin = 8192;
    assertThat(StateLoops.chunks(16_383)).isEqualTo(1);
    assertThat(StateLoops.chunks(16_384)).isEqualTo(2);
    assertThat(StateLoops.chunks(65_536)).isEqualTo(8);
    assertThat(StateLoops.chunks(1 << 24)).isEqualTo(16);
    float[] y = new float[16_384];
    long before = Parallel.regions();
    StateLoops.combine1(y, y, 0.5, 1.0, y);
    assertThat(Parallel.regions() - before).isEqualTo(1);
    StateLoops.splitMin = 0;
    assertThat(StateLoops.chunks(1 << 24)).isEqualTo(1);
    Parallel.setThreads(1);
    StateLoops.splitMin = 8192;
    assertThat(StateLoops.chunks(1 << 24)).isEqualTo(1);
  }
}

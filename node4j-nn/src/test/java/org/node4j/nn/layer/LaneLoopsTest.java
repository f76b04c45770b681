package org.node4j.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LaneLoops} (with the Vector API whenever the build runs with it) against the scalar
 * definitions, bit for bit (a NaN's sign aside, for sums), on values that include +0, -0, NaN and
 * infinities, over lengths and channel counts that leave partial vectors and widths that are not
 * whole vectors.
 */
class LaneLoopsTest {
  private static final float[] SPECIAL = {
    0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -1e-30f
  };

  @Test
  void reluAndItsBackwardAreTheScalarDefinitions() {
    Random rnd = new Random(5);
    for (int n : new int[] {1, 15, 16, 17, 100, 8192}) {
      float[] x = values(rnd, n);
      float[] dy = values(rnd, n);
      float[] y = new float[n + 3];
      float[] dx = new float[n + 3];
      LaneLoops.relu(x, y, 1, n);
      LaneLoops.reluBackward(x, dy, dx, 1, n);
      for (int i = 1; i < n; i++) {
        assertThat(Float.floatToRawIntBits(y[i]))
            .as("y[%d] of %d", i, n)
            .isEqualTo(Float.floatToRawIntBits(Math.max(x[i], 0f)));
        assertThat(Float.floatToRawIntBits(dx[i]))
            .as("dx[%d] of %d", i, n)
            .isEqualTo(Float.floatToRawIntBits(x[i] > 0f ? dy[i] : 0f));
      }
      assertThat(y[0]).isZero();
      assertThat(y[n]).isZero();
    }
  }

  @Test
  void pairSumsAreTheInOrderSumsImageByImage() {
    Random rnd = new Random(9);
    for (int channels : new int[] {1, 3, 8, 16, 32, 40, 64}) {
      for (int after : new int[] {0, 1, 9}) {
        pairSums(rnd, channels, 37, after);
        pairSums(rnd, channels, 1, after);
        pairSums(rnd, channels, 0, after);
      }
    }
  }

  /**
   * The tap folding of signals of two output positions against the scalar fold of {@code
   * UnrolledConvF64.addTaps}, for a 3-tap kernel with padding 1 (taps that read padding at either
   * position) and a 1-tap one, over slices of the input channels.
   */
  @Test
  void tapPairsAreTheScalarFold() {
    Random rnd = new Random(13);
    int[][] tapTables = {{-1, 0, 1, 0, 1, -1}, {0, 1}, {-1, -1, 0, 1}, {-1, 0, -1, 1}};
    for (int[] taps : tapTables) {
      int t = taps.length / 2;
      for (int o : new int[] {8, 16, 32, 5}) {
        for (int[] slice : new int[][] {{0, 3}, {1, 3}, {2, 3}}) {
          tapPairs(rnd, taps, t, o, 3, slice[0], slice[1]);
        }
      }
    }
  }

  private static void tapPairs(Random rnd, int[] taps, int t, int o, int ch, int c0, int c1) {
    int pIn = 2;
    int width = 2 * o;
    float[] dk = values(rnd, (c1 - c0) * pIn * width + 1);
    float[] dw = values(rnd, o * ch * t + 3);
    float[] want = dw.clone();
    for (int c = c0; c < c1; c++) {
      for (int j = 0; j < t; j++) {
        for (int oo = 0; oo < o; oo++) {
          float sum = 0f;
          for (int p = 0; p < 2; p++) {
            int q = taps[p * t + j];
            if (q >= 0) {
              sum += dk[((c - c0) * pIn + q) * width + 2 * oo + p];
            }
          }
          want[2 + oo * ch * t + c * t + j] += sum;
        }
      }
    }
    if (!LaneLoops.addTapPairs(dk, taps, t, pIn, c0, c1, ch, o, dw, 2, new float[width])) {
      return; // no vector loops, or rows of partial vectors: the caller's scalar fold runs
    }
    for (int i = 0; i < dw.length; i++) {
      assertThat(Float.floatToIntBits(dw[i]))
          .as(
              "taps %s, %d outputs, channels %d-%d: dw[%d]",
              java.util.Arrays.toString(taps), o, c0, c1, i)
          .isEqualTo(Float.floatToIntBits(want[i]));
    }
  }

  /**
   * {@code after} values follow the images in the array: with none, the vector loop's read of one
   * value past each vector must stop before the last image.
   */
  private static void pairSums(Random rnd, int channels, int images, int after) {
    int from = 5;
    float[] dy = values(rnd, from + images * channels * 2 + after);
    float[] total = values(rnd, channels + 4);
    float[] want = total.clone();
    for (int n = 0; n < images; n++) {
      for (int c = 0; c < channels; c++) {
        int i = from + (n * channels + c) * 2;
        want[2 + c] += (0f + dy[i]) + dy[i + 1];
      }
    }
    if (!LaneLoops.addPairSums(dy, from, images, channels, total, 2, new float[2 * channels])) {
      return; // no vector loops, or rows of partial vectors: the callers' scalar loop runs
    }
    for (int i = 0; i < total.length; i++) {
      // floatToIntBits: every NaN is one NaN here (the vector sum may give the other sign).
      assertThat(Float.floatToIntBits(total[i]))
          .as("%d channels, %d images, %d after: total[%d]", channels, images, after, i)
          .isEqualTo(Float.floatToIntBits(want[i]));
    }
  }

  @Test
  void rowAdditionIsTheElementwiseSum() {
    Random rnd = new Random(13);
    for (int cols : new int[] {1, 15, 16, 33, 64}) {
      float[] row = values(rnd, cols);
      float[] y = values(rnd, 3 + 7 * cols);
      float[] want = y.clone();
      for (int r = 0; r < 7; r++) {
        for (int j = 0; j < cols; j++) {
          want[3 + r * cols + j] += row[j];
        }
      }
      if (!LaneLoops.addToRows(y, 3, 7, cols, row)) {
        continue; // no vector loops: the callers' scalar loop runs
      }
      for (int i = 0; i < y.length; i++) {
        assertThat(Float.floatToIntBits(y[i]))
            .as("%d columns: y[%d]", cols, i)
            .isEqualTo(Float.floatToIntBits(want[i]));
      }
    }
  }

  /** Mostly moderate values, with a tenth special ones (signed zeros, NaN, infinities, tiny). */
  private static float[] values(Random rnd, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] =
          rnd.nextInt(10) == 0
              ? SPECIAL[rnd.nextInt(SPECIAL.length)]
              : (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3));
    }
    return v;
  }
}

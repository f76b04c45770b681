package org.node4j.nn.layer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/** {@link LaneLoops}' Vector API loops (loaded only through {@link LaneLoops.Lanes#load}). */
public final class VectorLaneLoops implements LaneLoops.Lanes {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Lane i takes lane i + 1: the second value of each pair lands on the first. */
  private static final VectorShuffle<Float> NEXT = VectorShuffle.iota(S, 1, 1, true);

  /** Creates the loops; public for the reflective load. */
  public VectorLaneLoops() {}

  @Override
  public int relu(float[] x, float[] y, int from, int to) {
    int i = from;
    for (int end = to - L; i <= end; i += L) {
      FloatVector.fromArray(S, x, i).max(0f).intoArray(y, i);
    }
    return i;
  }

  @Override
  public int reluBackward(float[] x, float[] dy, float[] dx, int from, int to) {
    FloatVector zero = FloatVector.zero(S);
    int i = from;
    for (int end = to - L; i <= end; i += L) {
      VectorMask<Float> positive = FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f);
      zero.blend(FloatVector.fromArray(S, dy, i), positive).intoArray(dx, i);
    }
    return i;
  }

  /**
   * Each even lane 2c of an image's vectors gets {@code (0 + a) + (0 + b)} for the channel's pair
   * (a, b), which equals the scalar {@code (0 + a) + b} (adding 0 only turns -0 into +0, and x +
   * (-0) is x), and adds it to the running total kept in the same lane of {@code sums}.
   */
  @Override
  public boolean addPairSums(
      float[] dy, int from, int images, int channels, float[] total, int at, float[] sums) {
    int width = 2 * channels;
    if (width % L != 0) {
      return false;
    }
    for (int c = 0; c < channels; c++) {
      sums[2 * c] = total[at + c];
      sums[2 * c + 1] = 0f;
    }
    for (int i = from, end = from + images * width; i < end; i += width) {
      for (int v = 0; v < width; v += L) {
        FloatVector a = FloatVector.fromArray(S, dy, i + v).add(0f);
        FloatVector.fromArray(S, sums, v).add(a.add(a.rearrange(NEXT))).intoArray(sums, v);
      }
    }
    for (int c = 0; c < channels; c++) {
      total[at + c] = sums[2 * c];
    }
    return true;
  }

  @Override
  public boolean addToRows(float[] y, int from, int rows, int cols, float[] row) {
    int whole = cols - cols % L;
    for (int base = from, end = from + rows * cols; base < end; base += cols) {
      int j = 0;
      for (; j < whole; j += L) {
        FloatVector.fromArray(S, y, base + j)
            .add(FloatVector.fromArray(S, row, j))
            .intoArray(y, base + j);
      }
      for (; j < cols; j++) {
        y[base + j] += row[j];
      }
    }
    return true;
  }
}

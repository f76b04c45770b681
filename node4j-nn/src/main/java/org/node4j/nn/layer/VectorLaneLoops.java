package org.node4j.nn.layer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LaneLoops}' Vector API loops (loaded only through {@link LaneLoops.Lanes#load}). Vector
 * expressions are written out where they are used, not returned by helpers: C2 may compile a helper
 * on its own instead of inlining it, and then boxes every vector it returns. Constants are vectors
 * made once before each loop, not scalars broadcast inside it ({@code max(0f)}): when these loops
 * are inlined deep into a network's one-region pass, C2 failed to intrinsify such a broadcast
 * (PrintInlining: "broadcastCoerced failed to inline (intrinsic)"), and every iteration then
 * allocated a vector, which made ReLU's backward pass in W1 several times slower.
 */
public final class VectorLaneLoops implements LaneLoops.Lanes {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Creates the loops; public for the reflective load. */
  public VectorLaneLoops() {}

  @Override
  public int relu(float[] x, float[] y, int from, int to) {
    FloatVector zero = FloatVector.zero(S);
    int i = from;
    for (int end = to - L; i <= end; i += L) {
      FloatVector.fromArray(S, x, i).max(zero).intoArray(y, i);
    }
    return i;
  }

  @Override
  public int reluBackward(float[] x, float[] dy, float[] dx, int from, int to) {
    FloatVector zero = FloatVector.zero(S);
    int i = from;
    for (int end = to - L; i <= end; i += L) {
      VectorMask<Float> positive = FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, zero);
      zero.blend(FloatVector.fromArray(S, dy, i), positive).intoArray(dx, i);
    }
    return i;
  }

  /**
   * Each even lane 2c of an image's vectors gets {@code (0 + a) + (0 + b)} for the channel's pair
   * (a, b), which equals the scalar {@code (0 + a) + b} (adding 0 only turns -0 into +0, and x +
   * (-0) is x), and adds it to the running total kept in the same lane of a register. The b of each
   * lane comes from a second load one value further on, not from a lane shuffle: a {@code
   * rearrange} that C2 fails to intrinsify (it did, in some W1 JVMs, for a constant shuffle) runs
   * the Vector API's Java fallback, which cost this loop more than the rest of its work. The second
   * load reads one value past the image, so the last image of an array that ends with it is added
   * lane by lane. Two running totals at a time, not four: with four, C2 on JDK 17 with 256-bit
   * vectors (AVX2) failed to intrinsify the fourth total's store ("failed to inline (intrinsic)" in
   * {@code PrintInlining}), so that total was a boxed vector, allocated at every image, in every
   * JVM (ConvAllocationTest's Sphere2 float32 cases failed on an AVX2 machine).
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
    FloatVector zero = FloatVector.zero(S);
    int end = from + images * width;
    int vectorEnd = end < dy.length ? end : Math.max(from, end - width);
    int v = 0;
    for (; v + 2 * L <= width; v += 2 * L) {
      FloatVector s0 = FloatVector.fromArray(S, sums, v);
      FloatVector s1 = FloatVector.fromArray(S, sums, v + L);
      for (int i = from + v; i < vectorEnd; i += width) {
        // (0 + dy[i + l]) + (0 + dy[i + l + 1]) in lane l, written out (see the class comment)
        s0 =
            s0.add(
                FloatVector.fromArray(S, dy, i)
                    .add(zero)
                    .add(FloatVector.fromArray(S, dy, i + 1).add(zero)));
        s1 =
            s1.add(
                FloatVector.fromArray(S, dy, i + L)
                    .add(zero)
                    .add(FloatVector.fromArray(S, dy, i + L + 1).add(zero)));
      }
      s0.intoArray(sums, v);
      s1.intoArray(sums, v + L);
    }
    for (; v < width; v += L) {
      FloatVector s0 = FloatVector.fromArray(S, sums, v);
      for (int i = from + v; i < vectorEnd; i += width) {
        s0 =
            s0.add(
                FloatVector.fromArray(S, dy, i)
                    .add(zero)
                    .add(FloatVector.fromArray(S, dy, i + 1).add(zero)));
      }
      s0.intoArray(sums, v);
    }
    for (int i = vectorEnd; i < end; i += width) {
      for (int c = 0; c < channels; c++) {
        sums[2 * c] += (0f + dy[i + 2 * c]) + (0f + dy[i + 2 * c + 1]);
      }
    }
    for (int c = 0; c < channels; c++) {
      total[at + c] = sums[2 * c];
    }
    return true;
  }

  /**
   * Each (channel c, tap j) of the input channels {@code [c0, c1)} sums, for all output channels at
   * once, the position-0 value of the dK row its tap reads at position 0 and the position-1 value
   * of the row it reads at position 1 (rows of {@code 2 * o} values: output channel, then
   * position), as {@code (0 + a) + b} with the absent ones left out, in the even lanes of a vector;
   * the position-1 values come from a load one value further on (see {@link #addPairSums}).
   */
  @Override
  public boolean addTapPairs(
      float[] dk,
      int[] taps,
      int t,
      int pIn,
      int c0,
      int c1,
      int ch,
      int o,
      float[] dw,
      int off,
      float[] sums) {
    int width = 2 * o;
    if (width % L != 0 || sums.length < width || (c1 - c0) * pIn * width + 1 > dk.length) {
      return false;
    }
    FloatVector zero = FloatVector.zero(S);
    for (int c = c0; c < c1; c++) {
      int rows = (c - c0) * pIn;
      for (int j = 0; j < t; j++) {
        int q0 = taps[j];
        int q1 = taps[t + j];
        int r0 = (rows + q0) * width;
        int r1 = (rows + q1) * width + 1;
        if (q0 >= 0 && q1 >= 0) {
          for (int v = 0; v < width; v += L) {
            zero.add(FloatVector.fromArray(S, dk, r0 + v))
                .add(FloatVector.fromArray(S, dk, r1 + v))
                .intoArray(sums, v);
          }
        } else if (q0 >= 0) {
          for (int v = 0; v < width; v += L) {
            zero.add(FloatVector.fromArray(S, dk, r0 + v)).intoArray(sums, v);
          }
        } else if (q1 >= 0) {
          for (int v = 0; v < width; v += L) {
            zero.add(FloatVector.fromArray(S, dk, r1 + v)).intoArray(sums, v);
          }
        } else {
          java.util.Arrays.fill(sums, 0, width, 0f);
        }
        for (int oo = 0, dst = off + c * t + j; oo < o; oo++, dst += ch * t) {
          dw[dst] += sums[2 * oo];
        }
      }
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

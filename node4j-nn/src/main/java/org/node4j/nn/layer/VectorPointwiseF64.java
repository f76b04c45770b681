package org.node4j.nn.layer;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The loop of {@link PointwiseGradF64} with the Vector API (loaded only through {@link
 * PointwiseGradF64.Lanes#load}, so that nothing links against the incubator module when it is
 * absent); the float32 twin is generated from this file at build time (see the node4j-nn POM).
 *
 * <p>The lanes are channels of the wide side: each lane runs its element's own chain over the
 * positions, so the bits are those of {@link Math#fma} in a loop. Channels of the wide side beyond
 * whole vectors run that loop as scalar code.
 */
final class VectorPointwiseF64 implements PointwiseGradF64.Lanes {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Positions per transposed block: L x 256 values, 16 KiB in float32 on AVX-512. */
  static final int BLOCK = 256;

  /** Public for {@link PointwiseGradF64.Lanes#load}. */
  public VectorPointwiseF64() {}

  @Override
  public int bufferLength() {
    return BLOCK * L;
  }

  @Override
  public void addProducts(
      double[] narrow,
      int nOff,
      int nn,
      double[] wide,
      int wOff,
      int nw,
      int p,
      double[] out,
      int oOff,
      int ldN,
      int ldW,
      double[] acc,
      double[] buf) {
    // acc[s][g], the wide side contiguous, so that a vector of channels loads and stores at once.
    for (int s = 0; s < nn; s++) {
      for (int g = 0; g < nw; g++) {
        acc[s * nw + g] = out[oOff + s * ldN + g * ldW];
      }
    }
    int whole = nw - nw % L;
    for (int p0 = 0; p0 < p; p0 += BLOCK) {
      int pc = Math.min(BLOCK, p - p0);
      for (int g0 = 0; g0 < whole; g0 += L) {
        // buf[q][r] = wide[g0 + r][p0 + q]: read along the rows, written a column at a time.
        for (int r = 0; r < L; r++) {
          int src = wOff + (g0 + r) * p + p0;
          for (int q = 0; q < pc; q++) {
            buf[q * L + r] = wide[src + q];
          }
        }
        int s = 0;
        for (; s + 3 <= nn; s += 3) {
          chains3(narrow, nOff + s * p + p0, p, pc, buf, acc, s * nw + g0, nw);
        }
        for (; s < nn; s++) {
          int a = nOff + s * p + p0;
          int at = s * nw + g0;
          DoubleVector c0 = DoubleVector.fromArray(S, acc, at);
          for (int q = 0; q < pc; q++) {
            c0 =
                DoubleVector.broadcast(S, narrow[a + q])
                    .fma(DoubleVector.fromArray(S, buf, q * L), c0);
          }
          c0.intoArray(acc, at);
        }
      }
    }
    for (int s = 0; s < nn; s++) {
      for (int g = whole; g < nw; g++) {
        double v = acc[s * nw + g];
        int a = nOff + s * p;
        int b = wOff + g * p;
        for (int q = 0; q < p; q++) {
          v = Math.fma(narrow[a + q], wide[b + q], v);
        }
        acc[s * nw + g] = v;
      }
    }
    for (int s = 0; s < nn; s++) {
      for (int g = 0; g < nw; g++) {
        out[oOff + s * ldN + g * ldW] = acc[s * nw + g];
      }
    }
  }

  /**
   * Three channels of the narrow side (rows {@code a}, {@code a + p}, {@code a + 2p}) against one
   * vector of the wide side's channels over a block of {@code pc} positions: three independent
   * chains.
   */
  private static void chains3(
      double[] narrow, int a, int p, int pc, double[] buf, double[] acc, int at, int nw) {
    DoubleVector c0 = DoubleVector.fromArray(S, acc, at);
    DoubleVector c1 = DoubleVector.fromArray(S, acc, at + nw);
    DoubleVector c2 = DoubleVector.fromArray(S, acc, at + 2 * nw);
    for (int q = 0; q < pc; q++) {
      DoubleVector b = DoubleVector.fromArray(S, buf, q * L);
      c0 = DoubleVector.broadcast(S, narrow[a + q]).fma(b, c0);
      c1 = DoubleVector.broadcast(S, narrow[a + p + q]).fma(b, c1);
      c2 = DoubleVector.broadcast(S, narrow[a + 2 * p + q]).fma(b, c2);
    }
    c0.intoArray(acc, at);
    c1.intoArray(acc, at + nw);
    c2.intoArray(acc, at + 2 * nw);
  }
}

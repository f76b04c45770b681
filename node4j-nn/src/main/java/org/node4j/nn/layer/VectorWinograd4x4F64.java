package org.node4j.nn.layer;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Winograd F(4x4, 3x3) transforms of {@link Winograd4x4F64} that read and write runs of
 * consecutive elements, with the Vector API, one vector of windows at a time (loaded only through
 * {@link Winograd4x4F64.Lanes#load}, so that nothing links against the incubator module when it is
 * absent); the float32 twin is generated from this file at build time (see the node4j-nn POM).
 *
 * <p>Vectors are at most 256 bits: a tile row of a 32-wide image has 8 tiles, one float32 vector of
 * that size, while a 512-bit vector would leave every such row to the scalar code.
 *
 * <p>Each lane computes its window by exactly the scalar code's operations, in the same order, so a
 * tile gives the same bits whichever path computes it. As the F(2x2, 3x3) transforms ({@link
 * VectorWinogradF64}), every vector expression is written out where it is used, with no helper that
 * takes or returns a vector (C2 ran such helpers out of line and boxed their vectors), and each
 * loop body is one row or one column of a window: six loads and six stores at most.
 */
final class VectorWinograd4x4F64 implements Winograd4x4F64.Lanes {
  private static final VectorSpecies<Double> S =
      DoubleVector.SPECIES_PREFERRED.vectorBitSize() > 256
          ? DoubleVector.SPECIES_256
          : DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  // The zips and unzips of VectorWinogradF64, for this species: a zip of x and y is
  // x.rearrange(ZIP_LO).blend(y.rearrange(ZIP_LO), ODD_LANES) and the same with ZIP_HI; the even
  // lanes of x then y are x.rearrange(EVENS).blend(y.rearrange(EVENS), UPPER_HALF), and the odd
  // ones the same with ODDS. Zipping twice interleaves four vectors; unzipping twice separates
  // them.
  private static final VectorShuffle<Double> ZIP_LO = VectorWinogradF64.shuffle(S, 0);
  private static final VectorShuffle<Double> ZIP_HI = VectorWinogradF64.shuffle(S, 1);
  private static final VectorShuffle<Double> EVENS = VectorWinogradF64.shuffle(S, 2);
  private static final VectorShuffle<Double> ODDS = VectorWinogradF64.shuffle(S, 3);
  private static final VectorMask<Double> ODD_LANES = VectorWinogradF64.mask(S, true);
  private static final VectorMask<Double> UPPER_HALF = VectorWinogradF64.mask(S, false);

  /** Public for {@link Winograd4x4F64.Lanes#load}. */
  public VectorWinograd4x4F64() {}

  @Override
  public int input(
      double[] pad,
      int e0,
      int c1,
      int c2,
      int c3,
      int c4,
      int c5,
      int rs,
      double[] v,
      int k0,
      int step,
      int count,
      int groups,
      int es,
      int ks) {
    int n = count - count % L;
    if (n > 0) {
      inputRows(pad, e0, c1, c2, c3, c4, c5, rs, v, k0, step, n, groups, es, ks);
      inputColumns(v, k0, step, n, groups, ks);
    }
    return n;
  }

  /**
   * The input transform's first pass: each row of each window times B, into the planes of its row.
   * The two passes are methods of their own: in one method, C2 on JDK 17 compiled the second pass's
   * vectors as objects in some JVMs (ConvAllocationTest: 1 MB per call, JFR: the Java fallback of
   * {@code lanewise} under {@code input}).
   */
  private static void inputRows(
      double[] pad,
      int e0,
      int c1,
      int c2,
      int c3,
      int c4,
      int c5,
      int rs,
      double[] v,
      int k0,
      int step,
      int n,
      int groups,
      int es,
      int ks) {
    for (int g = 0; g < groups; g++) {
      for (int r = 0; r < 6; r++) {
        int e = e0 + g * es + r * rs;
        int k = k0 + g * ks + 6 * r * step;
        for (int i = 0; i < n; i += L, e += L, k += L) {
          DoubleVector a0 = DoubleVector.fromArray(S, pad, e);
          DoubleVector a1 = DoubleVector.fromArray(S, pad, e + c1);
          DoubleVector a2 = DoubleVector.fromArray(S, pad, e + c2);
          DoubleVector a3 = DoubleVector.fromArray(S, pad, e + c3);
          DoubleVector a4 = DoubleVector.fromArray(S, pad, e + c4);
          DoubleVector a5 = DoubleVector.fromArray(S, pad, e + c5);
          DoubleVector t1 = a4.sub(a2.mul(4));
          DoubleVector t2 = a3.sub(a1.mul(4));
          DoubleVector t3 = a4.sub(a2);
          DoubleVector t4 = a3.sub(a1).mul(2);
          a0.mul(4).sub(a2.mul(5)).add(a4).intoArray(v, k);
          t1.add(t2).intoArray(v, k + step);
          t1.sub(t2).intoArray(v, k + 2 * step);
          t3.add(t4).intoArray(v, k + 3 * step);
          t3.sub(t4).intoArray(v, k + 4 * step);
          a1.mul(4).sub(a3.mul(5)).add(a5).intoArray(v, k + 5 * step);
        }
      }
    }
  }

  /** The input transform's second pass: each column of the first pass's planes times B^T. */
  private static void inputColumns(double[] v, int k0, int step, int n, int groups, int ks) {
    int s6 = 6 * step;
    for (int g = 0; g < groups; g++) {
      for (int c = 0; c < 6; c++) {
        for (int i = 0, k = k0 + g * ks + c * step; i < n; i += L, k += L) {
          DoubleVector a0 = DoubleVector.fromArray(S, v, k);
          DoubleVector a1 = DoubleVector.fromArray(S, v, k + s6);
          DoubleVector a2 = DoubleVector.fromArray(S, v, k + 2 * s6);
          DoubleVector a3 = DoubleVector.fromArray(S, v, k + 3 * s6);
          DoubleVector a4 = DoubleVector.fromArray(S, v, k + 4 * s6);
          DoubleVector a5 = DoubleVector.fromArray(S, v, k + 5 * s6);
          DoubleVector t1 = a4.sub(a2.mul(4));
          DoubleVector t2 = a3.sub(a1.mul(4));
          DoubleVector t3 = a4.sub(a2);
          DoubleVector t4 = a3.sub(a1).mul(2);
          a0.mul(4).sub(a2.mul(5)).add(a4).intoArray(v, k);
          t1.add(t2).intoArray(v, k + s6);
          t1.sub(t2).intoArray(v, k + 2 * s6);
          t3.add(t4).intoArray(v, k + 3 * s6);
          t3.sub(t4).intoArray(v, k + 4 * s6);
          a1.mul(4).sub(a3.mul(5)).add(a5).intoArray(v, k + 5 * s6);
        }
      }
    }
  }

  /**
   * Both passes in one method, as two loop nests: apart, each was small enough for C2 to inline
   * into the scalar caller with the other, and the caller's inlining budget then ran out before the
   * last vector operations, which ran as boxing Java code (ConvAllocationTest: 23-98 MB per 200
   * calls; JFR: {@code DoubleVector.add}'s fallback under {@code outputColumns}). Each method that
   * holds vector code here is larger than C2's inlining limit for hot calls (FreqInlineSize, 325
   * bytes of bytecode), so each compiles on its own, as VectorWinogradF64's passes do.
   */
  @Override
  public int output(double[] m, int k0, int step, int count, int whole, int groups, int ks) {
    int n = count - count % L;
    for (int g = 0; g < groups; g++) {
      for (int r = 0; r < 6; r++) {
        for (int i = 0, k = k0 + g * ks + 6 * r * step; i < n; i += L, k += L) {
          DoubleVector m0 = DoubleVector.fromArray(S, m, k);
          DoubleVector m1 = DoubleVector.fromArray(S, m, k + step);
          DoubleVector m2 = DoubleVector.fromArray(S, m, k + 2 * step);
          DoubleVector m3 = DoubleVector.fromArray(S, m, k + 3 * step);
          DoubleVector m4 = DoubleVector.fromArray(S, m, k + 4 * step);
          DoubleVector m5 = DoubleVector.fromArray(S, m, k + 5 * step);
          DoubleVector a = m1.add(m2);
          DoubleVector d = m3.add(m4);
          DoubleVector s = m1.sub(m2);
          DoubleVector f = m3.sub(m4);
          m0.add(a).add(d).intoArray(m, k);
          s.add(f.mul(2)).intoArray(m, k + step);
          a.add(d.mul(4)).intoArray(m, k + 2 * step);
          s.add(f.mul(8)).add(m5).intoArray(m, k + 3 * step);
        }
      }
    }
    int w = whole - whole % L;
    int s6 = 6 * step;
    for (int g = 0; g < groups; g++) {
      for (int c = 0; c < 4; c++) {
        for (int i = 0, k = k0 + g * ks + c * step; i < w; i += L, k += L) {
          DoubleVector m0 = DoubleVector.fromArray(S, m, k);
          DoubleVector m1 = DoubleVector.fromArray(S, m, k + s6);
          DoubleVector m2 = DoubleVector.fromArray(S, m, k + 2 * s6);
          DoubleVector m3 = DoubleVector.fromArray(S, m, k + 3 * s6);
          DoubleVector m4 = DoubleVector.fromArray(S, m, k + 4 * s6);
          DoubleVector m5 = DoubleVector.fromArray(S, m, k + 5 * s6);
          DoubleVector a = m1.add(m2);
          DoubleVector d = m3.add(m4);
          DoubleVector s = m1.sub(m2);
          DoubleVector f = m3.sub(m4);
          m0.add(a).add(d).intoArray(m, k);
          s.add(f.mul(2)).intoArray(m, k + s6);
          a.add(d.mul(4)).intoArray(m, k + 2 * s6);
          s.add(f.mul(8)).add(m5).intoArray(m, k + 3 * s6);
        }
      }
    }
    return n;
  }

  @Override
  public int gradient(double[] dm, int k0, int step, int loaded, int count, int groups, int ks) {
    int n = count - count % L;
    for (int g = 0; g < groups; g++) {
      for (int r = 0; r < 4; r++) {
        for (int i = 0, k = k0 + g * ks + 6 * r * step; i < loaded; i += L, k += L) {
          DoubleVector q0 = DoubleVector.fromArray(S, dm, k);
          DoubleVector q1 = DoubleVector.fromArray(S, dm, k + step);
          DoubleVector q2 = DoubleVector.fromArray(S, dm, k + 2 * step);
          DoubleVector q3 = DoubleVector.fromArray(S, dm, k + 3 * step);
          DoubleVector e = q0.add(q2);
          DoubleVector f = q1.add(q3);
          DoubleVector h = q0.add(q2.mul(4));
          DoubleVector j = q1.mul(2).add(q3.mul(8));
          e.add(f).intoArray(dm, k + step);
          e.sub(f).intoArray(dm, k + 2 * step);
          h.add(j).intoArray(dm, k + 3 * step);
          h.sub(j).intoArray(dm, k + 4 * step);
          q3.intoArray(dm, k + 5 * step);
        }
      }
    }
    int s6 = 6 * step;
    for (int g = 0; g < groups; g++) {
      for (int c = 0; c < 6; c++) {
        for (int i = 0, k = k0 + g * ks + c * step; i < n; i += L, k += L) {
          DoubleVector q0 = DoubleVector.fromArray(S, dm, k);
          DoubleVector q1 = DoubleVector.fromArray(S, dm, k + s6);
          DoubleVector q2 = DoubleVector.fromArray(S, dm, k + 2 * s6);
          DoubleVector q3 = DoubleVector.fromArray(S, dm, k + 3 * s6);
          DoubleVector e = q0.add(q2);
          DoubleVector f = q1.add(q3);
          DoubleVector h = q0.add(q2.mul(4));
          DoubleVector j = q1.mul(2).add(q3.mul(8));
          e.add(f).intoArray(dm, k + s6);
          e.sub(f).intoArray(dm, k + 2 * s6);
          h.add(j).intoArray(dm, k + 3 * s6);
          h.sub(j).intoArray(dm, k + 4 * s6);
          q3.intoArray(dm, k + 5 * s6);
        }
      }
    }
    return n;
  }

  @Override
  public int outputStore(
      double[] m,
      int k0,
      int step,
      double[] bias,
      double[] out,
      int dst0,
      int wo,
      int count,
      int groups,
      int ks,
      int ds) {
    int n = count - count % L;
    for (int g = 0; g < groups; g++) {
      DoubleVector bv = DoubleVector.broadcast(S, bias == null ? 0.0 : bias[g]);
      for (int r = 0; r < 4; r++) {
        int k = k0 + g * ks + 6 * r * step;
        int dst = dst0 + g * ds + r * wo;
        for (int i = 0; i < n; i += L, k += L, dst += 4 * L) {
          DoubleVector y0 = DoubleVector.fromArray(S, m, k).add(bv);
          DoubleVector y1 = DoubleVector.fromArray(S, m, k + step).add(bv);
          DoubleVector y2 = DoubleVector.fromArray(S, m, k + 2 * step).add(bv);
          DoubleVector y3 = DoubleVector.fromArray(S, m, k + 3 * step).add(bv);
          DoubleVector a0 = y0.rearrange(ZIP_LO).blend(y2.rearrange(ZIP_LO), ODD_LANES);
          DoubleVector a1 = y0.rearrange(ZIP_HI).blend(y2.rearrange(ZIP_HI), ODD_LANES);
          DoubleVector b0 = y1.rearrange(ZIP_LO).blend(y3.rearrange(ZIP_LO), ODD_LANES);
          DoubleVector b1 = y1.rearrange(ZIP_HI).blend(y3.rearrange(ZIP_HI), ODD_LANES);
          a0.rearrange(ZIP_LO).blend(b0.rearrange(ZIP_LO), ODD_LANES).intoArray(out, dst);
          a0.rearrange(ZIP_HI).blend(b0.rearrange(ZIP_HI), ODD_LANES).intoArray(out, dst + L);
          a1.rearrange(ZIP_LO).blend(b1.rearrange(ZIP_LO), ODD_LANES).intoArray(out, dst + 2 * L);
          a1.rearrange(ZIP_HI).blend(b1.rearrange(ZIP_HI), ODD_LANES).intoArray(out, dst + 3 * L);
        }
      }
    }
    return n;
  }

  @Override
  public int gradientLoad(
      double[] dy,
      int src0,
      int wo,
      double[] dm,
      int k0,
      int step,
      int count,
      int groups,
      int ss,
      int ks) {
    int n = count - count % L;
    for (int g = 0; g < groups; g++) {
      for (int r = 0; r < 4; r++) {
        int src = src0 + g * ss + r * wo;
        int k = k0 + g * ks + 6 * r * step;
        for (int i = 0; i < n; i += L, src += 4 * L, k += L) {
          DoubleVector r0 = DoubleVector.fromArray(S, dy, src);
          DoubleVector r1 = DoubleVector.fromArray(S, dy, src + L);
          DoubleVector r2 = DoubleVector.fromArray(S, dy, src + 2 * L);
          DoubleVector r3 = DoubleVector.fromArray(S, dy, src + 3 * L);
          DoubleVector e01 = r0.rearrange(EVENS).blend(r1.rearrange(EVENS), UPPER_HALF);
          DoubleVector o01 = r0.rearrange(ODDS).blend(r1.rearrange(ODDS), UPPER_HALF);
          DoubleVector e23 = r2.rearrange(EVENS).blend(r3.rearrange(EVENS), UPPER_HALF);
          DoubleVector o23 = r2.rearrange(ODDS).blend(r3.rearrange(ODDS), UPPER_HALF);
          e01.rearrange(EVENS).blend(e23.rearrange(EVENS), UPPER_HALF).intoArray(dm, k);
          o01.rearrange(EVENS).blend(o23.rearrange(EVENS), UPPER_HALF).intoArray(dm, k + step);
          e01.rearrange(ODDS).blend(e23.rearrange(ODDS), UPPER_HALF).intoArray(dm, k + 2 * step);
          o01.rearrange(ODDS).blend(o23.rearrange(ODDS), UPPER_HALF).intoArray(dm, k + 3 * step);
        }
      }
    }
    return n;
  }

  @Override
  public int unzip(double[] x, int src, double[] pad, int p0, int p1, int p2, int p3, int count) {
    int n = count - count % L;
    for (int i = 0; i < n; i += L, src += 4 * L) {
      DoubleVector r0 = DoubleVector.fromArray(S, x, src);
      DoubleVector r1 = DoubleVector.fromArray(S, x, src + L);
      DoubleVector r2 = DoubleVector.fromArray(S, x, src + 2 * L);
      DoubleVector r3 = DoubleVector.fromArray(S, x, src + 3 * L);
      DoubleVector e01 = r0.rearrange(EVENS).blend(r1.rearrange(EVENS), UPPER_HALF);
      DoubleVector o01 = r0.rearrange(ODDS).blend(r1.rearrange(ODDS), UPPER_HALF);
      DoubleVector e23 = r2.rearrange(EVENS).blend(r3.rearrange(EVENS), UPPER_HALF);
      DoubleVector o23 = r2.rearrange(ODDS).blend(r3.rearrange(ODDS), UPPER_HALF);
      e01.rearrange(EVENS).blend(e23.rearrange(EVENS), UPPER_HALF).intoArray(pad, p0 + i);
      o01.rearrange(EVENS).blend(o23.rearrange(EVENS), UPPER_HALF).intoArray(pad, p1 + i);
      e01.rearrange(ODDS).blend(e23.rearrange(ODDS), UPPER_HALF).intoArray(pad, p2 + i);
      o01.rearrange(ODDS).blend(o23.rearrange(ODDS), UPPER_HALF).intoArray(pad, p3 + i);
    }
    return n;
  }
}

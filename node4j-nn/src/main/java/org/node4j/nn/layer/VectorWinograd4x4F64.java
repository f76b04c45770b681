package org.node4j.nn.layer;

import jdk.incubator.vector.DoubleVector;
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
   * Each pass is a method of its own that does all the windows it is given, vectors first and the
   * rest one by one (the same operations, so the same bits): with the rest left to the scalar
   * caller, each pass was small enough (270-320 bytes of bytecode) for C2 to inline into that
   * caller beside the next one, whose last vector operations then ran as boxing Java code
   * (ConvAllocationTest: 23-98 MB per 200 calls; JFR: {@code DoubleVector.add}'s fallback under
   * {@code outputColumns}, inlined). With its rest, every method that holds vector code here is
   * larger than C2's limit for inlining hot calls (FreqInlineSize, 325 bytes of bytecode), so each
   * compiles on its own, with one pass's vectors, as VectorWinogradF64's methods do.
   */
  @Override
  public void output(double[] m, int k0, int step, int count, int whole, int groups, int ks) {
    outputRows(m, k0, step, count, groups, ks);
    outputColumns(m, k0, step, whole, groups, ks);
  }

  /** Each row of {@code count} tiles times A, into the row's first four planes. */
  private static void outputRows(double[] m, int k0, int step, int count, int groups, int ks) {
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
    for (int g = 0; g < groups; g++) {
      for (int r = 0; r < 6; r++) {
        for (int i = n, k = k0 + g * ks + 6 * r * step + n; i < count; i++, k++) {
          double m0 = m[k];
          double m1 = m[k + step];
          double m2 = m[k + 2 * step];
          double m3 = m[k + 3 * step];
          double m4 = m[k + 4 * step];
          double m5 = m[k + 5 * step];
          double a = m1 + m2;
          double d = m3 + m4;
          double s = m1 - m2;
          double f = m3 - m4;
          m[k] = m0 + a + d;
          m[k + step] = s + 2 * f;
          m[k + 2 * step] = a + 4 * d;
          m[k + 3 * step] = s + 8 * f + m5;
        }
      }
    }
  }

  /** Each of the four columns that {@link #outputRows} left, of {@code count} tiles, times A^T. */
  private static void outputColumns(double[] m, int k0, int step, int count, int groups, int ks) {
    int w = count - count % L;
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
    for (int g = 0; g < groups; g++) {
      for (int c = 0; c < 4; c++) {
        for (int i = w, k = k0 + g * ks + c * step + w; i < count; i++, k++) {
          double m0 = m[k];
          double m1 = m[k + s6];
          double m2 = m[k + 2 * s6];
          double m3 = m[k + 3 * s6];
          double m4 = m[k + 4 * s6];
          double m5 = m[k + 5 * s6];
          double a = m1 + m2;
          double d = m3 + m4;
          double s = m1 - m2;
          double f = m3 - m4;
          m[k] = m0 + a + d;
          m[k + s6] = s + 2 * f;
          m[k + 2 * s6] = a + 4 * d;
          m[k + 3 * s6] = s + 8 * f + m5;
        }
      }
    }
  }

  @Override
  public void gradientColumns(double[] dm, int k0, int step, int count, int groups, int ks) {
    int n = count - count % L;
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
    for (int g = 0; g < groups; g++) {
      for (int c = 0; c < 6; c++) {
        for (int i = n, k = k0 + g * ks + c * step + n; i < count; i++, k++) {
          double q0 = dm[k];
          double q1 = dm[k + s6];
          double q2 = dm[k + 2 * s6];
          double q3 = dm[k + 3 * s6];
          double e = q0 + q2;
          double f = q1 + q3;
          double h = q0 + 4 * q2;
          double j = 2 * q1 + 8 * q3;
          dm[k + s6] = e + f;
          dm[k + 2 * s6] = e - f;
          dm[k + 3 * s6] = h + j;
          dm[k + 4 * s6] = h - j;
          dm[k + 5 * s6] = q3;
        }
      }
    }
  }
}

package org.node4j.nn.layer;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Winograd F(2x2, 3x3) tile transforms of {@link Winograd2x2F64} with the Vector API, one
 * vector of consecutive tiles of a tile row (or, for the weight gradient's input transform, of
 * channels of one tile) at a time (loaded only through {@link Winograd2x2F64.Lanes#load}, so that
 * nothing links against the incubator module when it is absent); the float32 twin is generated from
 * this file at build time (see the node4j-nn POM).
 *
 * <p>Each lane computes its tile by exactly the scalar code's operations, in the same order, so a
 * tile gives the same bits whichever path computes it. The outputs of consecutive tiles interleave
 * in a row (columns 2i and 2i + 1 belong to tile i), and so do the gradients the adjoint reads:
 * shuffles zip the even and odd columns together on output and unzip them on input.
 *
 * <p>Every vector expression is written out where it is used, with no helper that takes or returns
 * a vector, and each bias is a vector made before its loop: with helpers for the load, the zipped
 * store and the unzip, some JVMs (JDK 25 on an AVX2 machine, about one test JVM in three) ran a
 * helper as a compiled method of its own that the transform loops called instead of inlining, which
 * boxed a vector per call (ConvAllocationTest's Winograd float64 case allocated 12 KiB per pass;
 * docs/bench/performance-log.md, "The AVX2 micro-tile").
 */
final class VectorWinogradF64 implements Winograd2x2F64.Lanes {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Lane n takes lane n / 2: with {@link #ODD_LANES}, the first half of a zip of two vectors. */
  private static final VectorShuffle<Double> ZIP_LO = shuffle(0);

  /** Lane n takes lane (L + n) / 2: the second half of the zip. */
  private static final VectorShuffle<Double> ZIP_HI = shuffle(1);

  /** Lane n takes lane 2n mod L: with {@link #UPPER_HALF}, the even lanes of two vectors. */
  private static final VectorShuffle<Double> EVENS = shuffle(2);

  /** Lane n takes lane (2n + 1) mod L: the odd lanes of two vectors. */
  private static final VectorShuffle<Double> ODDS = shuffle(3);

  private static final VectorMask<Double> ODD_LANES = mask(true);
  private static final VectorMask<Double> UPPER_HALF = mask(false);

  /** Public for {@link Winograd2x2F64.Lanes#load}. */
  public VectorWinogradF64() {}

  /**
   * The one-vector shuffles above: each zip or unzip is two of them and a blend with a constant
   * mask, which compiles to two permutes and a blend (a two-vector rearrange would test and wrap
   * its indices at every call).
   */
  private static VectorShuffle<Double> shuffle(int kind) {
    int[] ix = new int[L];
    for (int n = 0; n < L; n++) {
      ix[n] =
          switch (kind) {
            case 0 -> n / 2;
            case 1 -> (L + n) / 2;
            case 2 -> (2 * n) % L;
            default -> (2 * n + 1) % L;
          };
    }
    return VectorShuffle.fromArray(S, ix, 0);
  }

  /** The odd lanes ({@code odd}) or the upper half of the lanes. */
  private static VectorMask<Double> mask(boolean odd) {
    boolean[] bits = new boolean[L];
    for (int n = 0; n < L; n++) {
      bits[n] = odd ? n % 2 == 1 : n >= L / 2;
    }
    return VectorMask.fromArray(S, bits, 0);
  }

  /**
   * In two passes over the groups and tiles, rows 0 and 1 of {@code B^T d} (planes 0-7), then rows
   * 2 and 3 (planes 8-15): one loop body with all four rows (32 loads, 16 stores) was too large for
   * C2, which compiled its last eight stores as calls to the Java fallback that boxes each vector
   * ({@code -XX:+PrintInlining}: {@code VectorSupport::store ... failed to inline (intrinsic)}, in
   * every JVM). Each value is computed by the same operations as before (the same bits).
   */
  @Override
  public int input(
      double[] pad,
      int e,
      int c1,
      int c2,
      int c3,
      int rs,
      double[] v,
      int k,
      int step,
      int count,
      int groups,
      int es,
      int ks) {
    int done = count - count % L;
    if (done > 0) {
      inputTop(pad, e, c1, c2, c3, rs, v, k, step, done, groups, es, ks);
      inputBottom(pad, e, c1, c2, c3, rs, v, k, step, done, groups, es, ks);
    }
    return done;
  }

  /** Planes 0-7: rows 0 and 1 of {@code B^T d} ({@code d0 - d2}, {@code d1 + d2}), times B. */
  private static void inputTop(
      double[] pad,
      int e0,
      int c1,
      int c2,
      int c3,
      int rs,
      double[] v,
      int k0,
      int step,
      int n,
      int groups,
      int es,
      int ks) {
    for (int g = 0; g < groups; g++) {
      for (int i = 0, e = e0 + g * es, k = k0 + g * ks; i < n; i += L, e += L, k += L) {
        int r1 = e + rs;
        int r2 = r1 + rs;
        DoubleVector d20 = DoubleVector.fromArray(S, pad, r2);
        DoubleVector d21 = DoubleVector.fromArray(S, pad, r2 + c1);
        DoubleVector d22 = DoubleVector.fromArray(S, pad, r2 + c2);
        DoubleVector d23 = DoubleVector.fromArray(S, pad, r2 + c3);
        DoubleVector t00 = DoubleVector.fromArray(S, pad, e).sub(d20);
        DoubleVector t01 = DoubleVector.fromArray(S, pad, e + c1).sub(d21);
        DoubleVector t02 = DoubleVector.fromArray(S, pad, e + c2).sub(d22);
        DoubleVector t03 = DoubleVector.fromArray(S, pad, e + c3).sub(d23);
        DoubleVector t10 = DoubleVector.fromArray(S, pad, r1).add(d20);
        DoubleVector t11 = DoubleVector.fromArray(S, pad, r1 + c1).add(d21);
        DoubleVector t12 = DoubleVector.fromArray(S, pad, r1 + c2).add(d22);
        DoubleVector t13 = DoubleVector.fromArray(S, pad, r1 + c3).add(d23);
        t00.sub(t02).intoArray(v, k);
        t01.add(t02).intoArray(v, k + step);
        t02.sub(t01).intoArray(v, k + 2 * step);
        t01.sub(t03).intoArray(v, k + 3 * step);
        t10.sub(t12).intoArray(v, k + 4 * step);
        t11.add(t12).intoArray(v, k + 5 * step);
        t12.sub(t11).intoArray(v, k + 6 * step);
        t11.sub(t13).intoArray(v, k + 7 * step);
      }
    }
  }

  /** Planes 8-15: rows 2 and 3 of {@code B^T d} ({@code d2 - d1}, {@code d1 - d3}), times B. */
  private static void inputBottom(
      double[] pad,
      int e0,
      int c1,
      int c2,
      int c3,
      int rs,
      double[] v,
      int k0,
      int step,
      int n,
      int groups,
      int es,
      int ks) {
    for (int g = 0; g < groups; g++) {
      for (int i = 0, e = e0 + g * es, k = k0 + g * ks; i < n; i += L, e += L, k += L) {
        int r1 = e + rs;
        int r2 = r1 + rs;
        int r3 = r2 + rs;
        DoubleVector d10 = DoubleVector.fromArray(S, pad, r1);
        DoubleVector d11 = DoubleVector.fromArray(S, pad, r1 + c1);
        DoubleVector d12 = DoubleVector.fromArray(S, pad, r1 + c2);
        DoubleVector d13 = DoubleVector.fromArray(S, pad, r1 + c3);
        DoubleVector t20 = DoubleVector.fromArray(S, pad, r2).sub(d10);
        DoubleVector t21 = DoubleVector.fromArray(S, pad, r2 + c1).sub(d11);
        DoubleVector t22 = DoubleVector.fromArray(S, pad, r2 + c2).sub(d12);
        DoubleVector t23 = DoubleVector.fromArray(S, pad, r2 + c3).sub(d13);
        DoubleVector t30 = d10.sub(DoubleVector.fromArray(S, pad, r3));
        DoubleVector t31 = d11.sub(DoubleVector.fromArray(S, pad, r3 + c1));
        DoubleVector t32 = d12.sub(DoubleVector.fromArray(S, pad, r3 + c2));
        DoubleVector t33 = d13.sub(DoubleVector.fromArray(S, pad, r3 + c3));
        t20.sub(t22).intoArray(v, k + 8 * step);
        t21.add(t22).intoArray(v, k + 9 * step);
        t22.sub(t21).intoArray(v, k + 10 * step);
        t21.sub(t23).intoArray(v, k + 11 * step);
        t30.sub(t32).intoArray(v, k + 12 * step);
        t31.add(t32).intoArray(v, k + 13 * step);
        t32.sub(t31).intoArray(v, k + 14 * step);
        t31.sub(t33).intoArray(v, k + 15 * step);
      }
    }
  }

  /**
   * In two passes over the groups and tiles, output row 0 ({@code s0 = m0-3 + m4-7 + m8-11}), then
   * row 1 ({@code s1 = m4-7 - m8-11 - m12-15}): with both rows in one loop body (16 loads, 4 zipped
   * stores) C2 reached its node count cutoff and called the second row's {@link #store} instead of
   * inlining it, boxing both vectors on every call ({@code -XX:+PrintInlining}: {@code
   * VectorWinogradF32::store ... NodeCountInliningCutoff}; JFR: 175-290 MB per W4 iteration
   * allocated by the Java fallback under {@code output}, in every timed iteration). Each value is
   * computed by the same operations as before (the same bits); planes 4-11 are loaded twice.
   */
  @Override
  public int output(
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
    int done = count - count % L;
    if (done > 0) {
      outputTop(m, k0, step, bias, out, dst0, done, groups, ks, ds);
      outputBottom(m, k0, step, bias, out, dst0 + wo, done, groups, ks, ds);
    }
    return done;
  }

  /** Output row 0: {@code s0j = mj + m(4+j) + m(8+j)}, times {@code A}, plus the bias. */
  private static void outputTop(
      double[] m,
      int k0,
      int step,
      double[] bias,
      double[] out,
      int dst0,
      int n,
      int groups,
      int ks,
      int ds) {
    for (int g = 0; g < groups; g++) {
      DoubleVector bv = DoubleVector.broadcast(S, bias == null ? 0.0 : bias[g]);
      for (int i = 0, k = k0 + g * ks, dst = dst0 + g * ds; i < n; i += L, k += L, dst += 2 * L) {
        DoubleVector s00 =
            DoubleVector.fromArray(S, m, k)
                .add(DoubleVector.fromArray(S, m, k + 4 * step))
                .add(DoubleVector.fromArray(S, m, k + 8 * step));
        DoubleVector s01 =
            DoubleVector.fromArray(S, m, k + step)
                .add(DoubleVector.fromArray(S, m, k + 5 * step))
                .add(DoubleVector.fromArray(S, m, k + 9 * step));
        DoubleVector s02 =
            DoubleVector.fromArray(S, m, k + 2 * step)
                .add(DoubleVector.fromArray(S, m, k + 6 * step))
                .add(DoubleVector.fromArray(S, m, k + 10 * step));
        DoubleVector s03 =
            DoubleVector.fromArray(S, m, k + 3 * step)
                .add(DoubleVector.fromArray(S, m, k + 7 * step))
                .add(DoubleVector.fromArray(S, m, k + 11 * step));
        DoubleVector even = s00.add(s01).add(s02).add(bv);
        DoubleVector odd = s01.sub(s02).sub(s03).add(bv);
        even.rearrange(ZIP_LO).blend(odd.rearrange(ZIP_LO), ODD_LANES).intoArray(out, dst);
        even.rearrange(ZIP_HI).blend(odd.rearrange(ZIP_HI), ODD_LANES).intoArray(out, dst + L);
      }
    }
  }

  /** Output row 1: {@code s1j = m(4+j) - m(8+j) - m(12+j)}, times {@code A}, plus the bias. */
  private static void outputBottom(
      double[] m,
      int k0,
      int step,
      double[] bias,
      double[] out,
      int dst0,
      int n,
      int groups,
      int ks,
      int ds) {
    for (int g = 0; g < groups; g++) {
      DoubleVector bv = DoubleVector.broadcast(S, bias == null ? 0.0 : bias[g]);
      for (int i = 0, k = k0 + g * ks, dst = dst0 + g * ds; i < n; i += L, k += L, dst += 2 * L) {
        DoubleVector s10 =
            DoubleVector.fromArray(S, m, k + 4 * step)
                .sub(DoubleVector.fromArray(S, m, k + 8 * step))
                .sub(DoubleVector.fromArray(S, m, k + 12 * step));
        DoubleVector s11 =
            DoubleVector.fromArray(S, m, k + 5 * step)
                .sub(DoubleVector.fromArray(S, m, k + 9 * step))
                .sub(DoubleVector.fromArray(S, m, k + 13 * step));
        DoubleVector s12 =
            DoubleVector.fromArray(S, m, k + 6 * step)
                .sub(DoubleVector.fromArray(S, m, k + 10 * step))
                .sub(DoubleVector.fromArray(S, m, k + 14 * step));
        DoubleVector s13 =
            DoubleVector.fromArray(S, m, k + 7 * step)
                .sub(DoubleVector.fromArray(S, m, k + 11 * step))
                .sub(DoubleVector.fromArray(S, m, k + 15 * step));
        DoubleVector even = s10.add(s11).add(s12).add(bv);
        DoubleVector odd = s11.sub(s12).sub(s13).add(bv);
        even.rearrange(ZIP_LO).blend(odd.rearrange(ZIP_LO), ODD_LANES).intoArray(out, dst);
        even.rearrange(ZIP_HI).blend(odd.rearrange(ZIP_HI), ODD_LANES).intoArray(out, dst + L);
      }
    }
  }

  /**
   * In two passes over the groups and tiles, planes 0-7 then planes 8-15, for the reason given at
   * {@link #input} (the last four stores of the one-pass body fell back to the boxing Java path).
   */
  @Override
  public int gradient(
      double[] dy,
      int src,
      int wo,
      double[] dm,
      int k,
      int step,
      int count,
      int groups,
      int ss,
      int ks) {
    int done = count - count % L;
    if (done > 0) {
      gradientTop(dy, src, wo, dm, k, step, done, groups, ss, ks);
      gradientBottom(dy, src, wo, dm, k, step, done, groups, ss, ks);
    }
    return done;
  }

  /** Planes 0-7: rows 0 and 1 of {@code A dY} ({@code q0}, {@code q0 + q1}), times A^T. */
  private static void gradientTop(
      double[] dy,
      int src0,
      int wo,
      double[] dm,
      int k0,
      int step,
      int n,
      int groups,
      int ss,
      int ks) {
    for (int g = 0; g < groups; g++) {
      for (int i = 0, src = src0 + g * ss, k = k0 + g * ks; i < n; i += L, src += 2 * L, k += L) {
        DoubleVector top0 = DoubleVector.fromArray(S, dy, src);
        DoubleVector top1 = DoubleVector.fromArray(S, dy, src + L);
        DoubleVector bot0 = DoubleVector.fromArray(S, dy, src + wo);
        DoubleVector bot1 = DoubleVector.fromArray(S, dy, src + wo + L);
        DoubleVector q00 = top0.rearrange(EVENS).blend(top1.rearrange(EVENS), UPPER_HALF);
        DoubleVector q01 = top0.rearrange(ODDS).blend(top1.rearrange(ODDS), UPPER_HALF);
        DoubleVector q10 = bot0.rearrange(EVENS).blend(bot1.rearrange(EVENS), UPPER_HALF);
        DoubleVector q11 = bot0.rearrange(ODDS).blend(bot1.rearrange(ODDS), UPPER_HALF);
        DoubleVector a1 = q00.add(q10);
        DoubleVector b1 = q01.add(q11);
        q00.intoArray(dm, k);
        q00.add(q01).intoArray(dm, k + step);
        q00.sub(q01).intoArray(dm, k + 2 * step);
        q01.neg().intoArray(dm, k + 3 * step);
        a1.intoArray(dm, k + 4 * step);
        a1.add(b1).intoArray(dm, k + 5 * step);
        a1.sub(b1).intoArray(dm, k + 6 * step);
        b1.neg().intoArray(dm, k + 7 * step);
      }
    }
  }

  /** Planes 8-15: rows 2 and 3 of {@code A dY} ({@code q0 - q1}, {@code -q1}), times A^T. */
  private static void gradientBottom(
      double[] dy,
      int src0,
      int wo,
      double[] dm,
      int k0,
      int step,
      int n,
      int groups,
      int ss,
      int ks) {
    for (int g = 0; g < groups; g++) {
      for (int i = 0, src = src0 + g * ss, k = k0 + g * ks; i < n; i += L, src += 2 * L, k += L) {
        DoubleVector top0 = DoubleVector.fromArray(S, dy, src);
        DoubleVector top1 = DoubleVector.fromArray(S, dy, src + L);
        DoubleVector bot0 = DoubleVector.fromArray(S, dy, src + wo);
        DoubleVector bot1 = DoubleVector.fromArray(S, dy, src + wo + L);
        DoubleVector q00 = top0.rearrange(EVENS).blend(top1.rearrange(EVENS), UPPER_HALF);
        DoubleVector q01 = top0.rearrange(ODDS).blend(top1.rearrange(ODDS), UPPER_HALF);
        DoubleVector q10 = bot0.rearrange(EVENS).blend(bot1.rearrange(EVENS), UPPER_HALF);
        DoubleVector q11 = bot0.rearrange(ODDS).blend(bot1.rearrange(ODDS), UPPER_HALF);
        DoubleVector a2 = q00.sub(q10);
        DoubleVector b2 = q01.sub(q11);
        DoubleVector a3 = q10.neg();
        DoubleVector b3 = q11.neg();
        a2.intoArray(dm, k + 8 * step);
        a2.add(b2).intoArray(dm, k + 9 * step);
        a2.sub(b2).intoArray(dm, k + 10 * step);
        b2.neg().intoArray(dm, k + 11 * step);
        a3.intoArray(dm, k + 12 * step);
        a3.add(b3).intoArray(dm, k + 13 * step);
        a3.sub(b3).intoArray(dm, k + 14 * step);
        b3.neg().intoArray(dm, k + 15 * step);
      }
    }
  }

  @Override
  public int unzip(double[] x, int src, double[] pad, int even, int odd, int count) {
    int done = 0;
    for (; done + L <= count; done += L, src += 2 * L) {
      DoubleVector a = DoubleVector.fromArray(S, x, src);
      DoubleVector b = DoubleVector.fromArray(S, x, src + L);
      a.rearrange(EVENS).blend(b.rearrange(EVENS), UPPER_HALF).intoArray(pad, even + done);
      a.rearrange(ODDS).blend(b.rearrange(ODDS), UPPER_HALF).intoArray(pad, odd + done);
    }
    return done;
  }
}

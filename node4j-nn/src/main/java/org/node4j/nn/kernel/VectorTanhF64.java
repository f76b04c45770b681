package org.node4j.nn.kernel;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float64 tanh with the Vector API, from IEEE operations only (loaded only through {@link
 * Elementwise}), so that it gives the same bits in the interpreter and in compiled code.
 *
 * <p>With a = |x| (the sign is put back at the end; tanh is odd), tanh a = m / (m + 2) with m =
 * e^(2a) - 1, which has no cancellation for a &ge; 0, so one branch-free formula covers every a.
 * expm1 by the usual range reduction (Tang, "Table-driven implementation of the exponential
 * function in IEEE floating-point arithmetic", ACM TOMS 15(2), 1989, without the table): 2a = k ln
 * 2 + r, k rounded by adding 1.5 * 2^52, r from a two-part ln 2 with fused multiply-adds, so |r|
 * &le; 0.347; e^r - 1 = r + r^2 Q(r) by its Taylor polynomial of degree 13 (truncation 1.2e-17
 * relative); then m = 2^k (e^r - 1) + (2^k - 1), both terms of one sign when k &ge; 1, 2^k built in
 * the exponent bits. a is clamped to 20 (tanh rounds to 1 from 19.1 on), and below 2^-27 tanh a
 * rounds to a, which is returned as it is. The result is within 2 ulps of the correctly rounded
 * tanh, as {@link Math#tanh} (fdlibm) is (checked against a 40-digit reference in the tests). An
 * earlier version evaluated the Taylor series of tanh to a^47 below a = 0.625 as well as the
 * exponential form, about twice the operations.
 *
 * <p>A range's last partial vector is copied to a per-thread buffer and computed as a whole vector,
 * so every element is computed the same way wherever it lies. {@code x} and {@code y} may be the
 * same array.
 */
final class VectorTanhF64 implements Elementwise.TanhKernel {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Below 2^-27, a^3 / 3 is under half an ulp of a: tanh a rounds to a. */
  private static final double TINY = 0x1p-27;

  private static final double CLAMP = 20.0;

  /**
   * Whether the two selects (the clamp, the tiny arguments) are a compare and a blend, on vectors
   * of at most 256 bits: with AVX2 they are two instructions each where the other forms take four
   * and five, and the kernel ran 10-25 % faster on JDK 17 and 25 with the same bits. With wider
   * vectors the bitwise forms stay: an earlier profile on the AVX-512 machine saw a blend with a
   * computed mask fall back to the Vector API's per-lane Java code. A constant, so C2 compiles one
   * form only.
   */
  private static final boolean BLEND = S.vectorBitSize() <= 256;

  private static final double ROUNDER = 0x1.8p52;
  private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
  private static final double INV_LN2 = 1.4426950408889634;

  /** fdlibm's ln 2 split: the high part has 32 trailing zero bits, so k * LN2_HI is exact. */
  private static final double LN2_HI = 6.93147180369123816490e-01;

  private static final double LN2_LO = 1.90821492927058770002e-10;

  /** 1 / n! for n = 2 .. 13, the coefficients of Q. */
  private static final double E2 = 0.5;

  private static final double E3 = 0.16666666666666666;
  private static final double E4 = 0.041666666666666664;
  private static final double E5 = 0.008333333333333333;
  private static final double E6 = 0.001388888888888889;
  private static final double E7 = 0.0001984126984126984;
  private static final double E8 = 2.48015873015873e-05;
  private static final double E9 = 2.7557319223985893e-06;
  private static final double E10 = 2.755731922398589e-07;
  private static final double E11 = 2.505210838544172e-08;
  private static final double E12 = 2.08767569878681e-09;
  private static final double E13 = 1.6059043836821613e-10;

  /*
   * The constants as vectors, made once: a broadcast written in the loop is one more Vector API
   * call for C2 to inline into the loop's method, and the method's inlining budget is what bounds
   * how much the loop body can hold (past it the calls are not intrinsified and the vectors are
   * boxed).
   */
  private static final DoubleVector V_INV_LN2 = DoubleVector.broadcast(S, INV_LN2);
  private static final DoubleVector V_ROUNDER = DoubleVector.broadcast(S, ROUNDER);
  private static final DoubleVector V_LN2_HI = DoubleVector.broadcast(S, LN2_HI);
  private static final DoubleVector V_LN2_LO = DoubleVector.broadcast(S, LN2_LO);
  private static final DoubleVector V_E2 = DoubleVector.broadcast(S, E2);
  private static final DoubleVector V_E3 = DoubleVector.broadcast(S, E3);
  private static final DoubleVector V_E4 = DoubleVector.broadcast(S, E4);
  private static final DoubleVector V_E5 = DoubleVector.broadcast(S, E5);
  private static final DoubleVector V_E6 = DoubleVector.broadcast(S, E6);
  private static final DoubleVector V_E7 = DoubleVector.broadcast(S, E7);
  private static final DoubleVector V_E8 = DoubleVector.broadcast(S, E8);
  private static final DoubleVector V_E9 = DoubleVector.broadcast(S, E9);
  private static final DoubleVector V_E10 = DoubleVector.broadcast(S, E10);
  private static final DoubleVector V_E11 = DoubleVector.broadcast(S, E11);
  private static final DoubleVector V_E12 = DoubleVector.broadcast(S, E12);
  private static final DoubleVector V_E13 = DoubleVector.broadcast(S, E13);

  /** Public no-argument constructor for the reflective instantiation in {@link Elementwise}. */
  public VectorTanhF64() {}

  @Override
  public void tanh(double[] x, double[] y, int from, int to) {
    int whole = (to - from) / L * L;
    run(x, from, y, from, whole);
    int i = from + whole;
    if (i < to) {
      double[] buf = Workspace.local().doubles(Workspace.Slot.LANES, L);
      Arrays.fill(buf, 0, L, 0.0);
      System.arraycopy(x, i, buf, 0, to - i);
      run(buf, 0, buf, 0, L);
      System.arraycopy(buf, 0, y, i, to - i);
    }
  }

  /**
   * tanh of {@code len} (a multiple of L) elements from {@code x[xi]} to {@code y[yi]} (which may
   * be the same place). Everything is written out in this one method, the polynomials unrolled: C2
   * keeps a vector in a register only inside one compiled body, and a helper taking or returning a
   * vector that it compiled on its own first is not inlined into its caller ("already compiled into
   * a big method"), so each call boxed its vectors and ran the Vector API's Java fallback (28 ns
   * per element instead of about 1).
   */
  private static void run(double[] x, int xi, double[] y, int yi, int len) {
    for (int j = 0; j < len; j += L) {
      DoubleVector v = DoubleVector.fromArray(S, x, xi + j);
      DoubleVector a = v.abs();
      // min(a, CLAMP); with BLEND a compare and a blend (vcmppd, vblendvpd), where a.min(CLAMP)
      // keeps Math.min's NaN and signed-zero rules, five instructions on AVX2 (a NaN compares
      // false and stays NaN either way)
      DoubleVector yv =
          (BLEND ? a.blend(CLAMP, a.compare(VectorOperators.GT, CLAMP)) : a.min(CLAMP)).mul(2.0);
      DoubleVector kr = yv.fma(V_INV_LN2, V_ROUNDER);
      DoubleVector k = kr.sub(V_ROUNDER);
      DoubleVector r = k.neg().fma(V_LN2_HI, yv);
      r = k.neg().fma(V_LN2_LO, r);
      // Q(r) = E2 + E3 r + ... + E13 r^11 by Estrin's scheme: pairs, then pairs of pairs, a chain
      // of five multiply-adds where Horner's rule has eleven (the loop waited out their latency).
      DoubleVector r2 = r.mul(r);
      DoubleVector r4 = r2.mul(r2);
      DoubleVector q23 = r.fma(V_E3, V_E2);
      DoubleVector q45 = r.fma(V_E5, V_E4);
      DoubleVector q67 = r.fma(V_E7, V_E6);
      DoubleVector q89 = r.fma(V_E9, V_E8);
      DoubleVector q1011 = r.fma(V_E11, V_E10);
      DoubleVector q1213 = r.fma(V_E13, V_E12);
      DoubleVector q25 = r2.fma(q45, q23);
      DoubleVector q69 = r2.fma(q89, q67);
      DoubleVector q1013 = r2.fma(q1213, q1011);
      DoubleVector q = r4.fma(r4.fma(q1013, q69), q25);
      DoubleVector p = r2.fma(q, r);
      DoubleVector scale =
          kr.reinterpretAsLongs()
              .sub(ROUNDER_BITS - 1023L)
              .lanewise(VectorOperators.LSHL, 52)
              .reinterpretAsDoubles();
      DoubleVector m = scale.fma(p, scale.sub(1.0));
      DoubleVector t = m.div(m.add(2.0));
      // a where a < 2^-27: with BLEND a compare and a blend, otherwise a bitwise select on the
      // sign bit of a - 2^-27 (a 64-bit arithmetic shift: one instruction with AVX-512, four
      // with AVX2)
      LongVector ta;
      if (BLEND) {
        ta = t.blend(a, a.compare(VectorOperators.LT, TINY)).reinterpretAsLongs();
      } else {
        LongVector tiny = a.sub(TINY).reinterpretAsLongs().lanewise(VectorOperators.ASHR, 63);
        ta =
            a.reinterpretAsLongs()
                .and(tiny)
                .or(t.reinterpretAsLongs().lanewise(VectorOperators.AND_NOT, tiny));
      }
      LongVector sign = v.reinterpretAsLongs().and(Long.MIN_VALUE);
      ta.or(sign).reinterpretAsDoubles().intoArray(y, yi + j);
    }
  }
}

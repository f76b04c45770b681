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
 * the exponent bits. a is clamped to 20 (tanh rounds to 1 from 19.1 on). Tiny arguments need no
 * case of their own: below 2^-27, k = 0 and m = e^(2a) - 1 from the polynomial alone, m / (m + 2)
 * stays within 2 ulps (the tests check it down to the subnormals) and is a itself once m + 2 rounds
 * to 2. A select that returned a there cost a compare and a blend per vector and held a in a
 * register through the loop; the kernel ran about 15 % faster without it. The result is within 2
 * ulps of the correctly rounded tanh, as {@link Math#tanh} (fdlibm) is (checked against a 40-digit
 * reference in the tests). An earlier version evaluated the Taylor series of tanh to a^47 below a =
 * 0.625 as well as the exponential form, about twice the operations.
 *
 * <p>A range's last partial vector is copied to a per-thread buffer and computed as a whole vector,
 * so every element is computed the same way wherever it lies. {@code x} and {@code y} may be the
 * same array.
 */
final class VectorTanhF64 implements Elementwise.TanhKernel {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private static final double CLAMP = 20.0;

  /**
   * Whether the clamp is a compare and a blend, on vectors of at most 256 bits: with AVX2 that is
   * two instructions where {@code a.min(CLAMP)}, which keeps Java's NaN and signed-zero rules, is
   * five, and the kernel ran 10-25 % faster on JDK 17 and 25 with the same bits. With wider vectors
   * the minimum stays: an earlier profile on the AVX-512 machine saw a blend with a computed mask
   * fall back to the Vector API's per-lane Java code. A constant, so C2 compiles one form only.
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
   * The constants, each repeated over one vector's lanes in one array that the loop reads through a
   * parameter, at the offsets below. C2 then addresses each as [array + offset] from one register,
   * most as the memory operand of a multiply-add. Static final vectors were constants to C2, and
   * each use rematerialised the vector's address with a 10-byte movabs and loaded it again (a
   * multiply-add overwrites its addend): about 75 instructions per vector where this takes 55, and
   * the kernel ran 3-9 % faster with the same bits. A broadcast written in the loop would be one
   * more Vector API call for C2 to inline into the loop's method, whose inlining budget bounds how
   * much the loop body can hold (past it the calls are not intrinsified and the vectors are boxed).
   */
  private static final int K_INV_LN2 = 0;
  private static final int K_ROUNDER = L;
  private static final int K_MINUS_LN2_HI = 2 * L;
  private static final int K_MINUS_LN2_LO = 3 * L;

  /** The offset of E2; E3..E13 follow in order. */
  private static final int K_E2 = 4 * L;

  private final double[] constants = constants();

  private static double[] constants() {
    double[] c = {
      INV_LN2, ROUNDER, -LN2_HI, -LN2_LO, E2, E3, E4, E5, E6, E7, E8, E9, E10, E11, E12, E13
    };
    double[] k = new double[c.length * L];
    for (int i = 0; i < c.length; i++) {
      Arrays.fill(k, i * L, (i + 1) * L, c[i]);
    }
    return k;
  }

  /** Public no-argument constructor for the reflective instantiation in {@link Elementwise}. */
  public VectorTanhF64() {}

  @Override
  public void tanh(double[] x, double[] y, int from, int to) {
    int whole = (to - from) / L * L;
    run(x, from, y, from, whole, constants);
    int i = from + whole;
    if (i < to) {
      double[] buf = Workspace.local().doubles(Workspace.Slot.LANES, L);
      Arrays.fill(buf, 0, L, 0.0);
      System.arraycopy(x, i, buf, 0, to - i);
      run(buf, 0, buf, 0, L, constants);
      System.arraycopy(buf, 0, y, i, to - i);
    }
  }

  /**
   * tanh of {@code len} (a multiple of L) elements from {@code x[xi]} to {@code y[yi]} (which may
   * be the same place). Everything is written out in this one method, the polynomials unrolled: C2
   * keeps a vector in a register only inside one compiled body, and a helper taking or returning a
   * vector that it compiled on its own first is not inlined into its caller ("already compiled into
   * a big method"), so each call boxed its vectors and ran the Vector API's Java fallback (28 ns
   * per element instead of about 1). {@code c} holds the constants (see {@link #constants()}).
   */
  private static void run(double[] x, int xi, double[] y, int yi, int len, double[] c) {
    for (int j = 0; j < len; j += L) {
      DoubleVector v = DoubleVector.fromArray(S, x, xi + j);
      DoubleVector a = v.abs();
      // min(a, CLAMP); with BLEND a compare and a blend (vcmppd, vblendvpd), where a.min(CLAMP)
      // keeps Math.min's NaN and signed-zero rules, five instructions on AVX2 (a NaN compares
      // false and stays NaN either way)
      DoubleVector yv =
          (BLEND ? a.blend(CLAMP, a.compare(VectorOperators.GT, CLAMP)) : a.min(CLAMP)).mul(2.0);
      DoubleVector kr =
          yv.fma(DoubleVector.fromArray(S, c, K_INV_LN2), DoubleVector.fromArray(S, c, K_ROUNDER));
      DoubleVector k = kr.sub(DoubleVector.fromArray(S, c, K_ROUNDER));
      // r = 2a - k ln 2, with ln 2 in two parts (fdlibm's split)
      DoubleVector r = k.fma(DoubleVector.fromArray(S, c, K_MINUS_LN2_HI), yv);
      r = k.fma(DoubleVector.fromArray(S, c, K_MINUS_LN2_LO), r);
      // Q(r) = E2 + E3 r + ... + E13 r^11 by Estrin's scheme: pairs, then pairs of pairs, a chain
      // of five multiply-adds where Horner's rule has eleven (the loop waited out their latency).
      DoubleVector r2 = r.mul(r);
      DoubleVector r4 = r2.mul(r2);
      DoubleVector q23 =
          r.fma(DoubleVector.fromArray(S, c, K_E2 + L), DoubleVector.fromArray(S, c, K_E2));
      DoubleVector q45 =
          r.fma(
              DoubleVector.fromArray(S, c, K_E2 + 3 * L),
              DoubleVector.fromArray(S, c, K_E2 + 2 * L));
      DoubleVector q67 =
          r.fma(
              DoubleVector.fromArray(S, c, K_E2 + 5 * L),
              DoubleVector.fromArray(S, c, K_E2 + 4 * L));
      DoubleVector q89 =
          r.fma(
              DoubleVector.fromArray(S, c, K_E2 + 7 * L),
              DoubleVector.fromArray(S, c, K_E2 + 6 * L));
      DoubleVector q1011 =
          r.fma(
              DoubleVector.fromArray(S, c, K_E2 + 9 * L),
              DoubleVector.fromArray(S, c, K_E2 + 8 * L));
      DoubleVector q1213 =
          r.fma(
              DoubleVector.fromArray(S, c, K_E2 + 11 * L),
              DoubleVector.fromArray(S, c, K_E2 + 10 * L));
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
      LongVector sign = v.reinterpretAsLongs().and(Long.MIN_VALUE);
      t.reinterpretAsLongs().or(sign).reinterpretAsDoubles().intoArray(y, yi + j);
    }
  }
}

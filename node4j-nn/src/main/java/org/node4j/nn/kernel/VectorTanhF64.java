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
 * <p>With a = |x| (the sign is put back at the end; tanh is odd):
 *
 * <ul>
 *   <li>a &lt; 0.625: the Taylor series a + a^3 P(a^2) through a^47 (coefficients 2^2n (2^2n - 1)
 *       B_2n / (2n)!, Abramowitz and Stegun 4.5.64); it alternates, so the truncation error is
 *       below the next term, 6e-20 relative at a = 0.625.
 *   <li>otherwise tanh = 1 - 2 / (e^(2a) + 1), a clamped to 20 (tanh rounds to 1 from 19.1 on). e^y
 *       by the usual range reduction (Tang, "Table-driven implementation of the exponential
 *       function in IEEE floating-point arithmetic", ACM TOMS 15(2), 1989, without the table): y =
 *       k ln 2 + r with k rounded by adding 1.5 * 2^52, r from a two-part ln 2 with fused
 *       multiply-adds, so |r| &le; 0.35; e^r by its Taylor polynomial of degree 14 (truncation
 *       4e-18); 2^k built in the exponent bits.
 * </ul>
 *
 * <p>A range's last partial vector is copied to a per-thread buffer and computed as a whole vector,
 * so every element is computed the same way wherever it lies. {@code x} and {@code y} may be the
 * same array.
 */
final class VectorTanhF64 implements Elementwise.TanhKernel {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final double SMALL = 0.625;
  private static final double CLAMP = 20.0;
  private static final double ROUNDER = 0x1.8p52;
  private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
  private static final double INV_LN2 = 1.4426950408889634;

  /** fdlibm's ln 2 split: the high part has 32 trailing zero bits, so k * LN2_HI is exact. */
  private static final double LN2_HI = 6.93147180369123816490e-01;

  private static final double LN2_LO = 1.90821492927058770002e-10;

  /** tanh's Taylor coefficients of a^3, a^5, ..., a^47. */
  private static final double T3 = -0.3333333333333333;

  private static final double T5 = 0.13333333333333333;
  private static final double T7 = -0.05396825396825397;
  private static final double T9 = 0.021869488536155203;
  private static final double T11 = -0.008863235529902197;
  private static final double T13 = 0.003592128036572481;
  private static final double T15 = -0.0014558343870513183;
  private static final double T17 = 0.000590027440945586;
  private static final double T19 = -0.00023912911424355248;
  private static final double T21 = 9.691537956929451e-05;
  private static final double T23 = -3.927832388331683e-05;
  private static final double T25 = 1.5918905069328964e-05;
  private static final double T27 = -6.451689215655431e-06;
  private static final double T29 = 2.6147711512907546e-06;
  private static final double T31 = -1.0597268320104654e-06;
  private static final double T33 = 4.294911078273806e-07;
  private static final double T35 = -1.7406618963571648e-07;
  private static final double T37 = 7.054636946400968e-08;
  private static final double T39 = -2.859136662305254e-08;
  private static final double T41 = 1.1587644432798853e-08;
  private static final double T43 = -4.6962953982309016e-09;
  private static final double T45 = 1.903336833931276e-09;
  private static final double T47 = -7.713933635359062e-10;

  /** 1 / n! for n = 0 .. 14. */
  private static final double E0 = 1.0;

  private static final double E1 = 1.0;
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
  private static final double E14 = 1.1470745597729725e-11;

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
      // 1 - 2 / (e^(2a) + 1), for a >= 0.625 (or NaN)
      DoubleVector yv = a.min(CLAMP).mul(2.0);
      DoubleVector kr =
          yv.fma(DoubleVector.broadcast(S, INV_LN2), DoubleVector.broadcast(S, ROUNDER));
      DoubleVector k = kr.sub(ROUNDER);
      DoubleVector r = k.neg().fma(DoubleVector.broadcast(S, LN2_HI), yv);
      r = k.neg().fma(DoubleVector.broadcast(S, LN2_LO), r);
      DoubleVector e = DoubleVector.broadcast(S, E14);
      e = e.fma(r, DoubleVector.broadcast(S, E13));
      e = e.fma(r, DoubleVector.broadcast(S, E12));
      e = e.fma(r, DoubleVector.broadcast(S, E11));
      e = e.fma(r, DoubleVector.broadcast(S, E10));
      e = e.fma(r, DoubleVector.broadcast(S, E9));
      e = e.fma(r, DoubleVector.broadcast(S, E8));
      e = e.fma(r, DoubleVector.broadcast(S, E7));
      e = e.fma(r, DoubleVector.broadcast(S, E6));
      e = e.fma(r, DoubleVector.broadcast(S, E5));
      e = e.fma(r, DoubleVector.broadcast(S, E4));
      e = e.fma(r, DoubleVector.broadcast(S, E3));
      e = e.fma(r, DoubleVector.broadcast(S, E2));
      e = e.fma(r, DoubleVector.broadcast(S, E1));
      e = e.fma(r, DoubleVector.broadcast(S, E0));
      DoubleVector scale =
          kr.reinterpretAsLongs()
              .sub(ROUNDER_BITS - 1023L)
              .lanewise(VectorOperators.LSHL, 52)
              .reinterpretAsDoubles();
      e = e.mul(scale);
      DoubleVector t = DoubleVector.broadcast(S, 2.0).div(e.add(1.0)).neg().add(1.0);
      if (a.compare(VectorOperators.LT, SMALL).anyTrue()) {
        // a + a^3 P(a^2), for 0 <= a < 0.625, selected with the sign bit of a - 0.625 spread over
        // the lane (a bitwise select, which the JIT compiles in every case, where blend with a
        // computed mask fell back to a per-lane loop in profiles)
        DoubleVector a2 = a.mul(a);
        DoubleVector p = DoubleVector.broadcast(S, T47);
        p = p.fma(a2, DoubleVector.broadcast(S, T45));
        p = p.fma(a2, DoubleVector.broadcast(S, T43));
        p = p.fma(a2, DoubleVector.broadcast(S, T41));
        p = p.fma(a2, DoubleVector.broadcast(S, T39));
        p = p.fma(a2, DoubleVector.broadcast(S, T37));
        p = p.fma(a2, DoubleVector.broadcast(S, T35));
        p = p.fma(a2, DoubleVector.broadcast(S, T33));
        p = p.fma(a2, DoubleVector.broadcast(S, T31));
        p = p.fma(a2, DoubleVector.broadcast(S, T29));
        p = p.fma(a2, DoubleVector.broadcast(S, T27));
        p = p.fma(a2, DoubleVector.broadcast(S, T25));
        p = p.fma(a2, DoubleVector.broadcast(S, T23));
        p = p.fma(a2, DoubleVector.broadcast(S, T21));
        p = p.fma(a2, DoubleVector.broadcast(S, T19));
        p = p.fma(a2, DoubleVector.broadcast(S, T17));
        p = p.fma(a2, DoubleVector.broadcast(S, T15));
        p = p.fma(a2, DoubleVector.broadcast(S, T13));
        p = p.fma(a2, DoubleVector.broadcast(S, T11));
        p = p.fma(a2, DoubleVector.broadcast(S, T9));
        p = p.fma(a2, DoubleVector.broadcast(S, T7));
        p = p.fma(a2, DoubleVector.broadcast(S, T5));
        p = p.fma(a2, DoubleVector.broadcast(S, T3));
        DoubleVector series = a.mul(a2).fma(p, a);
        LongVector m = a.sub(SMALL).reinterpretAsLongs().lanewise(VectorOperators.ASHR, 63);
        LongVector sm = series.reinterpretAsLongs().and(m);
        LongVector o = t.reinterpretAsLongs().lanewise(VectorOperators.AND_NOT, m);
        t = sm.or(o).reinterpretAsDoubles();
      }
      LongVector sign = v.reinterpretAsLongs().and(Long.MIN_VALUE);
      t.reinterpretAsLongs().or(sign).reinterpretAsDoubles().intoArray(y, yi + j);
    }
  }
}

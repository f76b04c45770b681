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
  private static final int BLOCK = 256;
  private static final double CLAMP = 20.0;
  private static final double ROUNDER = 0x1.8p52;
  private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
  private static final double INV_LN2 = 1.4426950408889634;

  /** fdlibm's ln 2 split: the high part has 32 trailing zero bits, so k * LN2_HI is exact. */
  private static final double LN2_HI = 6.93147180369123816490e-01;

  private static final double LN2_LO = 1.90821492927058770002e-10;

  /** tanh's Taylor coefficients of a^3, a^5, ..., a^47. */
  private static final double[] ODD = {
    -0.3333333333333333,
    0.13333333333333333,
    -0.05396825396825397,
    0.021869488536155203,
    -0.008863235529902197,
    0.003592128036572481,
    -0.0014558343870513183,
    0.000590027440945586,
    -0.00023912911424355248,
    9.691537956929451e-05,
    -3.927832388331683e-05,
    1.5918905069328964e-05,
    -6.451689215655431e-06,
    2.6147711512907546e-06,
    -1.0597268320104654e-06,
    4.294911078273806e-07,
    -1.7406618963571648e-07,
    7.054636946400968e-08,
    -2.859136662305254e-08,
    1.1587644432798853e-08,
    -4.6962953982309016e-09,
    1.903336833931276e-09,
    -7.713933635359062e-10,
  };

  /** 1 / n! for n = 0 .. 14. */
  private static final double[] EXP = {
    1.0,
    1.0,
    0.5,
    0.16666666666666666,
    0.041666666666666664,
    0.008333333333333333,
    0.001388888888888889,
    0.0001984126984126984,
    2.48015873015873e-05,
    2.7557319223985893e-06,
    2.755731922398589e-07,
    2.505210838544172e-08,
    2.08767569878681e-09,
    1.6059043836821613e-10,
    1.1470745597729725e-11,
  };

  /** Public no-argument constructor for the reflective instantiation in {@link Elementwise}. */
  public VectorTanhF64() {}

  @Override
  public void tanh(double[] x, double[] y, int from, int to) {
    double[] buf = Workspace.local().doubles(Workspace.Slot.LANES, BLOCK + L);
    int i = from;
    while (to - i >= L) {
      int len = Math.min(BLOCK, (to - i) / L * L);
      block(x, i, y, i, len, buf);
      i += len;
    }
    if (i < to) {
      Arrays.fill(buf, BLOCK, BLOCK + L, 0.0);
      System.arraycopy(x, i, buf, BLOCK, to - i);
      block(buf, BLOCK, buf, BLOCK, L, buf);
      System.arraycopy(buf, BLOCK, y, i, to - i);
    }
  }

  /**
   * tanh of {@code len} (a multiple of L, at most {@value #BLOCK}) elements from {@code x[xi]} to
   * {@code y[yi]} (which may be the same place), with {@code s[0 .. len)} as scratch: one pass for
   * the exponential form, then one for the series where any lane needs it. Each pass keeps its
   * vectors inside one method, so the JIT never boxes them across a call that it did not inline.
   */
  private static void block(double[] x, int xi, double[] y, int yi, int len, double[] s) {
    for (int j = 0; j < len; j += L) {
      viaExp(DoubleVector.fromArray(S, x, xi + j).abs()).intoArray(s, j);
    }
    for (int j = 0; j < len; j += L) {
      DoubleVector v = DoubleVector.fromArray(S, x, xi + j);
      DoubleVector a = v.abs();
      DoubleVector t = DoubleVector.fromArray(S, s, j);
      if (a.compare(VectorOperators.LT, SMALL).anyTrue()) {
        t = select(a, series(a), t);
      }
      LongVector sign = v.reinterpretAsLongs().and(Long.MIN_VALUE);
      t.reinterpretAsLongs().or(sign).reinterpretAsDoubles().intoArray(y, yi + j);
    }
  }

  /**
   * Lanes of {@code ifSmall} where a &lt; 0.625, else of {@code otherwise}, selected with the sign
   * bit of a - 0.625 spread over the lane (a bitwise select, which the JIT compiles in every case,
   * where {@code blend} with a computed mask fell back to a per-lane loop in profiles).
   */
  private static DoubleVector select(DoubleVector a, DoubleVector ifSmall, DoubleVector otherwise) {
    LongVector m = a.sub(SMALL).reinterpretAsLongs().lanewise(VectorOperators.ASHR, 63);
    LongVector s = ifSmall.reinterpretAsLongs().and(m);
    LongVector o = otherwise.reinterpretAsLongs().lanewise(VectorOperators.AND_NOT, m);
    return s.or(o).reinterpretAsDoubles();
  }

  /** a + a^3 P(a^2), for 0 &le; a &lt; 0.625. */
  private static DoubleVector series(DoubleVector a) {
    DoubleVector a2 = a.mul(a);
    DoubleVector p = DoubleVector.broadcast(S, ODD[ODD.length - 1]);
    for (int i = ODD.length - 2; i >= 0; i--) {
      p = p.fma(a2, DoubleVector.broadcast(S, ODD[i]));
    }
    return a.mul(a2).fma(p, a);
  }

  /** 1 - 2 / (e^(2a) + 1), for a &ge; 0.625 (or NaN). */
  private static DoubleVector viaExp(DoubleVector a) {
    DoubleVector yv = a.min(CLAMP).mul(2.0);
    DoubleVector kr =
        yv.fma(DoubleVector.broadcast(S, INV_LN2), DoubleVector.broadcast(S, ROUNDER));
    DoubleVector k = kr.sub(ROUNDER);
    DoubleVector r = k.neg().fma(DoubleVector.broadcast(S, LN2_HI), yv);
    r = k.neg().fma(DoubleVector.broadcast(S, LN2_LO), r);
    DoubleVector p = DoubleVector.broadcast(S, EXP[EXP.length - 1]);
    for (int i = EXP.length - 2; i >= 0; i--) {
      p = p.fma(r, DoubleVector.broadcast(S, EXP[i]));
    }
    DoubleVector scale =
        kr.reinterpretAsLongs()
            .sub(ROUNDER_BITS - 1023L)
            .lanewise(VectorOperators.LSHL, 52)
            .reinterpretAsDoubles();
    DoubleVector e = p.mul(scale);
    return DoubleVector.broadcast(S, 2.0).div(e.add(1.0)).neg().add(1.0);
  }
}

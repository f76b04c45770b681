package org.node4j.nn.ops;

/**
 * The error function and its complement in float64 to within about one ulp, for the exact (erf)
 * form of GELU; float32 callers round the result once.
 *
 * <p>Short polynomial fits such as Abramowitz and Stegun 7.1.26 are accurate to only about 1e-7,
 * which is visible in float64 finite-difference checks; convergent series and continued fractions
 * are accurate but cost tens of divisions per call, which made erf most of the CPU of a GELU
 * network. This class is a port of fdlibm's {@code s_erf.c} (Sun Microsystems, 1993; the version in
 * FreeBSD's msun and in the lineage of Java's {@code StrictMath}): piecewise rational
 * approximations on |x| &lt; 0.84375, &lt; 1.25, &lt; 1/0.35 and &lt; 6 (28 for erfc), each one
 * polynomial quotient, plus two {@link Math#exp} calls beyond 1.25. Beyond 1.25 erfc(x) = exp(-x^2
 * - 0.5625 + R(1/x^2)/S(1/x^2))/x, and exp(-x^2) is split as exp(-z^2 - 0.5625) exp((z - x)(z + x)
 * + R/S), with z equal to x with its low 32 bits cleared, so that z^2 is exact and the rounding
 * error of x^2 never reaches the exponent. fdlibm documents the fits' errors as below 2^-57.9 (erf,
 * |x| &lt; 0.84375), 2^-59.06 (|x| &lt; 1.25), 2^-62.57 and 2^-61.52 (the two erfc tails);
 * ErrorFunctionTest measures the result against 100-digit values.
 *
 * <p>The constants and the method are fdlibm's, under this notice:
 *
 * <pre>
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunPro, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 * </pre>
 */
public final class ErrorFunction {
  private static final double TINY = 1e-300;

  /** erf(1) rounded to float32: erf near 1 is this plus a small correction. */
  private static final double ERX = 8.45062911510467529297e-01;

  // 2/sqrt(pi) - 1, and 8 times it (the form used for subnormal arguments).
  private static final double EFX = 1.28379167095512586316e-01;
  private static final double EFX8 = 1.02703333676410069053e+00;
  // erf on [0, 0.84375]: erf(x) = x + x P(x^2)/Q(x^2)
  private static final double PP0 = 1.28379167095512558561e-01;
  private static final double PP1 = -3.25042107247001499370e-01;
  private static final double PP2 = -2.84817495755985104766e-02;
  private static final double PP3 = -5.77027029648944159157e-03;
  private static final double PP4 = -2.37630166566501626084e-05;
  private static final double QQ1 = 3.97917223959155352819e-01;
  private static final double QQ2 = 6.50222499887672944485e-02;
  private static final double QQ3 = 5.08130628187576562776e-03;
  private static final double QQ4 = 1.32494738004321644526e-04;
  private static final double QQ5 = -3.96022827877536812320e-06;
  // erf on [0.84375, 1.25]: erf(1 + s) = ERX + P(s)/Q(s)
  private static final double PA0 = -2.36211856075265944077e-03;
  private static final double PA1 = 4.14856118683748331666e-01;
  private static final double PA2 = -3.72207876035701323847e-01;
  private static final double PA3 = 3.18346619901161753674e-01;
  private static final double PA4 = -1.10894694282396677476e-01;
  private static final double PA5 = 3.54783043256182359371e-02;
  private static final double PA6 = -2.16637559486879084300e-03;
  private static final double QA1 = 1.06420880400844228286e-01;
  private static final double QA2 = 5.40397917702171048937e-01;
  private static final double QA3 = 7.18286544141962662868e-02;
  private static final double QA4 = 1.26171219808761642112e-01;
  private static final double QA5 = 1.36370839120290507362e-02;
  private static final double QA6 = 1.19844998467991074170e-02;
  // erfc on [1.25, 1/0.35]: the exponent's correction R(1/x^2)/S(1/x^2)
  private static final double RA0 = -9.86494403484714822705e-03;
  private static final double RA1 = -6.93858572707181764372e-01;
  private static final double RA2 = -1.05586262253232909814e+01;
  private static final double RA3 = -6.23753324503260060396e+01;
  private static final double RA4 = -1.62396669462573470355e+02;
  private static final double RA5 = -1.84605092906711035994e+02;
  private static final double RA6 = -8.12874355063065934246e+01;
  private static final double RA7 = -9.81432934416914548592e+00;
  private static final double SA1 = 1.96512716674392571292e+01;
  private static final double SA2 = 1.37657754143519042600e+02;
  private static final double SA3 = 4.34565877475229228821e+02;
  private static final double SA4 = 6.45387271733267880336e+02;
  private static final double SA5 = 4.29008140027567833386e+02;
  private static final double SA6 = 1.08635005541779435134e+02;
  private static final double SA7 = 6.57024977031928170135e+00;
  private static final double SA8 = -6.04244152148580987438e-02;
  // erfc on [1/0.35, 28]
  private static final double RB0 = -9.86494292470009928597e-03;
  private static final double RB1 = -7.99283237680523006574e-01;
  private static final double RB2 = -1.77579549177547519889e+01;
  private static final double RB3 = -1.60636384855821916062e+02;
  private static final double RB4 = -6.37566443368389627722e+02;
  private static final double RB5 = -1.02509513161107724954e+03;
  private static final double RB6 = -4.83519191608651397019e+02;
  private static final double SB1 = 3.03380607434824582924e+01;
  private static final double SB2 = 3.25792512996573918826e+02;
  private static final double SB3 = 1.53672958608443695994e+03;
  private static final double SB4 = 3.19985821950859553908e+03;
  private static final double SB5 = 2.55305040643316442583e+03;
  private static final double SB6 = 4.74528541206955367215e+02;
  private static final double SB7 = -2.24409524465858183362e+01;

  // The interval ends, compared on the high 32 bits of |x| as fdlibm does (same bits, no rounding).
  private static final int HI_2_POW_M56 = 0x3c700000;
  private static final int HI_2_POW_M28 = 0x3e300000;
  private static final int HI_QUARTER = 0x3fd00000;
  private static final int HI_0_84375 = 0x3feb0000;
  private static final int HI_1_25 = 0x3ff40000;
  private static final int HI_1_OVER_0_35 = 0x4006db6e;
  private static final int HI_6 = 0x40180000;
  private static final int HI_28 = 0x403c0000;
  private static final int HI_NORMAL = 0x00800000;
  private static final int HI_INF = 0x7ff00000;

  private ErrorFunction() {}

  /** Returns erf(x). */
  public static double erf(double x) {
    int hx = highWord(x);
    int ix = hx & 0x7fffffff;
    if (ix >= HI_INF) {
      return Double.isNaN(x) ? x : Math.signum(x); // erf(+-inf) = +-1
    }
    if (ix < HI_0_84375) {
      if (ix < HI_2_POW_M28) {
        // erf(x) = 2x/sqrt(pi) to within x^3; scaled by 8 where x is subnormal, to keep the bits
        return ix < HI_NORMAL ? 0.125 * (8.0 * x + EFX8 * x) : x + EFX * x;
      }
      return x + x * smallRatio(x * x);
    }
    if (ix < HI_1_25) {
      double r = nearOneRatio(Math.abs(x) - 1.0);
      return hx >= 0 ? ERX + r : -ERX - r;
    }
    if (ix >= HI_6) {
      return hx >= 0 ? 1.0 - TINY : TINY - 1.0; // 1 - erfc(6) rounds to 1
    }
    double ax = Math.abs(x);
    double r = tail(ax, ix < HI_1_OVER_0_35);
    return hx >= 0 ? 1.0 - r / ax : r / ax - 1.0;
  }

  /** Returns erfc(x) = 1 - erf(x), accurate in relative terms for large positive x. */
  public static double erfc(double x) {
    int hx = highWord(x);
    int ix = hx & 0x7fffffff;
    if (ix >= HI_INF) {
      return Double.isNaN(x) ? x : (x > 0 ? 0.0 : 2.0); // erfc(+inf) = 0, erfc(-inf) = 2
    }
    if (ix < HI_0_84375) {
      if (ix < HI_2_POW_M56) {
        return 1.0 - x;
      }
      double y = smallRatio(x * x);
      if (hx < HI_QUARTER) { // x < 1/4 (negative x has a negative high word)
        return 1.0 - (x + x * y);
      }
      return 0.5 - (x * y + (x - 0.5));
    }
    if (ix < HI_1_25) {
      double r = nearOneRatio(Math.abs(x) - 1.0);
      return hx >= 0 ? (1.0 - ERX) - r : 1.0 + (ERX + r);
    }
    if (ix < HI_28) {
      // fdlibm's erfc switches one ulp of the high word lower than its erf (0x4006DB6D)
      boolean near = ix < HI_1_OVER_0_35 - 1;
      if (hx < 0 && ix >= HI_6) {
        return 2.0 - TINY; // erfc(-6) = 2 - 2e-17 rounds to 2
      }
      double ax = Math.abs(x);
      double r = tail(ax, near) / ax;
      return hx > 0 ? r : 2.0 - r;
    }
    return hx > 0 ? TINY * TINY : 2.0 - TINY; // erfc(28) < 1e-342 underflows to 0
  }

  /** Returns the standard normal cumulative distribution function Phi(x) = erfc(-x/sqrt 2)/2. */
  public static double normalCdf(double x) {
    return 0.5 * erfc(-x * 0.7071067811865476);
  }

  /** Returns the standard normal density exp(-x^2/2)/sqrt(2 pi). */
  public static double normalPdf(double x) {
    return 0.3989422804014327 * Math.exp(-0.5 * x * x);
  }

  /** (erf(x) - x)/x as a rational function of z = x^2, for |x| &lt; 0.84375. */
  private static double smallRatio(double z) {
    double r = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
    double s = 1.0 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
    return r / s;
  }

  /** erf(1 + s) - ERX as a rational function of s, for 0.84375 &le; 1 + s &lt; 1.25. */
  private static double nearOneRatio(double s) {
    double p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
    double q = 1.0 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
    return p / q;
  }

  /**
   * x erfc(x) = exp(-x^2 - 0.5625 + R/S) for 1.25 &le; x &lt; 28, with the first (near) or second
   * rational fit of the exponent's correction.
   */
  private static double tail(double x, boolean near) {
    double s = 1.0 / (x * x);
    double r;
    double q;
    if (near) {
      r = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7))))));
      q =
          1.0
              + s
                  * (SA1
                      + s
                          * (SA2
                              + s
                                  * (SA3
                                      + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7 + s * SA8)))))));
    } else {
      r = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
      q = 1.0 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7))))));
    }
    double z = Double.longBitsToDouble(Double.doubleToRawLongBits(x) & 0xffffffff00000000L);
    return Math.exp(-z * z - 0.5625) * Math.exp((z - x) * (z + x) + r / q);
  }

  private static int highWord(double x) {
    return (int) (Double.doubleToRawLongBits(x) >>> 32);
  }
}

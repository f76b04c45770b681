package org.node4j.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * torchdiffeq's mixed norm: the largest of the parts' own RMS norms, nested tuples part by part,
 * against the joint RMS of {@link TupleOps#of}.
 */
class TupleOpsMixedNormTest {

  private static double rms(double[] x, double scale) {
    double s = 0;
    for (double v : x) {
      s += (v / scale) * (v / scale);
    }
    return Math.sqrt(s / x.length);
  }

  @Test
  void mixedNormIsTheLargestPartRmsAndRecursesIntoNestedTuples() {
    TupleOps inner = TupleOps.allParts(List.of(ArrayOps.INSTANCE, ArrayOps.INSTANCE));
    TupleOps mixed = TupleOps.mixed(List.of(ArrayOps.INSTANCE, inner), true, true);
    TupleOps joint = TupleOps.of(List.of(ArrayOps.INSTANCE, inner), true, true);
    double[] a = {3, 4};
    double[] b = {1, 1, 1, 1, 1, 1, 1, 1};
    double[] c = {0.5};
    Tuple err = Tuple.of(a, Tuple.of(b, c));
    Tuple zero = Tuple.of(new double[2], Tuple.of(new double[8], new double[1]));
    double atol = 0.1;
    // With y0 = y1 = 0 the scale is atol everywhere.
    double expected = Math.max(rms(a, atol), Math.max(rms(b, atol), rms(c, atol)));
    assertThat(mixed.rmsNorm(err, zero, zero, 0.0, atol)).isCloseTo(expected, within(1e-12));
    double all = Math.sqrt((9 + 16 + 8 + 0.25) / 11.0) / atol;
    assertThat(joint.rmsNorm(err, zero, zero, 0.0, atol)).isCloseTo(all, within(1e-12));
    assertThat(mixed.maxOfParts()).isTrue();
    assertThat(joint.maxOfParts()).isFalse();
  }

  @Test
  void maskedPartsStayOutOfTheMixedNormAndNaNPropagates() {
    TupleOps mixed = TupleOps.mixed(List.of(ArrayOps.INSTANCE, ArrayOps.INSTANCE), true, false);
    Tuple zero = Tuple.of(new double[1], new double[1]);
    assertThat(mixed.rmsNorm(Tuple.of(new double[] {1}, new double[] {100}), zero, zero, 0, 1))
        .isEqualTo(1.0);
    assertThat(
            mixed.rmsNorm(Tuple.of(new double[] {Double.NaN}, new double[] {0}), zero, zero, 0, 1))
        .isNaN();
  }
}

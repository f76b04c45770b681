package org.node4j.nn.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.nn.testing.TestTensors;

/**
 * Tensor state operations against the element-by-element {@code double[]} semantics of {@link
 * org.node4j.ode.StateOps}, in both dtypes.
 */
class TensorOpsTest {
  private final TensorOps ops = TensorOps.INSTANCE;

  @Property(tries = 30)
  void linearCombinationFollowsTheDoubleArrayFormula(
      @ForAll @IntRange(min = 1, max = 40) int size,
      @ForAll @IntRange(min = 1, max = 7) int stages,
      @ForAll boolean aliasOutput,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    double h = rnd.nextDouble();
    double[] coeffs = new double[stages];
    Tensor[] ks = new Tensor[stages];
    for (int j = 0; j < stages; j++) {
      coeffs[j] = rnd.nextInt(4) == 0 ? 0.0 : rnd.nextGaussian();
      ks[j] = TestTensors.uniform(rnd, DType.FLOAT64, size);
    }
    Tensor y = TestTensors.uniform(rnd, DType.FLOAT64, size);
    double[] expected = reference(y.doubles(), h, coeffs, ks);

    Tensor out = aliasOutput ? y.copy() : y.zerosLike();
    ops.linearCombination(out, aliasOutput ? out : y, h, coeffs, ks, stages);
    assertThat(out.doubles()).containsExactly(expected);

    Tensor[] ks32 = new Tensor[stages];
    for (int j = 0; j < stages; j++) {
      ks32[j] = ks[j].to(DType.FLOAT32);
    }
    Tensor y32 = y.to(DType.FLOAT32);
    Tensor out32 = y32.zerosLike();
    ops.linearCombination(out32, y32, h, coeffs, ks32, stages);
    // float32 arithmetic: each of the roundings (the inputs', h's and the coefficients', then one
    // per
    // operation) moves a term by at most 2^-24 of its size, so the error is bounded by the unit
    // roundoff times a small multiple of the terms' magnitudes
    double u = Math.ulp(1.0f) / 2;
    for (int i = 0; i < size; i++) {
      double mag = Math.abs(y.doubles()[i]);
      for (int j = 0; j < stages; j++) {
        mag += Math.abs(h * coeffs[j] * ks[j].doubles()[i]);
      }
      assertThat((double) out32.floats()[i])
          .as("element %d of a float32 combination of %d stages", i, stages)
          .isCloseTo(expected[i], within(2 * (stages + 4) * u * mag + Float.MIN_NORMAL));
    }
  }

  private static double[] reference(double[] y, double h, double[] c, Tensor[] ks) {
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      double acc = 0.0;
      for (int j = 0; j < c.length; j++) {
        if (c[j] != 0.0) {
          acc += c[j] * ks[j].doubles()[i];
        }
      }
      out[i] = y[i] + h * acc;
    }
    return out;
  }

  @Test
  void normsDotAndFiniteCheck() {
    Tensor err = Tensor.wrap(new double[] {1e-3, -2e-3}, 2);
    Tensor y0 = Tensor.wrap(new double[] {1, -4}, 2);
    Tensor y1 = Tensor.wrap(new double[] {2, 3}, 2);
    double rtol = 1e-2;
    double atol = 1e-3;
    double s0 = 1e-3 / (atol + rtol * 2);
    double s1 = 2e-3 / (atol + rtol * 4);
    assertThat(ops.sumSquaresScaled(err, y0, y1, rtol, atol))
        .isCloseTo(s0 * s0 + s1 * s1, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(ops.rmsNorm(err, y0, y1, rtol, atol))
        .isCloseTo(Math.sqrt((s0 * s0 + s1 * s1) / 2), org.assertj.core.data.Offset.offset(1e-15));
    assertThat(ops.dot(y0, y1)).isEqualTo(-10.0);
    assertThat(ops.errorSize(y0)).isEqualTo(2);
    Tensor f = Tensor.wrap(new float[] {1, Float.POSITIVE_INFINITY}, 2);
    assertThat(ops.allFinite(f)).isFalse();
    assertThat(ops.allFinite(y0)).isTrue();
    ops.axpy(2.0, y0, y1);
    assertThat(y1.doubles()).containsExactly(4, -5);
    ops.scale(-1, y1);
    assertThat(y1.doubles()).containsExactly(-4, 5);
    Tensor c = ops.copy(y1);
    assertThat(c.doubles()).containsExactly(-4, 5);
    ops.fillZero(c);
    assertThat(c.doubles()).containsExactly(0, 0);
  }

  @Test
  void checkSameShapeNamesBothShapes() {
    Tensor a = Tensor.zeros(DType.FLOAT32, 4, 2);
    Tensor b = Tensor.zeros(DType.FLOAT32, 8);
    assertThatThrownBy(() -> ops.checkSameShape(a, b))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[4, 2]")
        .hasMessageContaining("[8]");
    assertThatThrownBy(() -> ops.linearCombination(a, a, 1, new double[] {1}, new Tensor[] {b}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[8]");
    assertThat(ops.describe(a)).contains("[4, 2]").contains("FLOAT32");
  }
}

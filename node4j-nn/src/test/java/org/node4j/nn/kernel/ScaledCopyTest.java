package org.node4j.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.node4j.nn.state.TensorOps;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.StateOps;
import org.node4j.ode.Tuple;
import org.node4j.ode.TupleOps;

/**
 * {@link StateOps#scaledCopy} gives the bits of a zero fill followed by an axpy (the two calls it
 * replaces in the discrete adjoint's step), for every state type, both dtypes, special values
 * (signed zeros above all: +0 + -0 is +0) and a state split over the threads or not.
 */
class ScaledCopyTest {
  private final int savedSplit = StateLoops.splitMin;

  @AfterEach
  void restore() {
    StateLoops.splitMin = savedSplit;
  }

  private static final double[] SPECIAL = {
    0.0,
    -0.0,
    1.0,
    -1.0,
    Double.MIN_VALUE,
    -Float.MIN_VALUE,
    1e-40,
    3e38,
    -7e20,
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY
  };

  private static final double[] FACTORS = {0.5, -0.5, 1.0 / 63, 0.0, -0.0, 1e-30, 3.0};

  private static Tensor tensor(DType dtype, Random r, int n) {
    Tensor t = Tensor.zeros(dtype, n);
    for (int i = 0; i < n; i++) {
      t.set(i, i < SPECIAL.length ? SPECIAL[i] : r.nextGaussian());
    }
    return t;
  }

  private static long[] bits(Tensor t) {
    long[] b = new long[t.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] =
          t.dtype() == DType.FLOAT32
              ? Float.floatToIntBits(t.floats()[i])
              : Double.doubleToLongBits(t.doubles()[i]);
    }
    return b;
  }

  @Test
  void tensorsGetTheBitsOfAZeroFillAndAnAxpy() {
    Random r = new Random(5);
    for (int splitMin : new int[] {0, 64}) {
      StateLoops.splitMin = splitMin;
      for (DType dtype : DType.values()) {
        for (int n : new int[] {1, 13, 1000}) {
          Tensor x = tensor(dtype, r, n);
          for (double a : FACTORS) {
            Tensor want = tensor(dtype, r, n);
            TensorOps.INSTANCE.fillZero(want);
            TensorOps.INSTANCE.axpy(a, x, want);
            Tensor got = tensor(dtype, r, n);
            TensorOps.INSTANCE.scaledCopy(a, x, got);
            assertThat(bits(got))
                .as("%s, %d elements, a = %s, split from %d", dtype, n, a, splitMin)
                .containsExactly(bits(want));
          }
        }
      }
    }
  }

  @Test
  void arraysAndTuplesGetTheBitsOfAZeroFillAndAnAxpy() {
    Random r = new Random(6);
    double[] x = new double[40];
    for (int i = 0; i < x.length; i++) {
      x[i] = i < SPECIAL.length ? SPECIAL[i] : r.nextGaussian();
    }
    Tensor t = tensor(DType.FLOAT32, r, 30);
    TupleOps tuples = TupleOps.allParts(List.of(ArrayOps.INSTANCE, TensorOps.INSTANCE));
    for (double a : FACTORS) {
      double[] want = new double[x.length];
      ArrayOps.INSTANCE.axpy(a, x, want);
      double[] got = r.doubles(x.length).toArray();
      ArrayOps.INSTANCE.scaledCopy(a, x, got);
      for (int i = 0; i < x.length; i++) {
        assertThat(Double.doubleToLongBits(got[i]))
            .as("double[] element %d, a = %s", i, a)
            .isEqualTo(Double.doubleToLongBits(want[i]));
      }

      Tuple source = Tuple.of(x, t);
      Tuple wantTuple = tuples.zerosLike(source);
      tuples.axpy(a, source, wantTuple);
      Tuple gotTuple = Tuple.of(r.doubles(x.length).toArray(), tensor(DType.FLOAT32, r, 30));
      tuples.scaledCopy(a, source, gotTuple);
      double[] wantArray = wantTuple.part(0);
      double[] gotArray = gotTuple.part(0);
      for (int i = 0; i < x.length; i++) {
        assertThat(Double.doubleToLongBits(gotArray[i]))
            .isEqualTo(Double.doubleToLongBits(wantArray[i]));
      }
      assertThat(bits(gotTuple.<Tensor>part(1))).containsExactly(bits(wantTuple.<Tensor>part(1)));
    }
  }
}

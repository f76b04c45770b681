package org.node4j.nn.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/** Elementwise operations and reductions in both dtypes, and their shape checks. */
class TensorArithmeticTest {

  @Test
  void elementwiseOperationsInBothDtypes() {
    for (DType d : DType.values()) {
      Tensor a = of(d, 1, 2, 3, 4);
      Tensor b = of(d, 4, 3, 2, 1);
      Tensor out = a.zerosLike();
      Elementwise.add(a, b, out);
      assertValues(out, 5, 5, 5, 5);
      Elementwise.sub(a, b, out);
      assertValues(out, -3, -1, 1, 3);
      Elementwise.mul(a, b, out);
      assertValues(out, 4, 6, 6, 4);
      Elementwise.axpy(2, a, out);
      assertValues(out, 6, 10, 12, 12);
      Elementwise.scale(0.5, out);
      assertValues(out, 3, 5, 6, 6);
      Elementwise.add(out, out, out); // aliasing is allowed
      assertValues(out, 6, 10, 12, 12);
      Elementwise.fill(out, -1);
      assertValues(out, -1, -1, -1, -1);
      Elementwise.copy(a, out);
      assertValues(out, 1, 2, 3, 4);
    }
  }

  @Test
  void float32SumsAccumulateInDouble() {
    Tensor x = Tensor.wrap(new float[] {1e8f, 1f, -1e8f}, 3);
    // a float accumulator would lose the 1 against 1e8 and return 0
    assertThat(Reductions.sum(x)).isEqualTo(1.0);
    assertThat(Reductions.dot(x, Tensor.wrap(new float[] {1f, 1f, 1f}, 3))).isEqualTo(1.0);
  }

  @Test
  void rangesCopyAndFillInBothDtypesAndRefuseMixedDtypes() {
    for (DType d : DType.values()) {
      Tensor a = of(d, 1, 2, 3, 4);
      Tensor out = a.zerosLike();
      out.copyRange(a, 1, 0, 2);
      out.fill(2, 4, 0.5);
      assertValues(out, 2, 3, 0.5, 0.5);
    }
    Tensor f = Tensor.zeros(DType.FLOAT32, 2);
    assertThatThrownBy(() -> f.copyRange(Tensor.zeros(DType.FLOAT64, 2), 0, 0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FLOAT64 into FLOAT32");
  }

  @Test
  void reductionsInBothDtypes() {
    for (DType d : DType.values()) {
      Tensor a = of(d, 1, -7, 3, 4);
      assertThat(Reductions.sum(a)).isEqualTo(1.0);
      assertThat(Reductions.max(a)).isEqualTo(4.0);
      assertThat(Reductions.maxAbs(a)).isEqualTo(7.0);
      assertThat(Reductions.dot(a, a)).isEqualTo(75.0);
      assertThat(Reductions.sumSquares(a)).isEqualTo(75.0);
      assertThat(Reductions.allFinite(a)).isTrue();
      a.set(2, Double.NaN);
      assertThat(Reductions.allFinite(a)).isFalse();
      assertThat(Reductions.max(a)).isNaN();
      int[] idx = new int[2];
      Reductions.argmaxRows(of(d, 1, 5, 5, 2).reshape(2, 2), idx);
      assertThat(idx).containsExactly(1, 0); // ties go to the first index
    }
  }

  @Test
  void mismatchesNameBothShapes() {
    Tensor a = Tensor.zeros(DType.FLOAT32, 2, 3);
    Tensor b = Tensor.zeros(DType.FLOAT32, 3, 2);
    assertThatThrownBy(() -> Elementwise.add(a, b, a))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[2, 3]")
        .hasMessageContaining("[3, 2]");
    Tensor c = Tensor.zeros(DType.FLOAT64, 2, 3);
    assertThatThrownBy(() -> Elementwise.axpy(1, a, c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FLOAT32")
        .hasMessageContaining("FLOAT64");
    assertThatThrownBy(() -> Reductions.max(Tensor.zeros(DType.FLOAT32, 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Tensor of(DType d, double... v) {
    Tensor t = Tensor.zeros(d, v.length);
    for (int i = 0; i < v.length; i++) {
      t.set(i, v[i]);
    }
    return t;
  }

  private static void assertValues(Tensor t, double... v) {
    for (int i = 0; i < v.length; i++) {
      assertThat(t.get(i)).as("element %d of %s", i, t).isEqualTo(v[i]);
    }
  }
}

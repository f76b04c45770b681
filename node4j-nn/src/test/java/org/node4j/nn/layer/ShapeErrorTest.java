package org.node4j.nn.layer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/** Wrong shapes, dtypes and caches fail with messages that name both sides. */
class ShapeErrorTest {

  @Test
  void forwardRejectsAnInputOfAnotherShapeNamingBoth() {
    Linear l = Linear.builder(3, 2).build();
    Cache c = l.newCache(new int[] {4, 3}, DType.FLOAT32);
    assertThatThrownBy(() -> l.forward(Tensor.zeros(DType.FLOAT32, 5, 3), c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[4, 3]")
        .hasMessageContaining("[5, 3]");
  }

  @Test
  void backwardRejectsCotangentsOfTheWrongShape() {
    Conv2d conv = Conv2d.builder(2, 4).kernel(3).padding(1).build();
    Tensor x = Tensor.zeros(DType.FLOAT32, 1, 2, 5, 5);
    Cache c = conv.newCache(x.shape(), DType.FLOAT32);
    conv.forward(x, c);
    assertThatThrownBy(
            () -> conv.backward(Tensor.zeros(DType.FLOAT32, 1, 4, 5, 4), c, x.zerosLike()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[1, 4, 5, 5]")
        .hasMessageContaining("[1, 4, 5, 4]");
    Tensor dy = Tensor.zeros(DType.FLOAT32, 1, 4, 5, 5);
    assertThatThrownBy(() -> conv.backward(dy, c, Tensor.zeros(DType.FLOAT32, 1, 2, 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[1, 2, 5, 5]")
        .hasMessageContaining("[1, 2, 5]");
  }

  @Test
  void layersRejectInputsTheyCannotTake() {
    assertThatThrownBy(() -> Conv1d.builder(3, 4).build().outputShape(new int[] {2, 5, 7}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[N, 3, L]")
        .hasMessageContaining("[2, 5, 7]");
    assertThatThrownBy(
            () -> Conv2d.builder(1, 1).kernel(5).build().outputShape(new int[] {1, 1, 3, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[1, 1, 3, 3]");
    Sequential bad =
        Sequential.of(
            Linear.builder(3, 4).name("a").build(), Linear.builder(5, 2).name("b").build());
    assertThatThrownBy(() -> bad.newCache(new int[] {2, 3}, DType.FLOAT32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[..., 5]")
        .hasMessageContaining("[2, 4]");
  }

  @Test
  void dtypeAndCacheMisuseAreRejected() {
    Linear l = Linear.builder(3, 2).dtype(DType.FLOAT64).build();
    assertThatThrownBy(() -> l.newCache(new int[] {1, 3}, DType.FLOAT32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FLOAT64")
        .hasMessageContaining("FLOAT32");
    Linear other = Linear.builder(3, 2).dtype(DType.FLOAT64).build();
    Cache c = other.newCache(new int[] {1, 3}, DType.FLOAT64);
    assertThatThrownBy(() -> l.forward(Tensor.zeros(DType.FLOAT64, 1, 3), c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cache was made by");
    Cache mine = l.newCache(new int[] {1, 3}, DType.FLOAT64);
    assertThatThrownBy(() -> l.backward(Tensor.zeros(DType.FLOAT64, 1, 2), mine, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before any forward");
  }

  @Test
  void duplicateParameterNamesAreRejected() {
    assertThatThrownBy(
            () -> Sequential.of(Linear.builder(2, 2).build(), Linear.builder(2, 2).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("linear.weight");
  }

  @Test
  void batchNormNeedsMoreThanOneValuePerChannelWhenTraining() {
    BatchNorm bn = BatchNorm.builder1d(2).build();
    Tensor x = Tensor.zeros(DType.FLOAT32, 1, 2);
    assertThatThrownBy(() -> bn.forward(x, bn.newCache(x.shape(), DType.FLOAT32)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than one value per channel");
  }
}

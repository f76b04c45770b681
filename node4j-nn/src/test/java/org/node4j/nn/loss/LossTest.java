package org.node4j.nn.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.function.DoubleConsumer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.nn.testing.TestTensors;
import org.node4j.ode.testing.FiniteDifferences;

/** Cross-entropy, MSE and accuracy against hand computation and finite differences. */
class LossTest {
  private static final Offset<Double> TIGHT = Offset.offset(1e-14);

  @Test
  void crossEntropyByHand() {
    // row 0: logits (0, 0) label 0 -> ln 2; row 1: (ln 3, 0) label 1 -> ln 4
    Tensor logits = Tensor.wrap(new double[] {0, 0, Math.log(3), 0}, 2, 2);
    Tensor grad = logits.zerosLike();
    double loss = CrossEntropy.withLogits(logits, new int[] {0, 1}, grad);
    assertThat(loss).isCloseTo((Math.log(2) + Math.log(4)) / 2, TIGHT);
    // (softmax - onehot) / N
    assertThat(grad.doubles()).containsExactly(new double[] {-0.25, 0.25, 0.375, -0.375}, TIGHT);
  }

  @Test
  void crossEntropyIsStableForHugeLogits() {
    Tensor logits = Tensor.wrap(new float[] {1000f, 0f, -1000f}, 1, 3);
    Tensor grad = logits.zerosLike();
    assertThat(CrossEntropy.withLogits(logits, new int[] {1}, grad)).isCloseTo(1000.0, TIGHT);
    assertThat(grad.floats()).containsExactly(1f, -1f, 0f);
  }

  @Test
  void crossEntropyAndMseGradientsMatchFiniteDifferences() {
    Random rnd = new Random(5);
    Tensor logits = TestTensors.uniform(rnd, DType.FLOAT64, 4, 5);
    int[] labels = {0, 4, 2, 2};
    Tensor target = TestTensors.uniform(rnd, DType.FLOAT64, 4, 5);
    Tensor gCe = logits.zerosLike();
    Tensor gMse = logits.zerosLike();
    CrossEntropy.withLogits(logits, labels, gCe);
    MeanSquaredError.mean(logits, target, gMse);
    double h = 1e-6;
    for (int i = 0; i < logits.size(); i++) {
      int entry = i;
      DoubleConsumer set = v -> logits.set(entry, v);
      double ce =
          FiniteDifferences.partial(
              set, logits.get(i), () -> CrossEntropy.withLogits(logits, labels, null), h);
      double mse =
          FiniteDifferences.partial(
              set, logits.get(i), () -> MeanSquaredError.mean(logits, target, null), h);
      assertThat(gCe.get(i)).isCloseTo(ce, Offset.offset(1e-8));
      assertThat(gMse.get(i)).isCloseTo(mse, Offset.offset(1e-8));
    }
  }

  @Test
  void mseByHand() {
    Tensor p = Tensor.wrap(new double[] {1, 2, 3}, 3);
    Tensor t = Tensor.wrap(new double[] {1, 0, 0}, 3);
    Tensor g = p.zerosLike();
    assertThat(MeanSquaredError.mean(p, t, g)).isCloseTo(13.0 / 3, TIGHT);
    assertThat(g.doubles()).containsExactly(new double[] {0, 4.0 / 3, 2.0}, TIGHT);
  }

  @Test
  void accuracyIsCorrectOverTotal() {
    Tensor logits = Tensor.wrap(new double[] {0.9, 0.1, 0.2, 0.8, 0.6, 0.4}, 3, 2);
    assertThat(Accuracy.countCorrect(logits, new int[] {0, 1, 1})).isEqualTo(2);
    assertThat(Accuracy.of(logits, new int[] {0, 1, 1})).isEqualTo(2.0 / 3);
  }

  @Test
  void badInputsAreRejected() {
    Tensor logits = Tensor.zeros(DType.FLOAT32, 2, 3);
    assertThatThrownBy(() -> CrossEntropy.withLogits(logits, new int[] {0, 3}, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label 3");
    assertThatThrownBy(
            () ->
                CrossEntropy.withLogits(
                    logits, new int[] {0, 1}, Tensor.zeros(DType.FLOAT32, 3, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[2, 3]")
        .hasMessageContaining("[3, 2]");
    assertThatThrownBy(() -> MeanSquaredError.mean(logits, Tensor.zeros(DType.FLOAT32, 6), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[2, 3]")
        .hasMessageContaining("[6]");
  }
}

package org.node4j.lab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

class MiniBatchesTest {
  /** Sample i has features (i, -i) and label i % 3, so a batch reveals which samples it holds. */
  static Dataset indexed(int n) {
    float[] x = new float[2 * n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = -i;
      y[i] = i % 3;
    }
    return Dataset.of("indexed", new int[] {1, 2}, x, y, 3);
  }

  /** Returns the sample indices of the next batch, checking features and labels agree. */
  static int[] nextIndices(MiniBatches batches, Tensor x, int[] y) {
    int count = batches.next(x, y);
    int[] idx = new int[count];
    for (int k = 0; k < count; k++) {
      idx[k] = (int) x.get(2 * k);
      assertThat(x.get(2 * k + 1)).isEqualTo(-idx[k]);
      assertThat(y[k]).isEqualTo(idx[k] % 3);
    }
    return idx;
  }

  @Test
  void visitsEverySampleOncePerEpochKeepingTheShortLastBatch() {
    MiniBatches batches = new MiniBatches(indexed(10), new BatchOptions(4, 1, true, false));
    Tensor x = Tensor.zeros(DType.FLOAT32, 4, 1, 2);
    int[] y = new int[4];
    assertThat(batches.batchesPerEpoch()).isEqualTo(3);
    for (int epoch = 0; epoch < 3; epoch++) {
      List<Integer> seen = new ArrayList<>();
      for (int b = 0; b < 3; b++) {
        for (int i : nextIndices(batches, x, y)) {
          seen.add(i);
        }
      }
      assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }
  }

  @Test
  void zeroesTheUnusedRowsOfAShortBatchAndMarksTheirLabels() {
    MiniBatches batches = new MiniBatches(indexed(5), BatchOptions.evaluation(4));
    Tensor x = Tensor.zeros(DType.FLOAT64, 4, 2);
    int[] y = new int[4];
    Arrays.fill(x.doubles(), 7.0);
    assertThat(batches.fill(1, x, y)).isEqualTo(1);
    assertThat(x.doubles()).containsExactly(4, -4, 0, 0, 0, 0, 0, 0);
    assertThat(y).containsExactly(1, -1, -1, -1);
  }

  @Test
  void dropLastSkipsTheShortBatch() {
    MiniBatches batches = new MiniBatches(indexed(10), BatchOptions.training(4, 3));
    Tensor x = Tensor.zeros(DType.FLOAT32, 4, 1, 2);
    int[] y = new int[4];
    assertThat(batches.batchesPerEpoch()).isEqualTo(2);
    int[] first = nextIndices(batches, x, y);
    int[] second = nextIndices(batches, x, y);
    assertThat(first).hasSize(4);
    assertThat(toList(first)).doesNotContainAnyElementsOf(toList(second));
    assertThat(batches.epochOf(batches.iteration())).isEqualTo(1);
  }

  @Test
  void keepsTheStoredOrderWithoutShuffling() {
    MiniBatches batches = new MiniBatches(indexed(6), BatchOptions.evaluation(4));
    Tensor x = Tensor.zeros(DType.FLOAT32, 4, 1, 2);
    int[] y = new int[4];
    assertThat(nextIndices(batches, x, y)).containsExactly(0, 1, 2, 3);
    assertThat(nextIndices(batches, x, y)).containsExactly(4, 5);
    assertThat(nextIndices(batches, x, y)).containsExactly(0, 1, 2, 3);
  }

  @Test
  void batchSequenceIsAPureFunctionOfSeedAndIteration() {
    Dataset data = indexed(50);
    int[][] straight = sequence(new MiniBatches(data, BatchOptions.training(8, 42)), 0, 30);
    assertThat(sequence(new MiniBatches(data, BatchOptions.training(8, 42)), 0, 30))
        .isDeepEqualTo(straight);

    MiniBatches resumed = new MiniBatches(data, BatchOptions.training(8, 42));
    resumed.seek(17);
    assertThat(sequence(resumed, 17, 30)).isDeepEqualTo(Arrays.copyOfRange(straight, 17, 30));

    MiniBatches random = new MiniBatches(data, BatchOptions.training(8, 42));
    Tensor x = Tensor.zeros(DType.FLOAT32, 8, 1, 2);
    int[] y = new int[8];
    for (int i : new int[] {25, 3, 12, 3, 29}) {
      random.fill(i, x, y);
      assertThat(indicesOf(x, 8)).as("iteration %d", i).containsExactly(straight[i]);
    }

    int[][] otherSeed = sequence(new MiniBatches(data, BatchOptions.training(8, 43)), 0, 30);
    assertThat(Arrays.deepEquals(otherSeed, straight)).isFalse();
    assertThat(straight[0]).isNotEqualTo(straight[6]); // epochs 0 and 1 are shuffled differently
  }

  @Test
  void fillsFloat32AndFloat64BuffersWithTheSameValues() {
    Dataset data = ConcentricSpheres.generate(3, 40, 1);
    Tensor f = Tensor.zeros(DType.FLOAT32, 8, 1, 3);
    Tensor d = Tensor.zeros(DType.FLOAT64, 8, 3);
    int[] yf = new int[8];
    int[] yd = new int[10];
    new MiniBatches(data, BatchOptions.training(8, 5)).fill(7, f, yf);
    new MiniBatches(data, BatchOptions.training(8, 5)).fill(7, d, yd);
    for (int i = 0; i < 24; i++) {
      assertThat(d.get(i)).isEqualTo(f.get(i));
    }
    assertThat(Arrays.copyOf(yd, 8)).containsExactly(yf);
  }

  @Test
  void rejectsBuffersThatDoNotFitTheBatch() {
    MiniBatches batches = new MiniBatches(indexed(10), BatchOptions.training(4, 1));
    int[] y = new int[4];
    assertThatThrownBy(() -> batches.next(Tensor.zeros(DType.FLOAT32, 4, 1, 3), y))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Tensor.zeros(dtype, 4, 1, 2)");
    assertThatThrownBy(() -> batches.next(Tensor.zeros(DType.FLOAT32, 2, 4), y))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> batches.next(Tensor.zeros(DType.FLOAT32, 4, 2), new int[3]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> batches.seek(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MiniBatches(indexed(3), BatchOptions.training(4, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lower the batch size");
    assertThatThrownBy(() -> BatchOptions.evaluation(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int[][] sequence(MiniBatches batches, int from, int to) {
    Tensor x = Tensor.zeros(DType.FLOAT32, batches.options().batchSize(), 1, 2);
    int[] y = new int[batches.options().batchSize()];
    int[][] out = new int[to - from][];
    for (int i = from; i < to; i++) {
      out[i - from] = nextIndices(batches, x, y);
    }
    return out;
  }

  private static int[] indicesOf(Tensor x, int count) {
    int[] idx = new int[count];
    for (int k = 0; k < count; k++) {
      idx[k] = (int) x.get(2 * k);
    }
    return idx;
  }

  private static List<Integer> toList(int[] a) {
    return Arrays.stream(a).boxed().toList();
  }
}

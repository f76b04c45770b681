package org.node4j.lab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

class MiniBatchesProperties {
  @Property(tries = 200)
  void everyEpochHoldsDistinctSamplesAndAllOfThemUnlessDropped(
      @ForAll @IntRange(min = 1, max = 60) int n,
      @ForAll @IntRange(min = 1, max = 16) int batchSize,
      @ForAll long seed,
      @ForAll boolean dropLast,
      @ForAll @IntRange(min = 0, max = 5) int epoch) {
    if (dropLast && batchSize > n) {
      return; // rejected at construction, covered by MiniBatchesTest
    }
    MiniBatches batches =
        new MiniBatches(
            MiniBatchesTest.indexed(n), new BatchOptions(batchSize, seed, true, dropLast));
    Tensor x = Tensor.zeros(DType.FLOAT32, batchSize, 1, 2);
    int[] y = new int[batchSize];
    batches.seek((long) epoch * batches.batchesPerEpoch());
    Set<Integer> seen = new HashSet<>();
    int total = 0;
    for (int b = 0; b < batches.batchesPerEpoch(); b++) {
      for (int i : MiniBatchesTest.nextIndices(batches, x, y)) {
        seen.add(i);
        total++;
      }
    }
    assertThat(seen).hasSize(total);
    assertThat(total).isEqualTo(dropLast ? n / batchSize * batchSize : n);
  }
}

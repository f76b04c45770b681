package org.node4j.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

/** The critical-range analysis on scripted accuracies. */
class CriticalRangeTest {
  private static final List<Integer> KTEST = List.of(1, 2, 4, 8, 16, 32, 64, 128, 256);

  /**
   * A table whose accuracy (in per mille) for (K_train, K_test) is {@code acc}, for every solver.
   */
  static ResultsTable table(List<Integer> ktrain, IntBinaryOperator acc) {
    List<ResultRow> rows = new ArrayList<>();
    for (int k : ktrain) {
      for (String s : List.of("euler", "midpoint")) {
        for (int kt : KTEST) {
          double a = acc.applyAsInt(k, kt) / 1000.0;
          rows.add(new ResultRow(0, k, acc.applyAsInt(k, k) / 1000.0, s, kt, a, 0, 1000, kt));
        }
      }
    }
    return new ResultsTable(rows);
  }

  @Test
  void findsTheRangeBetweenTheLastUnstableAndTheStableTail() {
    // K_train >= 64 keep 0.99 for K_test >= K_train; smaller ones fall to chance off their K.
    ResultsTable t =
        table(List.of(2, 8, 32, 64, 128), (k, kt) -> k >= 64 ? 990 : kt == k ? 990 : 500);

    CriticalRange r = CriticalRange.of(t, 2, 0.05);

    assertThat(r.below()).isEqualTo(32);
    assertThat(r.above()).isEqualTo(64);
    assertThat(r.describe()).contains("between 32 and 64");
    assertThat(r.verdicts().get(0).worstAccuracy()).isEqualTo(0.5);
    assertThat(r.verdicts().get(0).stable()).isFalse();
  }

  @Test
  void anUnstableLargestKTrainMeansNoStableTail() {
    ResultsTable t = table(List.of(2, 8), (k, kt) -> kt == k ? 990 : 500);

    CriticalRange r = CriticalRange.of(t, 2, 0.05);

    assertThat(r.above()).isNull();
    assertThat(r.below()).isEqualTo(8);
    assertThat(r.describe()).contains("above 8");
  }

  @Test
  void aModelThatDidNotTrainIsNotStable() {
    ResultsTable t = table(List.of(2, 8), (k, kt) -> k == 8 ? 510 : 990);

    CriticalRange r = CriticalRange.of(t, 2, 0.05);

    assertThat(r.verdicts().get(1).trained()).isFalse();
    assertThat(r.above()).isNull();
  }

  @Test
  void coarserTestStepsDoNotCount() {
    // Accuracy drops only for K_test < K_train: that is not a finer solver.
    ResultsTable t = table(List.of(16), (k, kt) -> kt < k ? 600 : 980);

    CriticalRange r = CriticalRange.of(t, 2, 0.05);

    assertThat(r.verdicts().get(0).stable()).isTrue();
    assertThat(r.describe()).contains("at most 16");
  }
}

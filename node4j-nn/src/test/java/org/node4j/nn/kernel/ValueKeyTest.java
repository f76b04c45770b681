package org.node4j.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A value key matches exactly the values it recorded, bit by bit, and nothing once cleared. */
class ValueKeyTest {
  @Test
  void matchesTheRecordedValuesBitByBit() {
    ValueKeyF64 key = new ValueKeyF64();
    double[] w = {1.0, Double.NaN, 0.0, -2.5, 7.0};
    assertThat(key.isSet()).isFalse();
    assertThat(key.matches(w, 0, 0)).as("an empty key matches nothing").isFalse();
    key.record(w, 1, 3);
    assertThat(key.isSet()).isTrue();
    assertThat(key.matches(new double[] {9.0, Double.NaN, 0.0, -2.5}, 1, 3)).isTrue();
    assertThat(key.matches(new double[] {Double.NaN, -0.0, -2.5}, 0, 3)).as("-0.0").isFalse();
    assertThat(key.matches(w, 1, 2)).as("another length").isFalse();
    key.clear();
    assertThat(key.matches(w, 1, 3)).isFalse();
  }

  @Test
  void rowsCompareOnlyTheMatrixNotTheGapsBetweenRows() {
    ValueKeyF32 key = new ValueKeyF32();
    // a 2 x 2 matrix at offset 1 with leading dimension 3: rows {1, 2} and {4, 5}
    float[] a = {0f, 1f, 2f, 3f, 4f, 5f};
    key.recordRows(a, 1, 3, 2, 2);
    float[] b = {9f, 1f, 2f, -3f, 4f, 5f};
    assertThat(key.matchesRows(b, 1, 3, 2, 2)).isTrue();
    assertThat(key.matches(new float[] {1f, 2f, 4f, 5f}, 0, 4)).isTrue();
    b[4] = 4.5f;
    assertThat(key.matchesRows(b, 1, 3, 2, 2)).isFalse();
    assertThat(key.matchesRows(a, 1, 3, 1, 2)).as("fewer values").isFalse();
  }
}

package org.node4j.lab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatasetTest {
  private static final float[] X = {1, 2, 3, 4, 5, 6};
  private static final int[] Y = {0, 2, 1};

  @Test
  void holdsSamplesRowMajorWithLabels() {
    Dataset d = Dataset.of("d", new int[] {1, 2}, X, Y, 3);
    assertThat(d.size()).isEqualTo(3);
    assertThat(d.sampleSize()).isEqualTo(2);
    assertThat(d.feature(1, 0)).isEqualTo(3f);
    assertThat(d.classCounts()).containsExactly(1, 1, 1);
    double[] dst = new double[4];
    d.copySample(2, dst, 1);
    assertThat(dst).containsExactly(0, 5, 6, 0);
  }

  @Test
  void copiesItsInputsAndHidesItsArrays() {
    float[] x = X.clone();
    int[] y = Y.clone();
    Dataset d = Dataset.of("d", new int[] {2}, x, y, 3);
    x[0] = 99;
    y[0] = 2;
    d.labels()[1] = 0;
    assertThat(d.feature(0, 0)).isEqualTo(1f);
    assertThat(d.label(0)).isZero();
    assertThat(d.label(1)).isEqualTo(2);
    assertThat(d.features().isReadOnly()).isTrue();
  }

  @Test
  void subsetKeepsTheFirstSamples() {
    Dataset d = Dataset.of("d", new int[] {2}, X, Y, 3);
    Dataset s = d.subset(2);
    assertThat(s.labels()).containsExactly(0, 2);
    assertThat(s.feature(1, 1)).isEqualTo(4f);
    assertThat(d.subset(10)).isSameAs(d);
    assertThatThrownBy(() -> d.subset(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsInconsistentContents() {
    assertThatThrownBy(() -> Dataset.of("d", new int[] {4}, X, Y, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("6 feature values");
    assertThatThrownBy(() -> Dataset.of("d", new int[] {2}, X, Y, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label 2 of sample 1");
    assertThatThrownBy(() -> Dataset.of("d", new int[] {0, 2}, X, Y, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void splitRequiresMatchingHalves() {
    Dataset a = Dataset.of("a", new int[] {2}, X, Y, 3);
    Dataset b = Dataset.of("b", new int[] {1, 2}, X, Y, 3);
    assertThatThrownBy(() -> new DatasetSplit(a, b)).isInstanceOf(IllegalArgumentException.class);
    DatasetSplit s = new DatasetSplit(a, a.withName("a2")).subset(1, 2);
    assertThat(s.train().size()).isEqualTo(1);
    assertThat(s.test().size()).isEqualTo(2);
  }
}

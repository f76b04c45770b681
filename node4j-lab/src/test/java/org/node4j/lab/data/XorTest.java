package org.node4j.lab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class XorTest {
  @Test
  void labelsTheFourCornersByExclusiveOr() {
    Dataset d = Xor.points();
    assertThat(d.size()).isEqualTo(4);
    assertThat(d.sampleShape()).containsExactly(1, 2);
    for (int i = 0; i < 4; i++) {
      int a = (int) d.feature(i, 0);
      int b = (int) d.feature(i, 1);
      assertThat(d.label(i)).isEqualTo(a ^ b);
    }
  }

  @Test
  void noisyCopiesKeepTheLabelOfTheirCorner() {
    Dataset d = Xor.noisy(250, 0.1, 9);
    assertThat(d.size()).isEqualTo(1000);
    assertThat(d.classCounts()).containsExactly(500, 500);
    double meanDeviation = 0;
    for (int i = 0; i < d.size(); i++) {
      int a = Math.round(d.feature(i, 0));
      int b = Math.round(d.feature(i, 1));
      assertThat(d.label(i)).isEqualTo(a ^ b);
      meanDeviation += (d.feature(i, 0) - a) / d.size();
    }
    assertThat(meanDeviation).isBetween(-0.05, 0.05);
    int[] unshuffled = new int[d.size()];
    for (int i = 0; i < unshuffled.length; i++) {
      unshuffled[i] = Xor.points().label(i % 4);
    }
    assertThat(d.labels()).as("shuffled order").isNotEqualTo(unshuffled);
  }

  @Test
  void noisyCopiesAreAPureFunctionOfTheSeed() {
    assertThat(Xor.noisy(10, 0.2, 1).features()).isEqualTo(Xor.noisy(10, 0.2, 1).features());
    assertThat(Xor.noisy(10, 0.2, 1).features()).isNotEqualTo(Xor.noisy(10, 0.2, 2).features());
  }

  @Test
  void zeroNoiseGivesExactCorners() {
    Dataset d = Xor.noisy(3, 0, 4);
    for (int i = 0; i < d.size(); i++) {
      assertThat(d.feature(i, 0)).isIn(0f, 1f);
      assertThat(d.feature(i, 1)).isIn(0f, 1f);
    }
  }

  @Test
  void rejectsBadNoiseArguments() {
    assertThatThrownBy(() -> Xor.noisy(0, 0.1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Xor.noisy(1, Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

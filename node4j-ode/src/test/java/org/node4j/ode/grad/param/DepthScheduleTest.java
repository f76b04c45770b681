package org.node4j.ode.grad.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Grid times land on their own parameter set, however they were computed. */
class DepthScheduleTest {

  @Test
  void gridTimesComputedAsFractionsLandOnTheirOwnIndex() {
    for (int n : new int[] {1, 3, 7, 64, 1000, 1023}) {
      DepthSchedule s = DepthSchedule.unit(n);
      for (int i = 0; i < n; i++) {
        double t = 0 + (1.0 - 0) * ((double) i / n);
        assertThat(s.index(t)).isEqualTo(i);
        assertThat(s.index(t + 0.5 / n)).isEqualTo(i);
      }
      assertThat(s.index(1.0)).isEqualTo(n - 1);
      assertThat(s.index(-0.5)).isZero();
    }
  }

  @Test
  void gridTimesAccumulatedStepByStepLandOnTheirOwnIndex() {
    DepthSchedule s = DepthSchedule.unit(10);
    for (int k = 0; k < 10; k++) {
      double t = 0;
      for (int i = 0; i < k; i++) {
        t += 0.1; // accumulated rounding: t may fall an ulp below k/10
      }
      assertThat(s.index(t)).isEqualTo(k);
      assertThat(s.index(t + 0.05)).isEqualTo(k);
    }
  }

  @Test
  void aShiftedSpanIsSplitIntoEqualIntervals() {
    DepthSchedule s = new DepthSchedule(4, 2.0, 4.0);
    assertThat(s.step()).isEqualTo(0.5);
    assertThat(s.index(2.0)).isZero();
    assertThat(s.index(2.49)).isZero();
    assertThat(s.index(2.5)).isEqualTo(1);
    assertThat(s.index(3.75)).isEqualTo(3);
    assertThat(s.index(9.0)).isEqualTo(3);
  }

  @Test
  void rejectsAnEmptyDepthOrSpan() {
    assertThatThrownBy(() -> DepthSchedule.unit(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("depth must be >= 1");
    assertThatThrownBy(() -> new DepthSchedule(2, 1.0, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("t0 < t1");
  }
}

package org.node4j.lab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Straight-line fits recover known lines, report R² honestly and reject bad input. */
class LineFitTest {

  @Test
  void anExactLineHasItsSlopeAndRSquaredOne() {
    LineFit f = LineFit.of(new double[] {0, 1, 2, 3}, new double[] {1, -1, -3, -5});
    assertThat(f.slope()).isCloseTo(-2.0, within(1e-12));
    assertThat(f.intercept()).isCloseTo(1.0, within(1e-12));
    assertThat(f.rSquared()).isCloseTo(1.0, within(1e-12));
    assertThat(f.at(10)).isCloseTo(-19.0, within(1e-12));
  }

  @Test
  void scatterLowersRSquared() {
    LineFit f = LineFit.of(new double[] {0, 1, 2, 3}, new double[] {0, 2, 1, 3});
    assertThat(f.slope()).isCloseTo(0.8, within(1e-12));
    assertThat(f.rSquared()).isBetween(0.5, 0.9);
  }

  @Test
  void badInputIsRejectedWithTheReason() {
    assertThatThrownBy(() -> LineFit.of(new double[] {1, 1}, new double[] {1, 2}))
        .hasMessageContaining("distinct");
    assertThatThrownBy(() -> LineFit.of(new double[] {1}, new double[] {1}))
        .hasMessageContaining("at least 2");
    assertThatThrownBy(() -> LineFit.of(new double[] {1, Double.NaN}, new double[] {1, 2}))
        .hasMessageContaining("not finite");
  }
}

package org.node4j.lab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Line fits recover known slopes, report R² honestly and reject bad input with a reason. */
class LogLogFitTest {

  @Test
  void anExactPowerLawHasItsExponentAndRSquaredOne() {
    double[] x = {2, 4, 8, 16, 32};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 3.0 / x[i];
    }
    LogLogFit f = LogLogFit.of(x, y);
    assertThat(f.slope()).isCloseTo(-1.0, within(1e-12));
    assertThat(f.rSquared()).isCloseTo(1.0, within(1e-12));
    assertThat(f.xMin()).isCloseTo(2, within(1e-12));
    assertThat(f.xMax()).isCloseTo(32, within(1e-9));
    assertThat(f.at(10)).isCloseTo(0.3, within(1e-12));
  }

  @Test
  void scatterLowersRSquared() {
    LineFit f = LineFit.of(new double[] {0, 1, 2, 3}, new double[] {0, 2, 1, 3});
    assertThat(f.slope()).isCloseTo(0.8, within(1e-12));
    assertThat(f.rSquared()).isBetween(0.5, 0.9);
  }

  @Test
  void badInputIsRejectedWithTheReason() {
    assertThatThrownBy(() -> LogLogFit.of(new double[] {1, 2}, new double[] {1, 0}))
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> LineFit.of(new double[] {1, 1}, new double[] {1, 2}))
        .hasMessageContaining("distinct");
    assertThatThrownBy(() -> LineFit.of(new double[] {1}, new double[] {1}))
        .hasMessageContaining("at least 2");
  }
}

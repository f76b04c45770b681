package org.node4j.lab.experiment.marion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Marion et al.'s ReLU counter-example (Appendix): odd layers frozen, even ones reach w*. */
class ReluCounterExampleTest {

  @Test
  void oddLayersNeverMoveAndEvenLayersReachWStar() {
    for (int half : new int[] {3, 32}) {
      ReluResult r = ReluResult.of(new ReluCounterCell(half, 2.0, 1.0, 0.02, 2000));
      assertThat(r.oddMaxChange()).isZero();
      assertThat(r.evenMaxError()).isLessThan(1e-9);
      assertThat(r.finalLoss()).isLessThan(1e-18);
      // The gap between neighbours is w* + 1/(2L), at least 2 log C whatever the depth.
      assertThat(r.maxGap()).isCloseTo(r.wStar() + 1.0 / (2 * half), within(1e-9));
      assertThat(r.maxGap()).isGreaterThan(2 * Math.log(2.0));
    }
  }

  @Test
  void wStarSolvesTheProductEquation() {
    ReluCounterCell c = new ReluCounterCell(10, 3.0, 1.0, 0.01, 0);
    assertThat(Math.pow(1 + c.wStar() / 20, 10)).isCloseTo(3.0, within(1e-12));
  }
}

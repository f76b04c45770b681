package org.node4j.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.node4j.nn.tensor.DType;

class LrSchedulesTest {

  @Test
  void stepDecaysByGammaEveryStepSizeEpochs() {
    LrSchedule s = LrSchedules.step(3, 0.5);
    double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025};
    for (int e = 0; e < expected.length; e++) {
      assertThat(s.lr(0.1, e)).as("epoch %d", e).isCloseTo(expected[e], within(1e-17));
    }
  }

  @Test
  void multiStepCountsPassedMilestonesInAnyOrder() {
    LrSchedule s = LrSchedules.multiStep(0.1, 5, 2, 5);
    assertThat(s.lr(1.0, 1)).isEqualTo(1.0);
    assertThat(s.lr(1.0, 2)).isCloseTo(0.1, within(1e-15));
    assertThat(s.lr(1.0, 4)).isCloseTo(0.1, within(1e-15));
    assertThat(s.lr(1.0, 5)).isCloseTo(0.001, within(1e-15)); // a repeated milestone decays twice
    assertThat(s.lr(1.0, 100)).isCloseTo(0.001, within(1e-15));
  }

  @Test
  void cosineHitsItsEndpointsAndMidpoint() {
    LrSchedule s = LrSchedules.cosine(180, 0.001);
    assertThat(s.lr(0.04, 0)).isCloseTo(0.04, within(1e-17));
    assertThat(s.lr(0.04, 90)).isCloseTo((0.04 + 0.001) / 2, within(1e-17));
    assertThat(s.lr(0.04, 180)).isCloseTo(0.001, within(1e-17));
  }

  /** PyTorch's recursive CosineAnnealingLR.get_lr, written out; the closed form must agree. */
  @Test
  void cosineClosedFormMatchesPyTorchsRecursiveFormOverSeveralPeriods() {
    int tMax = 7;
    double base = 0.1;
    double etaMin = 0.01;
    LrSchedule s = LrSchedules.cosine(tMax, etaMin);
    double lr = base;
    for (int e = 1; e <= 4 * tMax; e++) {
      if ((e - 1 - tMax) % (2 * tMax) == 0) {
        lr += (base - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
      } else {
        lr =
            (1 + Math.cos(Math.PI * e / tMax))
                    / (1 + Math.cos(Math.PI * (e - 1) / tMax))
                    * (lr - etaMin)
                + etaMin;
      }
      assertThat(s.lr(base, e)).as("epoch %d", e).isCloseTo(lr, within(1e-14));
    }
  }

  @Test
  void schedulerSetsEachGroupFromItsOwnBaseRateAndResumesFromAnEpoch() {
    var g1 = ParamGroup.of(List.of(Fixtures.param("a", DType.FLOAT32, Fixtures.A0, 3)), 0.1);
    var g2 = ParamGroup.of(List.of(Fixtures.param("b", DType.FLOAT32, Fixtures.B0, 4)), 0.02);
    Sgd sgd = new Sgd(SgdOptions.plain(), List.of(g1, g2));
    LrSchedule schedule = LrSchedules.step(2, 0.1);
    LrScheduler scheduler = new LrScheduler(sgd, schedule);
    for (int e = 1; e <= 5; e++) {
      scheduler.step();
      assertThat(g1.lr()).isEqualTo(schedule.lr(0.1, e));
      assertThat(g2.lr()).isEqualTo(schedule.lr(0.02, e));
    }
    assertThat(scheduler.epoch()).isEqualTo(5);
    scheduler.setEpoch(1);
    assertThat(g1.lr()).isEqualTo(0.1);
    assertThat(g2.initialLr()).isEqualTo(0.02);
  }

  @Test
  void badArgumentsAreRejectedWithTheirValue() {
    assertThatThrownBy(() -> LrSchedules.step(0, 0.5)).hasMessageContaining("0");
    assertThatThrownBy(() -> LrSchedules.cosine(0, 0)).hasMessageContaining("T_max");
    assertThatThrownBy(() -> LrSchedules.multiStep(0.1, -1)).hasMessageContaining("[-1]");
    assertThatThrownBy(() -> LrSchedules.step(1, Double.NaN)).hasMessageContaining("NaN");
  }
}

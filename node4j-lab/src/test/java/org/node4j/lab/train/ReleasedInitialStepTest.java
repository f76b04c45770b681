package org.node4j.lab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.node4j.nn.tensor.Tensor;

class ReleasedInitialStepTest {

  /** f(z) = lambda z: d1 = |lambda| d0, h0 = 0.01/|lambda|, d2 = lambda^2 d0. */
  @Test
  void aLinearFieldGivesTheClosedForm() {
    double lambda = -3;
    Tensor y = Tensor.wrap(new double[] {3, 4, 0, 1, 99, 99}, 3, 1, 2);
    ReleasedInitialStep.Field f =
        (z, dz) -> {
          for (int i = 0; i < z.size(); i++) {
            dz.set(i, lambda * z.get(i));
          }
        };

    double h = ReleasedInitialStep.estimate(y, 2, 1, f);

    double d0 = (5 + 1) / 2.0;
    double h0 = 0.01 * d0 / (3 * d0);
    double h1 = Math.sqrt(0.01 / Math.max(3 * d0, 9 * d0));
    assertThat(h).isCloseTo(Math.min(100 * h0, h1), within(1e-15));
  }

  @Test
  void aVanishingFieldFallsBackToTheSmallSteps() {
    Tensor y = Tensor.wrap(new double[] {1, 1}, 1, 2);

    double h = ReleasedInitialStep.estimate(y, 1, 2, (z, dz) -> dz.fillZero());

    // h0 = 1e-6, h1 = max(1e-6, 1e-9) = 1e-6, h = min(1e-4, 1e-6)
    assertThat(h).isEqualTo(1e-6);
  }

  @Test
  void normsAreTakenOverTheLastAxisAndAveragedOverTheOthers() {
    Tensor t = Tensor.wrap(new double[] {3, 4, 0, 0, 6, 8, 7, 7}, 2, 2, 2);

    assertThat(ReleasedInitialStep.meanNorm(t, 1)).isEqualTo(2.5);
    assertThat(ReleasedInitialStep.meanNorm(t, 2))
        .isCloseTo((5 + 0 + 10 + Math.sqrt(98)) / 4, within(1e-15));
  }
}

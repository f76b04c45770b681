package org.node4j.lab.experiment.marion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.node4j.lab.analysis.LogLogFit;

/**
 * Marion et al.'s Fig. 1 claim at small sizes: trained from a tied initialisation with rate L ×
 * 10⁻², the largest jump between successive layers over the whole training shrinks like 1/L.
 */
class PerceptronTrainingTest {

  private static double maxGap(int depth, int iterations) {
    PerceptronSpec spec =
        new PerceptronSpec(
            40, 8, 16, Sigma.GELU, WeightInit.TIED, 0.1, depth, depth * 1e-2, iterations, 3);
    PerceptronTraining t = new PerceptronTraining(spec);
    double max = t.maxLayerGap();
    for (int i = 0; i < iterations; i++) {
      t.step();
      max = Math.max(max, t.maxLayerGap());
    }
    return max;
  }

  @Test
  void maxLayerGapShrinksAsOneOverDepth() {
    double[] depths = {4, 8, 16, 32};
    double[] gaps = new double[depths.length];
    for (int i = 0; i < depths.length; i++) {
      gaps[i] = maxGap((int) depths[i], 25);
    }
    assertThat(gaps[0]).isPositive();
    LogLogFit f = LogLogFit.fit(depths, gaps);
    // The claim is slope -1; the band allows the O(1/L^2) corrections of shallow nets.
    assertThat(f.slope()).isBetween(-1.15, -0.85);
    assertThat(f.rSquared()).isGreaterThan(0.99);
  }

  @Test
  void trainingLowersTheLossAndTiedWeightsStartWithNoGap() {
    PerceptronSpec spec =
        new PerceptronSpec(40, 8, 16, Sigma.GELU, WeightInit.TIED, 0.1, 8, 0.08, 30, 1);
    PerceptronTraining t = new PerceptronTraining(spec);
    assertThat(t.maxLayerGap()).isZero();
    double first = t.step();
    for (int i = 1; i < 30; i++) {
      t.step();
    }
    assertThat(t.loss()).isLessThan(first);
    assertThat(t.iteration()).isEqualTo(30);
  }

  @Test
  void iidWeightsAreNotSmoothInDepth() {
    PerceptronSpec spec =
        new PerceptronSpec(10, 8, 16, Sigma.GELU, WeightInit.IID, 0.1, 16, 0.16, 0, 1);
    // Independent N(0, 1) matrices of 128 entries differ by about sqrt(2 * 128) = 16.
    assertThat(new PerceptronTraining(spec).maxLayerGap()).isGreaterThan(10);
  }
}

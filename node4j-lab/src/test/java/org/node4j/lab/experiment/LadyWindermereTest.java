package org.node4j.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LadyWindermereTest {

  @Test
  void separabilityOfSmallSetsIsExact() {
    double[][] xor = LadyWindermere.POINTS;
    assertThat(LadyWindermere.separable(xor, LadyWindermere.LABELS)).isFalse();
    assertThat(LadyWindermere.separable(xor, new int[] {0, 0, 0, 1})).isTrue(); // AND
    assertThat(LadyWindermere.separable(xor, new int[] {0, 1, 1, 1})).isTrue(); // OR
    // collinear, alternating labels: no line separates them; in blocks: one does
    double[][] line = {{0, 0}, {1, 1}, {2, 2}, {3, 3}};
    assertThat(LadyWindermere.separable(line, new int[] {0, 1, 0, 1})).isFalse();
    assertThat(LadyWindermere.separable(line, new int[] {0, 0, 1, 1})).isTrue();
    // a point of one class on the segment between two of the other: not strictly separable
    double[][] between = {{0, 0}, {2, 0}, {1, 0}};
    assertThat(LadyWindermere.separable(between, new int[] {0, 0, 1})).isFalse();
  }

  /** Against a scan of 10 000 directions on random sets of 12 points. */
  @Test
  void agreesWithADenseScanOfDirections() {
    SplittableRandom rng = new SplittableRandom(7);
    int separable = 0;
    for (int trial = 0; trial < 150; trial++) {
      double[][] p = new double[12][];
      int[] labels = new int[p.length];
      double shift = rng.nextDouble() * 3;
      for (int i = 0; i < p.length; i++) {
        labels[i] = i % 2;
        p[i] = new double[] {rng.nextGaussian() + labels[i] * shift, rng.nextGaussian()};
      }
      boolean scan = false;
      for (int k = 0; k < 10_000 && !scan; k++) {
        double t = 2 * Math.PI * k / 10_000;
        double max0 = Double.NEGATIVE_INFINITY;
        double min1 = Double.POSITIVE_INFINITY;
        for (int i = 0; i < p.length; i++) {
          double v = Math.cos(t) * p[i][0] + Math.sin(t) * p[i][1];
          max0 = labels[i] == 0 ? Math.max(max0, v) : max0;
          min1 = labels[i] == 1 ? Math.min(min1, v) : min1;
        }
        scan = max0 < min1;
      }
      boolean exact = LadyWindermere.separable(p, labels);
      if (scan) {
        assertThat(exact).as("trial %d", trial).isTrue();
      }
      separable += exact ? 1 : 0;
    }
    assertThat(separable).as("both outcomes occur").isBetween(15, 135);
  }

  /** The paper's Fig. 3: separable at h = 10^-2.5, not at 10^-3.5 nor for the flow. */
  @Test
  void coarseEulerSeparatesXorAndFineEulerDoesNot() {
    LadyWindermere lw = LadyWindermere.CHOSEN;
    int[] y = LadyWindermere.LABELS;
    assertThat(LadyWindermere.separable(lw.endPoints(Math.pow(10, -2.5)), y)).isTrue();
    assertThat(LadyWindermere.separable(lw.endPoints(Math.pow(10, -3.5)), y)).isFalse();
    assertThat(LadyWindermere.separable(lw.endPoints(1e-5), y)).isFalse();
  }

  /** Euler is first order: the end-point error shrinks tenfold with the step; (0,0) is fixed. */
  @Test
  void eulerEndPointsConvergeAtFirstOrder() {
    LadyWindermere lw = LadyWindermere.CHOSEN;
    double[][] ref = lw.endPoints(2.5e-6);
    double e1 = error(lw.endPoints(1e-3), ref);
    double e2 = error(lw.endPoints(1e-4), ref);
    assertThat(e1 / e2).isBetween(7.0, 13.0);
    assertThat(lw.endPoints(1e-3)[0]).containsExactly(0, 0);
  }

  private static double error(double[][] a, double[][] b) {
    double e = 0;
    for (int i = 0; i < a.length; i++) {
      e = Math.max(e, Math.hypot(a[i][0] - b[i][0], a[i][1] - b[i][1]));
    }
    return e;
  }
}

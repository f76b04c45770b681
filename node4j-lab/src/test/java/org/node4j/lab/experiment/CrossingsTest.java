package org.node4j.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The crossing fraction against cases with known answers and against a brute-force count. */
class CrossingsTest {

  @Test
  void anXCrossesAndParallelLinesDoNot() {
    double[][] xs = {{0, 1}, {0, 1}, {0, 1}};
    double[][] ys = {{0, 1}, {1, 0}, {5, 5}};
    // pairs (0,1) cross; (0,2) and (1,2) do not
    assertThat(Crossings.fraction(xs, ys)).isCloseTo(1.0 / 3, within(1e-12));
  }

  @Test
  void rotationsOfConcentricCirclesNeverCross() {
    int n = 20;
    int steps = 64;
    double[][] xs = new double[n][steps + 1];
    double[][] ys = new double[n][steps + 1];
    for (int i = 0; i < n; i++) {
      double r = 0.1 + 0.05 * i;
      for (int j = 0; j <= steps; j++) {
        double a = i + 3.0 * j / steps; // an ODE flow: rotation, trajectories on distinct circles
        xs[i][j] = r * Math.cos(a);
        ys[i][j] = r * Math.sin(a);
      }
    }
    assertThat(Crossings.fraction(xs, ys)).isZero();
  }

  @Test
  void agreesWithBruteForceOnRandomWalks() {
    Random rnd = new Random(3);
    int n = 30;
    int k = 12;
    double[][] xs = new double[n][k + 1];
    double[][] ys = new double[n][k + 1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= k; j++) {
        xs[i][j] = (j == 0 ? rnd.nextDouble() : xs[i][j - 1]) + 0.2 * rnd.nextGaussian();
        ys[i][j] = (j == 0 ? rnd.nextDouble() : ys[i][j - 1]) + 0.2 * rnd.nextGaussian();
      }
    }
    int crossing = 0;
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        crossing += brute(xs, ys, a, b) ? 1 : 0;
      }
    }
    assertThat(crossing).isPositive();
    assertThat(Crossings.fraction(xs, ys)).isCloseTo(crossing / (n * (n - 1) / 2.0), within(1e-12));
  }

  private static boolean brute(double[][] xs, double[][] ys, int a, int b) {
    for (int i = 0; i + 1 < xs[a].length; i++) {
      for (int j = 0; j + 1 < xs[b].length; j++) {
        double[][] px = {{xs[a][i], xs[a][i + 1]}, {xs[b][j], xs[b][j + 1]}};
        double[][] py = {{ys[a][i], ys[a][i + 1]}, {ys[b][j], ys[b][j + 1]}};
        if (Crossings.fraction(px, py) > 0) {
          return true;
        }
      }
    }
    return false;
  }
}

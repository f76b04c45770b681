package org.node4j.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ott et al.'s "Lady Windermere's fan" example (ICLR 2021, §2.2, Fig. 3): the four XOR points moved
 * by the fixed ODE z' = [[alpha, 1], [-gamma |z|^delta, beta]] z, whose flow runs along ellipses
 * with a rotational speed that grows with |z|, solved by Euler. The Euler end points of a coarse
 * step are linearly separable, those of a fine step (and of the flow) are not: the accumulated,
 * biased global error of the coarse solver is a feature the exact flow lacks.
 *
 * <p>The paper's main text does not give alpha, beta, gamma, delta or the end time (its appendix
 * was not found). {@link #CHOSEN} was found by a search over a small grid (alpha, beta in {0, 0.1,
 * 0.5}, gamma in {1, 10, 100}, delta in {1, 2, 4}, T in {1, 2, 5}) for constants under which Euler
 * with h = 10^-2.5 separates the end points and h = 10^-3.5 does not, as in the paper's Fig. 3a/b;
 * two of the 243 combinations do. The figure therefore illustrates the mechanism; it is not a
 * measurement of the paper's setting.
 *
 * @param alpha the (1, 1) entry
 * @param beta the (2, 2) entry
 * @param gamma the scale of the (2, 1) entry
 * @param delta the power of |z| in the (2, 1) entry
 * @param t1 the end time (the flow runs over [0, t1])
 */
record LadyWindermere(double alpha, double beta, double gamma, double delta, double t1) {

  /** The constants of this reproduction (see the class comment): 0, 0, 10, 1, T = 5. */
  static final LadyWindermere CHOSEN = new LadyWindermere(0, 0, 10, 1, 5);

  /** The paper's two step sizes, 10^-2.5 (Fig. 3a, separable) and 10^-3.5 (Fig. 3b, not). */
  static final List<Double> PAPER_STEPS = List.of(Math.pow(10, -2.5), Math.pow(10, -3.5));

  /** The XOR points (0,0), (0,1), (1,0), (1,1). */
  static final double[][] POINTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

  /** Their labels: 0 for (0,0) and (1,1), 1 for (0,1) and (1,0). */
  static final int[] LABELS = {0, 1, 1, 0};

  /**
   * Returns the Euler trajectories of the four points in float64: [i][j] is point i after j steps.
   * The step count is ceil(t1 / h) and the steps are equal, t1 / count (at most h).
   */
  double[][][] euler(double h) {
    int n = (int) Math.ceil(t1 / h - 1e-9);
    double step = t1 / n;
    double[][][] out = new double[POINTS.length][n + 1][];
    for (int i = 0; i < POINTS.length; i++) {
      double x = POINTS[i][0];
      double y = POINTS[i][1];
      out[i][0] = new double[] {x, y};
      for (int j = 1; j <= n; j++) {
        double r = Math.pow(Math.hypot(x, y), delta);
        double dx = alpha * x + y;
        double dy = -gamma * r * x + beta * y;
        x += step * dx;
        y += step * dy;
        out[i][j] = new double[] {x, y};
      }
    }
    return out;
  }

  /** Returns the end points of {@link #euler}. */
  double[][] endPoints(double h) {
    return Arrays.stream(euler(h)).map(p -> p[p.length - 1]).toArray(double[][]::new);
  }

  /**
   * Returns whether the 2-D points of label 0 and those of label 1 are strictly separated by a line
   * (their convex hulls are disjoint). Exact for finite sets: if some direction separates them, so
   * does one strictly between two consecutive critical directions (normals of lines through two
   * points), so the midpoints of those angular intervals are tried.
   *
   * @param points the points, [i] = {x, y}
   * @param labels 0 or 1 per point
   */
  static boolean separable(double[][] points, int[] labels) {
    List<Double> angles = new ArrayList<>(List.of(0.0, Math.PI));
    for (int i = 0; i < points.length; i++) {
      for (int j = i + 1; j < points.length; j++) {
        double a = Math.atan2(points[j][1] - points[i][1], points[j][0] - points[i][0]);
        // the directions orthogonal to the segment, mapped to [0, 2 pi)
        for (double t : new double[] {a + Math.PI / 2, a - Math.PI / 2}) {
          angles.add(((t % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI));
        }
      }
    }
    angles.sort(Double::compare);
    angles.add(angles.get(0) + 2 * Math.PI);
    for (int k = 0; k + 1 < angles.size(); k++) {
      double t = 0.5 * (angles.get(k) + angles.get(k + 1));
      if (separates(points, labels, Math.cos(t), Math.sin(t))) {
        return true;
      }
    }
    return false;
  }

  /** Whether every label-0 point projects strictly below every label-1 point on (wx, wy). */
  private static boolean separates(double[][] points, int[] labels, double wx, double wy) {
    double max0 = Double.NEGATIVE_INFINITY;
    double min1 = Double.POSITIVE_INFINITY;
    for (int i = 0; i < points.length; i++) {
      double p = wx * points[i][0] + wy * points[i][1];
      if (labels[i] == 0) {
        max0 = Math.max(max0, p);
      } else {
        min1 = Math.min(min1, p);
      }
    }
    return max0 < min1;
  }
}

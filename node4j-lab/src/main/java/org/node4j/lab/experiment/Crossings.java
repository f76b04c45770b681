package org.node4j.lab.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * The fraction of pairs of trajectories that cross: the measure of "this map is no ODE flow" in the
 * report. Trajectories of an autonomous ODE never meet (Picard-Lindelöf; Ott et al. §2.1), so for a
 * fine enough solver the fraction of an ODE is 0; a model that uses crossings as a feature (their
 * Fig. 1a) has a large one. A trajectory is the polyline through its states after each solver step;
 * two cross when a segment of one properly intersects a segment of the other (shared end points and
 * collinear overlaps do not count). Segments are bucketed on a uniform grid, so the cost grows with
 * the number of segments, not with its square.
 */
final class Crossings {
  private Crossings() {}

  /**
   * Returns the fraction of the n (n - 1) / 2 pairs of trajectories that cross.
   *
   * @param xs xs[i][j]: first coordinate of trajectory i after step j (all of equal length)
   * @param ys ys[i][j]: second coordinate
   */
  static double fraction(double[][] xs, double[][] ys) {
    int n = xs.length;
    if (n < 2) {
      return 0;
    }
    double[] box = bounds(xs, ys);
    int segments = n * (xs[0].length - 1);
    int g = Math.max(1, (int) Math.sqrt(segments / 4.0));
    double cw = Math.max((box[1] - box[0]) / g, 1e-300);
    double ch = Math.max((box[3] - box[2]) / g, 1e-300);
    List<List<int[]>> cells = new ArrayList<>();
    for (int c = 0; c < g * g; c++) {
      cells.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j + 1 < xs[i].length; j++) {
        int x0 = cell(Math.min(xs[i][j], xs[i][j + 1]), box[0], cw, g);
        int x1 = cell(Math.max(xs[i][j], xs[i][j + 1]), box[0], cw, g);
        int y0 = cell(Math.min(ys[i][j], ys[i][j + 1]), box[2], ch, g);
        int y1 = cell(Math.max(ys[i][j], ys[i][j + 1]), box[2], ch, g);
        for (int a = y0; a <= y1; a++) {
          for (int b = x0; b <= x1; b++) {
            cells.get(a * g + b).add(new int[] {i, j});
          }
        }
      }
    }
    boolean[][] crossed = new boolean[n][n];
    long count = 0;
    for (List<int[]> cell : cells) {
      for (int p = 0; p < cell.size(); p++) {
        int[] s = cell.get(p);
        for (int q = p + 1; q < cell.size(); q++) {
          int[] t = cell.get(q);
          int a = Math.min(s[0], t[0]);
          int b = Math.max(s[0], t[0]);
          if (a != b && !crossed[a][b] && intersect(xs, ys, s, t)) {
            crossed[a][b] = true;
            count++;
          }
        }
      }
    }
    return (double) count / ((long) n * (n - 1) / 2);
  }

  private static int cell(double v, double lo, double w, int g) {
    return Math.min(g - 1, Math.max(0, (int) ((v - lo) / w)));
  }

  private static double[] bounds(double[][] xs, double[][] ys) {
    double[] b = {
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
    };
    for (int i = 0; i < xs.length; i++) {
      for (int j = 0; j < xs[i].length; j++) {
        b[0] = Math.min(b[0], xs[i][j]);
        b[1] = Math.max(b[1], xs[i][j]);
        b[2] = Math.min(b[2], ys[i][j]);
        b[3] = Math.max(b[3], ys[i][j]);
      }
    }
    return b;
  }

  /** Whether segment s (trajectory, step) properly intersects segment t. */
  private static boolean intersect(double[][] xs, double[][] ys, int[] s, int[] t) {
    double ax = xs[s[0]][s[1]];
    double ay = ys[s[0]][s[1]];
    double bx = xs[s[0]][s[1] + 1];
    double by = ys[s[0]][s[1] + 1];
    double cx = xs[t[0]][t[1]];
    double cy = ys[t[0]][t[1]];
    double dx = xs[t[0]][t[1] + 1];
    double dy = ys[t[0]][t[1] + 1];
    double d1 = orient(cx, cy, dx, dy, ax, ay);
    double d2 = orient(cx, cy, dx, dy, bx, by);
    double d3 = orient(ax, ay, bx, by, cx, cy);
    double d4 = orient(ax, ay, bx, by, dx, dy);
    return d1 * d2 < 0 && d3 * d4 < 0;
  }

  private static double orient(double px, double py, double qx, double qy, double rx, double ry) {
    return (qx - px) * (ry - py) - (qy - py) * (rx - px);
  }
}

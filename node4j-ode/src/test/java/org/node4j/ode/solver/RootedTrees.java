package org.node4j.ode.solver;

import java.util.ArrayList;
import java.util.List;

/**
 * Rooted trees up to a given order and the Runge-Kutta order conditions they stand for (Butcher;
 * Hairer, Norsett and Wanner, Solving ODEs I, II.2): a method has order p iff sum_i b_i Phi_i(tau)
 * = 1 / gamma(tau) for every tree tau with at most p vertices.
 */
final class RootedTrees {

  /** A tree as the list of its root's subtrees, with its order and density gamma. */
  record Tree(List<Tree> children, int order, double gamma) {}

  private RootedTrees() {}

  /** Returns all rooted trees with exactly {@code n} vertices (non-isomorphic). */
  static List<Tree> ofOrder(int n) {
    List<Tree> out = new ArrayList<>();
    // Children form a multiset of trees with n - 1 vertices in total; enumerate them in a
    // canonical (non-increasing index) order over the list of all smaller trees.
    List<Tree> smaller = new ArrayList<>();
    for (int m = 1; m < n; m++) {
      smaller.addAll(ofOrder(m));
    }
    collect(smaller, n - 1, smaller.size() - 1, new ArrayList<>(), out);
    return out;
  }

  private static void collect(
      List<Tree> pool, int left, int maxIndex, List<Tree> acc, List<Tree> out) {
    if (left == 0) {
      int order = 1;
      double gamma = 1;
      for (Tree t : acc) {
        order += t.order();
        gamma *= t.gamma();
      }
      out.add(new Tree(List.copyOf(acc), order, gamma * order));
      return;
    }
    for (int i = maxIndex; i >= 0; i--) {
      Tree t = pool.get(i);
      if (t.order() <= left) {
        acc.add(t);
        collect(pool, left - t.order(), i, acc, out);
        acc.remove(acc.size() - 1);
      }
    }
  }

  /** Returns the vector Phi_i(tau) over the stages i for tableau rows {@code a}. */
  static double[] phi(Tree tree, double[][] a) {
    int s = a.length;
    double[] g = new double[s];
    java.util.Arrays.fill(g, 1.0);
    for (Tree child : tree.children()) {
      double[] gc = phi(child, a);
      for (int i = 0; i < s; i++) {
        double sum = 0;
        for (int j = 0; j < a[i].length; j++) {
          sum += a[i][j] * gc[j];
        }
        g[i] *= sum;
      }
    }
    return g;
  }

  /** Returns sum_i w_i Phi_i(tau) - 1/gamma(tau): zero iff the condition of tau holds for w. */
  static double defect(Tree tree, double[][] a, double[] w) {
    double[] g = phi(tree, a);
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += w[i] * g[i];
    }
    return s - 1.0 / tree.gamma();
  }
}

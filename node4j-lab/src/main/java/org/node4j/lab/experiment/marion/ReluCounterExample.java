package org.node4j.lab.experiment.marion;

/**
 * Gradient descent on {@link ReluCounterCell}'s scalar network, with an exact backward pass. The
 * odd layers start negative, so ReLU(w_k h) = 0 for the positive activations h and their gradient
 * is exactly zero: they never move. The even layers act as multiplications by (1 + w_k / 2L) and
 * converge together to w*; successive weights therefore end about w* ≥ 2 log C apart whatever the
 * depth, instead of O(1/L): with a non-smooth σ the trained weights are not smooth in depth.
 */
public final class ReluCounterExample {
  private final ReluCounterCell cell;
  private final double[] w;
  private final double[] h;

  /** The network at its initialisation w_k(0) = (−1)^k / (2L), k = 1..2L (stored at k − 1). */
  public ReluCounterExample(ReluCounterCell cell) {
    this.cell = cell;
    int depth = 2 * cell.half();
    w = new double[depth];
    h = new double[depth + 1];
    for (int k = 1; k <= depth; k++) {
      w[k - 1] = (k % 2 == 0 ? 1.0 : -1.0) / depth;
    }
  }

  /** The weights, w_1 .. w_2L at indices 0 .. 2L − 1 (a copy). */
  public double[] weights() {
    return w.clone();
  }

  /** The loss (F(x) − Cx)² at the current weights. */
  public double loss() {
    double e = forward() - cell.c() * cell.x();
    return e * e;
  }

  /** Runs the cell's iterations of gradient descent and returns the final loss. */
  public double train() {
    for (int t = 0; t < cell.iterations(); t++) {
      step();
    }
    return loss();
  }

  private double forward() {
    int depth = w.length;
    h[0] = cell.x();
    for (int k = 0; k < depth; k++) {
      h[k + 1] = h[k] + Math.max(0, w[k] * h[k]) / depth;
    }
    return h[depth];
  }

  /** One step w ← w − rate · 2L · ∂ℓ/∂w, the backward pass written out for the scalar chain. */
  void step() {
    int depth = w.length;
    double g = 2 * (forward() - cell.c() * cell.x());
    double[] dw = new double[depth];
    for (int k = depth - 1; k >= 0; k--) {
      boolean active = w[k] * h[k] > 0;
      dw[k] = active ? g * h[k] / depth : 0;
      g *= 1 + (active ? w[k] / depth : 0);
    }
    for (int k = 0; k < depth; k++) {
      w[k] -= cell.rate() * depth * dw[k];
    }
  }
}

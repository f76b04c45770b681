package org.node4j.lab.experiment.marion;

/**
 * Marion et al.'s ReLU counter-example (ICLR 2024, App. 10) as a grid cell: a 1-D residual network
 * of depth 2L, h_k = h_{k-1} + (1/2L) ReLU(w_k h_{k-1}), k = 1..2L, initialised at w_k(0) = (−1)^k
 * / (2L), trained on the single sample (x, Cx) with C &gt; 1.
 *
 * @param half L (the network has 2L layers)
 * @param c the target factor C &gt; 1
 * @param x the input, &gt; 0
 * @param rate the gradient-flow time step (the gradient is scaled by the depth 2L, as in the
 *     paper's depth-scaled flow)
 * @param iterations gradient steps
 */
public record ReluCounterCell(int half, double c, double x, double rate, int iterations)
    implements MarionCell {

  /** Checks the settings. */
  public ReluCounterCell {
    if (half < 1 || !(c > 1) || !(x > 0) || !(rate > 0) || iterations < 0) {
      throw new IllegalArgumentException(
          "ReLU counter-example needs L >= 1, C > 1, x > 0, rate > 0, iterations >= 0; got L="
              + half
              + " C="
              + c
              + " x="
              + x
              + " rate="
              + rate
              + " iterations="
              + iterations);
    }
  }

  @Override
  public String id() {
    return "relu-counter-example-L" + half + "-T" + iterations;
  }

  /** The limit of the even layers: (1 + w* / 2L)^L = C, so w* = 2L (C^{1/L} − 1). */
  public double wStar() {
    return 2.0 * half * (Math.pow(c, 1.0 / half) - 1);
  }
}

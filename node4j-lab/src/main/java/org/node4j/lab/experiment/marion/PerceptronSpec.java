package org.node4j.lab.experiment.marion;

import java.util.Objects;

/**
 * One synthetic run of Marion et al. (ICLR 2024, §5.1 and App. 11): n samples x_i, y_i ~ N(0, I_d)
 * drawn independently, the residual perceptron h_{k+1} = h_k + (1/L) V_k σ(W_k h_k) of width m and
 * depth L with A and B fixed to the identity (as in the authors' code: no 1/√m, 1/√q factors), and
 * full-batch gradient descent on the mean squared error over all n·d entries.
 *
 * @param n samples
 * @param d input = output = hidden dimension
 * @param m width of the perceptron
 * @param sigma the activation
 * @param init how W starts (V starts at 0)
 * @param lengthScale the GP init's length scale in s = k / L
 * @param depth L
 * @param lr the gradient-descent rate (the paper's is proportional to L)
 * @param iterations T, the gradient steps
 * @param seed seeds the data, then the weights
 */
public record PerceptronSpec(
    int n,
    int d,
    int m,
    Sigma sigma,
    WeightInit init,
    double lengthScale,
    int depth,
    double lr,
    int iterations,
    long seed) {

  /** Checks the sizes. */
  public PerceptronSpec {
    Objects.requireNonNull(sigma, "sigma");
    Objects.requireNonNull(init, "init");
    if (n < 1 || d < 1 || m < 1 || depth < 1 || iterations < 0) {
      throw new IllegalArgumentException(
          "need n, d, m, depth >= 1 and iterations >= 0, got n="
              + n
              + " d="
              + d
              + " m="
              + m
              + " depth="
              + depth
              + " iterations="
              + iterations);
    }
    if (!(lr > 0) || !(lengthScale > 0)) {
      throw new IllegalArgumentException(
          "need lr > 0 and lengthScale > 0, got " + lr + ", " + lengthScale);
    }
  }

  /** The same run at another depth and rate. */
  public PerceptronSpec withDepth(int newDepth, double newLr) {
    return new PerceptronSpec(n, d, m, sigma, init, lengthScale, newDepth, newLr, iterations, seed);
  }
}

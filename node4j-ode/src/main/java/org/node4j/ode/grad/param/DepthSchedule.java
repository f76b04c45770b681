package org.node4j.ode.grad.param;

/**
 * Which of N parameter sets a depth-indexed field uses at time t: theta_k on [t0 + k T / N, t0 + (k
 * + 1) T / N), with k = floor((t - t0) / T * N + 1e-9) clamped to [0, N - 1] and T = t1 - t0. This
 * is the one place the rule is written; the depth-indexed fields of {@code node4j-nn} use it.
 *
 * <p>This piecewise-constant choice makes the identities of Sander, Ablin and Peyre ("Do residual
 * neural networks discretize neural ordinary differential equations?", NeurIPS 2022, Section 3)
 * literal, theta(n / N) = theta_n held constant over the step: N Euler steps of size 1/N over [0,
 * 1] ({@link DepthGrid#resnet}) evaluate theta_k on step k, so a ResNet with untied weights
 * <em>is</em> the Euler solve; N - 1 Heun steps of size 1/N over [0, (N - 1) / N] ({@link
 * DepthGrid#heunNet}) evaluate theta_i at the start of step i and theta_{i+1} at its predictor,
 * which is exactly HeunNet. The 1e-9 absorbs the rounding of grid times, whether computed as t0 + T
 * * (i / N) or accumulated step by step.
 *
 * @param depth N, the number of parameter sets
 * @param t0 the time at which theta_0 starts
 * @param t1 the time at which theta_{N-1} ends
 */
public record DepthSchedule(int depth, double t0, double t1) {

  /** Slack added before the floor, so that grid times land on their own index. */
  public static final double SLACK = 1e-9;

  /** Checks the depth and the span. */
  public DepthSchedule {
    if (depth < 1) {
      throw new IllegalArgumentException("depth must be >= 1, got " + depth);
    }
    if (!Double.isFinite(t0) || !Double.isFinite(t1) || !(t1 > t0)) {
      throw new IllegalArgumentException(
          "a depth schedule needs finite t0 < t1, got t0 = " + t0 + ", t1 = " + t1);
    }
  }

  /** The schedule of a ResNet of depth N: N sets over [0, 1]. */
  public static DepthSchedule unit(int depth) {
    return new DepthSchedule(depth, 0.0, 1.0);
  }

  /** Returns the index of the parameter set used at time {@code t}. */
  public int index(double t) {
    double k = Math.floor((t - t0) / (t1 - t0) * depth + SLACK);
    if (k < 0) {
      return 0;
    }
    return k >= depth ? depth - 1 : (int) k;
  }

  /** Returns the step size 1 / N of the schedule's grid, scaled by the span. */
  public double step() {
    return (t1 - t0) / depth;
  }
}

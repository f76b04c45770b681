package org.node4j.lab.bench;

import java.util.random.RandomGenerator;
import org.node4j.lab.analysis.GradientVectors;
import org.node4j.nn.kernel.Gemm;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/** Small helpers the workloads share: inputs by formula, gradient norms, result assembly. */
final class Inputs {
  private Inputs() {}

  /** The docs/WORKLOADS.md input batch x[s][f] = sin(1.3 s + 0.7 f) of the given shape. */
  static Tensor batch(DType dtype, int... shape) {
    Tensor x = Tensor.zeros(dtype, shape);
    WorkloadFormulas.inputs().fill(x, (RandomGenerator) null);
    return x;
  }

  /**
   * Mean of z^2 over every element, with its gradient 2 z / size written into {@code grad}; the sum
   * runs in float64.
   */
  static double meanSquare(Tensor z, Tensor grad) {
    int n = z.size();
    double s = 0;
    for (int i = 0; i < n; i++) {
      double v = z.get(i);
      s += v * v;
      grad.set(i, 2 * v / n);
    }
    return s / n;
  }

  /** The L2 norm of all parameters' gradients together. */
  static double gradNorm(Iterable<Parameter> params) {
    double s = 0;
    for (Parameter p : params) {
      Tensor g = p.grad();
      for (int i = 0; i < g.size(); i++) {
        s += g.get(i) * g.get(i);
      }
    }
    return Math.sqrt(s);
  }

  /** Copies all parameters' gradients into one float64 vector (in parameter order). */
  static double[] flatGrad(Iterable<Parameter> params) {
    return GradientVectors.flatten(params);
  }

  /** ||a - b|| / ||b||. */
  static double relativeError(double[] a, double[] b) {
    return GradientVectors.relativeError(a, b);
  }

  /**
   * Assembles a result with the engine's current thread count and kernel; {@code float32} says the
   * loss is compared as a float32 value.
   */
  static WorkloadResult result(
      boolean float32,
      String id,
      String description,
      Double firstLoss,
      String expected,
      long forward,
      long backward,
      Timing timing,
      Double peerMs,
      Double targetMs,
      java.util.Map<String, Object> details) {
    Boolean matches =
        firstLoss == null || expected == null
            ? null
            : float32
                ? Expected.matchesFloat32(firstLoss, expected)
                : Expected.matches(firstLoss, expected);
    return new WorkloadResult(
        id,
        description,
        firstLoss,
        expected,
        matches,
        forward,
        backward,
        timing,
        peerMs,
        targetMs,
        details,
        Parallel.threads(),
        Gemm.implementationName());
  }
}

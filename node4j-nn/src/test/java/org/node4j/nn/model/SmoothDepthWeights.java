package org.node4j.nn.model;

import org.node4j.nn.init.Initializer;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Deterministic weights smooth in depth, and deterministic inputs, for the tests of depth-indexed
 * networks: the formulas of the benchmark workload W5 (docs/WORKLOADS.md; the benchmarks' own copy
 * is node4j-lab's {@code WorkloadFormulas}), so that these tests run on W5's network without the
 * library depending on benchmark code. Layer k of N gets W_k[i][j] = 2 sin(0.37 i j + 1.1 i + 0.3 j
 * + 1 + 3k/N) / 8 and V_k the same with 2 in place of 1: a smooth function of s = k/N, as Marion et
 * al. (ICLR 2024, §4.3) and Sander et al. (NeurIPS 2022, §3) need for a ResNet to approach its ODE.
 */
final class SmoothDepthWeights {
  private SmoothDepthWeights() {}

  /** W_k for the residual function's first parameter, V_k for its second. */
  static DepthInit init() {
    return DepthInit.formula((k, n, j, p) -> matrix(k, n, j == 0 ? 1 : 2));
  }

  /** A ResNet or HeunNet of V tanh(W x) layers with {@link #init()}'s weights, in float64. */
  static ResidualNetwork network(ResidualNetwork.Scheme scheme, int depth, int width) {
    return ResidualNetworkTest.w5(scheme, depth, width).build().initialize(init(), null);
  }

  /** A [batch, width] float64 input with x[s][f] = sin(1.3 s + 0.7 f). */
  static Tensor input(int batch, int width) {
    Tensor x = Tensor.zeros(DType.FLOAT64, batch, width);
    for (int s = 0; s < batch; s++) {
      for (int f = 0; f < width; f++) {
        x.set(s * width + f, Math.sin(1.3 * s + 0.7 * f));
      }
    }
    return x;
  }

  private static Initializer matrix(int k, int depth, int offset) {
    return (w, rng) -> {
      int rows = w.dim(0);
      int cols = w.dim(1);
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          w.set(
              i * cols + j,
              2 * Math.sin(0.37 * i * j + 1.1 * i + 0.3 * j + offset + 3.0 * k / depth) / 8);
        }
      }
    };
  }
}

package org.node4j.lab.experiment.marion;

import java.util.Map;
import org.node4j.nn.tensor.Tensor;

/**
 * Fig. 1-right's distance ‖Z^L(·, t) − Z(·, t)‖ = (∫₀¹ ‖Z^L(s, t) − Z(s, t)‖²_F ds)^{1/2} of Marion
 * et al. (ICLR 2024, §5.1), with the limit Z approximated by a deep reference run: layer k of depth
 * L (s ∈ [k/L, (k+1)/L)) is compared with reference layer k·L_ref/L, and the integral is the mean
 * over k. ‖Z‖_F = ‖V‖_F + ‖W‖_F as in the paper's notation.
 */
final class DepthDistance {
  private DepthDistance() {}

  /**
   * Returns the distance.
   *
   * @param run the depth-L snapshot, every layer kept
   * @param depth L
   * @param reference the reference snapshot, layers kept every {@code refStride}
   * @param refDepth L_ref, a multiple of L
   * @param refStride the reference snapshot's layer stride
   */
  static double rms(
      Map<String, Tensor> run,
      int depth,
      Map<String, Tensor> reference,
      int refDepth,
      int refStride) {
    Tensor w = run.get("W");
    Tensor v = run.get("V");
    Tensor rw = reference.get("W");
    Tensor rv = reference.get("V");
    int block = w.size() / depth;
    double sum = 0;
    for (int k = 0; k < depth; k++) {
      int j = k * (refDepth / depth) / refStride;
      double g = blockDistance(w, k, rw, j, block) + blockDistance(v, k, rv, j, block);
      sum += g * g;
    }
    return Math.sqrt(sum / depth);
  }

  private static double blockDistance(Tensor a, int i, Tensor b, int j, int block) {
    double[] x = a.doubles();
    double[] y = b.doubles();
    double s = 0;
    for (int e = 0; e < block; e++) {
      double d = x[i * block + e] - y[j * block + e];
      s += d * d;
    }
    return Math.sqrt(s);
  }
}

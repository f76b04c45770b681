package org.node4j.lab.experiment.sander;

import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.tensor.Tensor;

/**
 * Part 1: the distance between a ResNet of depth N and its associated neural ODE (Sander et al.,
 * NeurIPS 2022, section 3), for weights of one {@link WeightKind}.
 */
final class DistanceProbe {
  private DistanceProbe() {}

  /**
   * One depth's figures.
   *
   * @param distance max over the inputs of ||x_N - x(1)||_2, ResNet output against ODE solution
   * @param outputNorm max over the inputs of ||x(1)||_2, for scale
   */
  record Result(double distance, double outputNorm) {}

  /** Measures the distance for {@code cell}. */
  static Result measure(Cells.Distance cell) {
    ResidualNetwork net =
        ProbeNetworks.perceptron(
            ResidualNetwork.Scheme.EULER,
            cell.kind(),
            cell.depth(),
            cell.width(),
            cell.hidden(),
            cell.seed());
    Perceptron p = Perceptron.of(net);
    Tensor x = ProbeNetworks.gaussianBatch(cell.batch(), cell.width(), cell.seed() + 1_000_003L);
    double dist = 0;
    double norm = 0;
    for (int b = 0; b < cell.batch(); b++) {
      double[] x0 = row(x, b);
      double[] res = p.resnet(x0);
      double[] ode = p.ode(x0, cell.substeps());
      dist = Math.max(dist, distance(res, ode));
      norm = Math.max(norm, distance(ode, new double[ode.length]));
    }
    return new Result(dist, norm);
  }

  static double[] row(Tensor x, int b) {
    int d = x.dim(1);
    double[] r = new double[d];
    for (int j = 0; j < d; j++) {
      r[j] = x.get(b * d + j);
    }
    return r;
  }

  static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }
}

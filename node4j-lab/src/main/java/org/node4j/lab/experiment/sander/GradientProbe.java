package org.node4j.lab.experiment.sander;

import java.util.List;
import org.node4j.lab.analysis.GradientVectors;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.MemoryFree;
import org.node4j.ode.grad.StoredStages;

/**
 * Part 2: how far Sander et al.'s memory-free gradients (NeurIPS 2022, section 4) are from exact
 * backpropagation at depth N, and how well the reverse steps reconstruct the input, for a ResNet
 * (Euler reconstruction) and a HeunNet (Heun reconstruction) of residual perceptrons. The loss is
 * mean(x_out^2).
 */
final class GradientProbe {
  private GradientProbe() {}

  /**
   * One depth's figures.
   *
   * @param gradientError ||g_mf - g_bp||_2 / ||g_bp||_2 over all parameters
   * @param reconstructionError RMS(x~_0 - x_0) / RMS(x_0) over the batch
   */
  record Result(double gradientError, double reconstructionError) {}

  /** Measures {@code cell}. */
  static Result measure(Cells.Gradient cell) {
    ResidualNetwork net =
        ProbeNetworks.perceptron(
            cell.scheme(), cell.kind(), cell.depth(), cell.width(), cell.hidden(), cell.seed());
    Tensor x = ProbeNetworks.gaussianBatch(cell.batch(), cell.width(), cell.seed() + 1_000_003L);
    double[] exact = gradient(net, StoredStages.create(), x);
    double[] approx = gradient(net, memoryFree(cell.scheme()), x);
    Perceptron p = Perceptron.of(net);
    double err = 0;
    for (int b = 0; b < cell.batch(); b++) {
      double[] x0 = DistanceProbe.row(x, b);
      double[] rec =
          cell.scheme() == ResidualNetwork.Scheme.EULER
              ? p.reverseEuler(p.resnet(x0))
              : p.reverseHeun(p.heunNet(x0));
      double e = DistanceProbe.distance(rec, x0);
      err += e * e;
    }
    double refSq = 0;
    for (int i = 0; i < x.size(); i++) {
      refSq += x.get(i) * x.get(i);
    }
    return new Result(GradientVectors.relativeError(approx, exact), Math.sqrt(err / refSq));
  }

  /** The memory-free method that reverses {@code scheme}. */
  static GradientMethod memoryFree(ResidualNetwork.Scheme scheme) {
    return scheme == ResidualNetwork.Scheme.EULER ? MemoryFree.euler() : MemoryFree.heun();
  }

  /** The gradient of mean(out^2) by {@code method}, all parameters concatenated. */
  static double[] gradient(ResidualNetwork net, GradientMethod method, Tensor x) {
    List<Parameter> params = net.parameters();
    params.forEach(Parameter::zeroGrad);
    net.setMethod(method);
    Tensor y = net.forward(x);
    Tensor dLdy = y.zerosLike();
    for (int i = 0; i < y.size(); i++) {
      dLdy.set(i, 2 * y.get(i) / y.size());
    }
    net.backward(dLdy, x.zerosLike());
    return GradientVectors.flatten(params);
  }
}

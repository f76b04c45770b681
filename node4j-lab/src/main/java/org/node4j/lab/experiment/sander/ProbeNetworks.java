package org.node4j.lab.experiment.sander;

import java.util.SplittableRandom;
import org.node4j.nn.layer.Activation;
import org.node4j.nn.layer.Layer;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.model.SeedModels;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * The float64 residual perceptrons x_{n+1} = x_n + (1/N) V_n tanh(W_n x_n) (ResNet) and their
 * HeunNets that the distance and gradient probes use, and their seeded inputs.
 */
final class ProbeNetworks {
  private ProbeNetworks() {}

  /**
   * An untied ResNet or HeunNet of N perceptrons of width d and hidden width m, its weights drawn
   * by {@code kind} from {@code seed}.
   */
  static ResidualNetwork perceptron(
      ResidualNetwork.Scheme scheme, WeightKind kind, int depth, int d, int m, long seed) {
    ResidualNetwork.Builder b =
        scheme == ResidualNetwork.Scheme.EULER
            ? ResidualNetwork.resNet(k -> function(d, m, k), depth)
            : ResidualNetwork.heunNet(k -> function(d, m, k), depth);
    return b.build().initialize(kind.init(d, m), new SplittableRandom(seed));
  }

  private static Layer function(int d, int m, int k) {
    return SeedModels.residualPerceptron(d, m, Activation.tanh(), DType.FLOAT64, "f" + k + ".");
  }

  /** A [batch, d] float64 batch of N(0, 1) entries from {@code seed}. */
  static Tensor gaussianBatch(int batch, int d, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Tensor x = Tensor.zeros(DType.FLOAT64, batch, d);
    for (int i = 0; i < x.size(); i++) {
      x.set(i, rng.nextGaussian());
    }
    return x;
  }
}

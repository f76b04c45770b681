package org.node4j.nn.model;

import java.util.random.RandomGenerator;
import org.node4j.nn.init.Initializers;
import org.node4j.nn.layer.Activation;
import org.node4j.nn.layer.Conv1d;
import org.node4j.nn.layer.Conv2d;
import org.node4j.nn.layer.Layer;
import org.node4j.nn.layer.Linear;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;

/**
 * The networks of the seeds and workloads, ready to wrap in a {@link
 * org.node4j.nn.field.NeuralField} or a {@link ResidualNetwork}. Parameters start at zero; the
 * initialisers below (or {@link ParameterInit} / {@link DepthInit}) fill them. {@code prefix}
 * starts every parameter name, so that several copies (the layers of a ResNet) have distinct names.
 * The benchmark workloads' deterministic weights are not here: they live with the benchmarks, in
 * node4j-lab's {@code org.node4j.lab.bench}.
 */
public final class SeedModels {
  /** The image block's default width (Ott et al.'s CIFAR-10 ODE block). */
  public static final int IMAGE_WIDTH = 128;

  private SeedModels() {}

  /**
   * Ott et al.'s Sphere2 ODE function "simple_odenet" (ICLR 2021, §2) on a [B, 1, D] signal:
   * Conv1d(1-&gt;32, k1) + ReLU, Conv1d(32-&gt;32, k3, pad 1) + ReLU, Conv1d(32-&gt;1, k1), all
   * with bias.
   */
  public static Sequential sphere2Field(DType dtype, String prefix) {
    return Sequential.of(
        Conv1d.builder(1, 32).name(prefix + "conv1").dtype(dtype).build(),
        Activation.relu(),
        Conv1d.builder(32, 32).kernel(3).padding(1).name(prefix + "conv2").dtype(dtype).build(),
        Activation.relu(),
        Conv1d.builder(32, 1).name(prefix + "conv3").dtype(dtype).build());
  }

  /**
   * Ott et al.'s CIFAR-10 ODE function "odenet" (ICLR 2021, §2) on [B, C, H, W]:
   * Conv2d(C-&gt;width, 1x1) + ReLU, Conv2d(width-&gt;width, 3x3, pad 1) + ReLU,
   * Conv2d(width-&gt;C, 1x1), with bias.
   *
   * @param width the hidden channels ({@link #IMAGE_WIDTH} in the paper)
   */
  public static Sequential imageField(int channels, int width, DType dtype, String prefix) {
    return Sequential.of(
        Conv2d.builder(channels, width).name(prefix + "conv1").dtype(dtype).build(),
        Activation.relu(),
        Conv2d.builder(width, width)
            .kernel(3)
            .padding(1)
            .name(prefix + "conv2")
            .dtype(dtype)
            .build(),
        Activation.relu(),
        Conv2d.builder(width, channels).name(prefix + "conv3").dtype(dtype).build());
  }

  /**
   * The MLP field of workload W3: Linear(in, H) tanh Linear(H, H) tanh Linear(H, out), with bias;
   * W3 has in = out = 2, H = 64. With t as an input channel, in = out + 1.
   */
  public static Sequential mlpField(int in, int hidden, int out, DType dtype, String prefix) {
    return Sequential.of(
        Linear.builder(in, hidden).name(prefix + "fc1").dtype(dtype).build(),
        Activation.tanh(),
        Linear.builder(hidden, hidden).name(prefix + "fc2").dtype(dtype).build(),
        Activation.tanh(),
        Linear.builder(hidden, out).name(prefix + "fc3").dtype(dtype).build());
  }

  /**
   * The residual function of Marion et al.'s residual perceptron h + (1/L) V sigma(W h) (Marion et
   * al. 2024, as coded in their released code: no 1/sqrt(m), 1/sqrt(q) factors, no biases):
   * Linear(q-&gt;m) named {@code W}, sigma, Linear(m-&gt;q) named {@code V}. The 1/L is the
   * ResNet's step size.
   */
  public static Sequential residualPerceptron(
      int q, int m, Activation sigma, DType dtype, String prefix) {
    return Sequential.of(
        Linear.builder(q, m).bias(false).name(prefix + "W").dtype(dtype).build(),
        sigma,
        Linear.builder(m, q).bias(false).name(prefix + "V").dtype(dtype).build());
  }

  /**
   * The residual function of workload W5, V tanh(W x) without biases (width 64 in
   * docs/WORKLOADS.md); parameters {@code W} then {@code V}.
   */
  public static Sequential w5Function(int width, DType dtype, String prefix) {
    return residualPerceptron(width, width, Activation.tanh(), dtype, prefix);
  }

  /** Kaiming-normal weights (fan_in, a = 0) and zero biases: Ott et al.'s init. */
  public static void kaiming(Layer network, RandomGenerator rng) {
    ParameterInit.kaiming().apply(network.parameters(), rng);
  }

  /** Sets every parameter of {@code network} to zero. */
  public static void zero(Layer network) {
    for (Parameter p : network.parameters()) {
      Initializers.zeros().fill(p.value(), (RandomGenerator) null);
    }
  }
}

package org.node4j.lab.experiment.marion;

import java.util.List;
import java.util.Random;
import org.node4j.nn.layer.Linear;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.loss.MeanSquaredError;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.model.SeedModels;
import org.node4j.nn.optim.ParamGroup;
import org.node4j.nn.optim.Sgd;
import org.node4j.nn.optim.SgdOptions;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Full-batch gradient descent on a {@link PerceptronSpec}: the library's {@link ResidualNetwork}
 * (Euler, backpropagation) in float64, its data and its optimiser, stepped one iteration at a time
 * so that the caller can measure the weights between steps. Owns its buffers; a step allocates no
 * tensors of its own.
 */
public final class PerceptronTraining {
  private final PerceptronSpec spec;
  private final ResidualNetwork net;
  private final Tensor x;
  private final Tensor y;
  private final Tensor grad;
  private final Tensor gradIn;
  private final Sgd optimizer;
  private final List<Parameter> params;
  private int iteration;

  /** Draws the data and the initial weights from the spec's seed. */
  public PerceptronTraining(PerceptronSpec spec) {
    this.spec = spec;
    Random rng = new Random(spec.seed());
    x = gaussian(rng, spec.n(), spec.d());
    y = gaussian(rng, spec.n(), spec.d());
    net =
        ResidualNetwork.resNet(k -> function(spec, "f" + k + "."), spec.depth())
            .build()
            .initialize(spec.init().depthInit(spec.lengthScale()), rng);
    params = net.parameters();
    grad = Tensor.zeros(DType.FLOAT64, spec.n(), spec.d());
    gradIn = Tensor.zeros(DType.FLOAT64, spec.n(), spec.d());
    optimizer = new Sgd(SgdOptions.plain(), List.of(ParamGroup.of(params, spec.lr())));
  }

  /**
   * The residual function V σ(W h) without biases, parameters {@code W} (m × d) then {@code V} (d ×
   * m): {@link SeedModels#residualPerceptron} with the experiment's σ layer.
   */
  private static Sequential function(PerceptronSpec spec, String prefix) {
    return Sequential.of(
        Linear.builder(spec.d(), spec.m())
            .bias(false)
            .name(prefix + "W")
            .dtype(DType.FLOAT64)
            .build(),
        spec.sigma().layer(),
        Linear.builder(spec.m(), spec.d())
            .bias(false)
            .name(prefix + "V")
            .dtype(DType.FLOAT64)
            .build());
  }

  private static Tensor gaussian(Random rng, int rows, int cols) {
    Tensor t = Tensor.zeros(DType.FLOAT64, rows, cols);
    for (int i = 0; i < t.size(); i++) {
      t.set(i, rng.nextGaussian());
    }
    return t;
  }

  /** The run's settings. */
  public PerceptronSpec spec() {
    return spec;
  }

  /** Gradient steps taken so far. */
  public int iteration() {
    return iteration;
  }

  /** Sets the step counter after the weights were restored from a checkpoint. */
  public void resumeAt(int t) {
    this.iteration = t;
  }

  /** W_k and V_k of every layer k, in the order (W_0, V_0, W_1, V_1, ...); live tensors. */
  public List<Parameter> parameters() {
    return params;
  }

  /** W_k (m × d) of layer k; live. */
  public Tensor w(int k) {
    return params.get(2 * k).value();
  }

  /** V_k (d × m) of layer k; live. */
  public Tensor v(int k) {
    return params.get(2 * k + 1).value();
  }

  /** The mean squared error at the current weights (a forward pass, no gradient). */
  public double loss() {
    return MeanSquaredError.mean(net.forward(x), y, null);
  }

  /**
   * Takes one gradient step and returns the loss at the weights before it.
   *
   * @throws IllegalStateException when the loss is no longer finite (the rate is too large)
   */
  public double step() {
    Tensor out = net.forward(x);
    double loss = MeanSquaredError.mean(out, y, grad);
    if (!Double.isFinite(loss)) {
      throw new IllegalStateException(
          "loss diverged at iteration "
              + iteration
              + " of depth "
              + spec.depth()
              + " (lr "
              + spec.lr()
              + ")");
    }
    optimizer.zeroGrad();
    net.backward(grad, gradIn);
    optimizer.step();
    iteration++;
    return loss;
  }

  /**
   * max over k of ‖Z_{k+1} − Z_k‖_F with ‖Z‖_F = ‖V‖_F + ‖W‖_F (Marion et al.'s notation, §3): the
   * largest jump of the weights between successive layers.
   */
  public double maxLayerGap() {
    double max = 0;
    for (int k = 0; k + 1 < spec.depth(); k++) {
      max = Math.max(max, distance(w(k + 1), w(k)) + distance(v(k + 1), v(k)));
    }
    return max;
  }

  static double distance(Tensor a, Tensor b) {
    double s = 0;
    for (int i = 0, n = a.size(); i < n; i++) {
      double e = a.get(i) - b.get(i);
      s += e * e;
    }
    return Math.sqrt(s);
  }
}

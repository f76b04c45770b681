package org.node4j.lab.models;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.config.ResidualConfig;
import org.node4j.lab.train.ModelRequest;
import org.node4j.lab.train.TrainableModel;
import org.node4j.nn.layer.Activation;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.model.ClassifierHead;
import org.node4j.nn.model.DepthInit;
import org.node4j.nn.model.OdeClassifier;
import org.node4j.nn.model.ParameterInit;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.model.SeedModels;
import org.node4j.nn.tensor.DType;

/**
 * The {@link org.node4j.lab.train.ModelFactory}s of the residual networks {@code resnet} (Euler
 * steps) and {@code heunnet} (Heun steps; Sander et al., NeurIPS 2022, section 4): a sample is
 * flattened to q features, passed through N = {@code model.residual.depth} residual functions V_k
 * σ(W_k h) of width {@code model.width} without biases (Marion et al., ICLR 2024, eq. 1) with 1/N
 * scaling, then through a Linear head. The layers' Kaiming-normal draws are related across depth as
 * {@code model.residual.init} says ({@link DepthInit}); the head is Kaiming-normal with zero bias,
 * drawn after the layers from the same {@code training.seed}. The gradient method is {@code
 * integration.gradient} ({@link GradientMethods}; {@code memory-free} picks Sander et al.'s Euler
 * or Heun reconstruction from the scheme).
 *
 * <p>The network is its own discretisation, so the integration section must agree with it: solver
 * {@code euler} for {@code resnet}, {@code heun} for {@code heunnet}, and {@code integration.steps}
 * equal to the depth N; a HeunNet then runs its N - 1 Heun steps over [0, (N - 1)/N].
 */
public final class ResidualModelFactories {
  private ResidualModelFactories() {}

  /** {@code resnet}: x_{k+1} = x_k + (1/N) f_k(x_k), k = 0..N-1. */
  public static TrainableModel resnet(ModelRequest r) {
    return build(r, ResidualNetwork.Scheme.EULER);
  }

  /** {@code heunnet}: N - 1 Heun steps of size 1/N through the same N functions. */
  public static TrainableModel heunnet(ModelRequest r) {
    return build(r, ResidualNetwork.Scheme.HEUN);
  }

  /**
   * Builds the network and head a request describes; public so that tests and experiments can get
   * the very model {@code train} trains.
   */
  public static ResidualClassifierModel build(ModelRequest r, ResidualNetwork.Scheme scheme) {
    ExperimentConfig c = r.config();
    ResidualConfig rc = c.model().residual();
    String model = scheme == ResidualNetwork.Scheme.EULER ? "resnet" : "heunnet";
    String solver = scheme == ResidualNetwork.Scheme.EULER ? "euler" : "heun";
    requireAgreement(c, model, solver, rc.depth());
    if (!c.model().options().isEmpty()) {
      throw new IllegalArgumentException(
          "model " + model + " takes model.residual, not model.options; remove model.options");
    }
    DType dtype = c.model().dtype();
    int q = 1;
    for (int d : r.sampleShape()) {
      q *= d;
    }
    int features = q;
    int width = c.model().width();
    Activation sigma = activation(rc);
    ResidualNetwork.Builder b =
        scheme == ResidualNetwork.Scheme.EULER
            ? ResidualNetwork.resNet(
                k -> SeedModels.residualPerceptron(features, width, sigma, dtype, "f" + k + "."),
                rc.depth())
            : ResidualNetwork.heunNet(
                k -> SeedModels.residualPerceptron(features, width, sigma, dtype, "f" + k + "."),
                rc.depth());
    ResidualNetwork net =
        b.method(c.integration().gradient().method(c.integration().solver())).build();
    RandomGenerator rng = new SplittableRandom(c.training().seed());
    net.initialize(depthInit(rc), rng);
    Sequential head = ClassifierHead.of(new int[] {1, features}, r.numClasses(), dtype);
    ParameterInit.kaiming().apply(head.parameters(), rng);
    return new ResidualClassifierModel(
        net, new OdeClassifier(net.block(), head), dtype, r.sampleShape(), r.integration());
  }

  private static void requireAgreement(ExperimentConfig c, String model, String solver, int n) {
    Integer steps = c.integration().steps();
    if (!solver.equals(c.integration().solver().name()) || steps == null || steps != n) {
      throw new IllegalArgumentException(
          "model "
              + model
              + " of depth "
              + n
              + " is its own discretisation: set integration.solver: "
              + solver
              + " and integration.steps: "
              + n
              + " (got solver "
              + c.integration().solver()
              + ", steps "
              + steps
              + ")");
    }
  }

  private static Activation activation(ResidualConfig rc) {
    return switch (rc.activation()) {
      case RELU -> Activation.relu();
      case GELU -> Activation.gelu();
      case TANH -> Activation.tanh();
      case IDENTITY -> Activation.identity();
    };
  }

  /** The depth initialisation {@code rc} names, over Kaiming-normal base draws. */
  static DepthInit depthInit(ResidualConfig rc) {
    ParameterInit base = ParameterInit.kaiming();
    return switch (rc.init()) {
      case TIED -> DepthInit.tied(base);
      case IID -> DepthInit.iid(base);
      case SMOOTH -> DepthInit.smooth(base, rc.frequencies(), rc.amplitude());
      case GP -> DepthInit.gaussianProcess(base, rc.lengthScale());
    };
  }
}

package org.node4j.lab.cli;

import java.util.Random;
import org.node4j.lab.bench.WorkloadFormulas;
import org.node4j.lab.bench.WorkloadModels;
import org.node4j.nn.field.NeuralField;
import org.node4j.nn.layer.Activation;
import org.node4j.nn.layer.Linear;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.model.OdeBlock;
import org.node4j.nn.model.OdeResNet;
import org.node4j.nn.model.ParameterInit;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.model.SeedModels;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.control.StepSizeController;
import org.node4j.ode.grad.StoredStages;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solver;

/**
 * The float64 models that {@code node4j gradcheck} differentiates, kept small so that a check runs
 * in seconds. Each is an {@link OdeBlock} with the loss mean(z(T)^2), or a network of several
 * ({@link #ODE_RESNET}) with its cross-entropy, and an input batch.
 */
enum GradCheckModels {
  /** Ott et al.'s Sphere2 ODE block (Conv1d 1-32-32-1), Kaiming init, N(0,1) batch 16 of [1, 2]. */
  SPHERE2(
      "sphere2", 16, "Sphere2 conv block 1->32->32->1 on N(0,1) inputs [16, 1, 2], Kaiming normal"),
  /** Workload W3's field Linear(2,64) tanh Linear(64,64) tanh Linear(64,2), formula B, batch 32. */
  MLP("mlp", 32, "W3 MLP 2->64->64->2 (tanh, formula B) on [32, 2]"),
  /**
   * An MLP 2-64-64-2 with ReLU, Kaiming init (seed 7), on N(0, 1) inputs (seed 7): a field that is
   * only piecewise smooth, as ANODE's (Gholami et al., IJCAI 2019, §4) ReLU networks are.
   */
  RELU_MLP("relu-mlp", 32, "MLP 2->64->64->2 (ReLU, Kaiming normal) on N(0,1) inputs [32, 2]"),
  /** Workload W5's ResNet x + (1/N) V_k tanh(W_k x), width 64, W5 weights, batch 16. */
  RESNET("resnet", 16, "W5 ResNet, width 64, W5 weights, on [16, 64]"),
  /** The HeunNet of the same N functions as {@link #RESNET}. */
  HEUNNET("heunnet", 16, "W5 HeunNet, width 64, W5 weights, on [16, 64]"),
  /**
   * ANODE's network of several ODE blocks ({@link OdeResNet}): stem conv3x3 (3) + BN + ReLU, stages
   * of 3 (stride 1) and 4 (stride 2) channels, each a transition and an ODE block, linear head.
   */
  ODE_RESNET(
      "ode-resnet",
      4,
      "OdeResNet of 2 ODE blocks (stem 3, stages 3 and 4 channels) on N(0,1) inputs [4, 1, 6, 6],"
          + " cross-entropy on labels 0, 2, 1, 2");

  private static final int[] LABELS = {0, 2, 1, 2};

  /** Width of the W5 networks. */
  static final int W5_WIDTH = 64;

  final String cliName;
  final int batch;
  final String description;

  GradCheckModels(String cliName, int batch, String description) {
    this.cliName = cliName;
    this.batch = batch;
    this.description = description;
  }

  /** Returns whether the model is a residual network whose depth is given by --depth. */
  boolean deep() {
    return this == RESNET || this == HEUNNET;
  }

  /** Returns the loss the model's gradient is of. */
  String lossName() {
    return this == ODE_RESNET ? "mean cross-entropy" : "mean(z(T)^2)";
  }

  /** Builds the target: with {@code solver} and {@code controller}, or on the depth grid. */
  GradCheckTarget target(int depth, Solver solver, StepSizeController controller) {
    if (this == ODE_RESNET) {
      SolveSetup setup = SolveSetup.of(solver, controller);
      return GradCheckTarget.of(
          OdeResNet.builder(new int[] {1, 6, 6}, 3)
              .stemChannels(3)
              .stage(3, 1)
              .stage(4, 2)
              .dtype(DType.FLOAT64)
              .setup(setup)
              .method(StoredStages.create())
              .seed(11)
              .build(),
          setup,
          LABELS);
    }
    return GradCheckTarget.of(block(depth, solver, controller));
  }

  private OdeBlock block(int depth, Solver solver, StepSizeController controller) {
    DType f64 = DType.FLOAT64;
    switch (this) {
      case SPHERE2 -> {
        NeuralField f = NeuralField.autonomous(SeedModels.sphere2Field(f64, ""));
        ParameterInit.kaiming().apply(f.parameters(), new Random(7));
        return shallow(f, solver, controller);
      }
      case MLP -> {
        var net = SeedModels.mlpField(2, 64, 2, f64, "");
        WorkloadModels.formulaB(net, 0);
        return shallow(NeuralField.autonomous(net), solver, controller);
      }
      case RELU_MLP -> {
        NeuralField f = NeuralField.autonomous(reluMlp(f64));
        ParameterInit.kaiming().apply(f.parameters(), new Random(7));
        return shallow(f, solver, controller);
      }
      default -> {
        return WorkloadModels.w5(
                this == RESNET ? ResidualNetwork.Scheme.EULER : ResidualNetwork.Scheme.HEUN,
                depth,
                W5_WIDTH,
                f64)
            .block();
      }
    }
  }

  private static Sequential reluMlp(DType dtype) {
    return Sequential.of(
        Linear.builder(2, 64).name("fc1").dtype(dtype).build(),
        Activation.relu(),
        Linear.builder(64, 64).name("fc2").dtype(dtype).build(),
        Activation.relu(),
        Linear.builder(64, 2).name("fc3").dtype(dtype).build());
  }

  private static OdeBlock shallow(NeuralField f, Solver s, StepSizeController c) {
    return OdeBlock.builder(f).setup(SolveSetup.of(s, c)).method(StoredStages.create()).build();
  }

  /**
   * The input batch: the workloads' input formula sin(1.3 s + 0.7 f) (docs/WORKLOADS.md), except
   * for the ReLU fields (sphere2, relu-mlp), which take N(0, 1) inputs (seed 7): the formula's
   * exact zero at (s, f) = (0, 0) would put a ReLU exactly at its kink, where finite differences
   * and the VJP (which takes relu'(0) = 0) rightly disagree.
   */
  Tensor input() {
    if (this == SPHERE2 || this == RELU_MLP || this == ODE_RESNET) {
      Tensor x =
          switch (this) {
            case SPHERE2 -> Tensor.zeros(DType.FLOAT64, batch, 1, 2);
            case RELU_MLP -> Tensor.zeros(DType.FLOAT64, batch, 2);
            default -> Tensor.zeros(DType.FLOAT64, batch, 1, 6, 6);
          };
      Random rnd = new Random(7);
      for (int i = 0; i < x.size(); i++) {
        x.set(i, rnd.nextGaussian());
      }
      return x;
    }
    Tensor x =
        switch (this) {
          case MLP -> Tensor.zeros(DType.FLOAT64, batch, 2);
          default -> Tensor.zeros(DType.FLOAT64, batch, W5_WIDTH);
        };
    WorkloadFormulas.inputs().fill(x, 0L);
    return x;
  }
}

package org.node4j.nn.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.node4j.nn.field.NetGrad;
import org.node4j.nn.field.NeuralField;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.grad.Checkpointed;
import org.node4j.ode.grad.ContinuousAdjoint;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.StoredStages;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.RungeKutta;
import org.node4j.ode.solver.Solvers;

/**
 * The exact gradient methods on real networks (the Sphere2 conv block, a time-channel MLP): each
 * matches central differences of the discrete forward map to 1e-7 and the others to 1e-10.
 */
class ExactGradientsOnNetworksTest {
  private static final DType F64 = DType.FLOAT64;
  private static final List<GradientMethod> EXACT =
      List.of(
          StoredStages.create(),
          Checkpointed.everyStep(),
          Checkpointed.every(3),
          Checkpointed.binomial(20_000));

  static OdeBlock sphere2Block(RungeKutta solver, int steps, Random rnd) {
    NeuralField f = NeuralField.autonomous(SeedModels.sphere2Field(F64, ""));
    ParameterInit.kaiming().apply(f.parameters(), rnd);
    return OdeBlock.builder(f)
        .setup(SolveSetup.of(solver, ConstantSteps.count(steps)))
        .method(StoredStages.create())
        .build();
  }

  static OdeBlock mlpBlock(RungeKutta solver, int steps, Random rnd) {
    NeuralField f = NeuralField.withTimeChannel(SeedModels.mlpField(4, 16, 3, F64, ""));
    NetGrad.gaussian(f.parameters(), rnd, 0.5);
    return OdeBlock.builder(f)
        .setup(SolveSetup.of(solver, ConstantSteps.count(steps)))
        .method(StoredStages.create())
        .build();
  }

  @Test
  void exactMethodsMatchFiniteDifferencesAndEachOtherOnTheSphere2Block() {
    Random rnd = new Random(11);
    OdeBlock block = sphere2Block(Solvers.rk4(), 6, rnd);
    Tensor z0 = Tensor.zeros(F64, 4, 1, 2);
    NetGrad.gaussian(z0, rnd, 1.0);
    checkExact(block, z0);
  }

  @Test
  void exactMethodsMatchFiniteDifferencesAndEachOtherOnATimeChannelMlp() {
    Random rnd = new Random(12);
    OdeBlock block = mlpBlock(Solvers.dopri5(), 5, rnd);
    Tensor z0 = Tensor.zeros(F64, 6, 3);
    NetGrad.gaussian(z0, rnd, 1.0);
    checkExact(block, z0);
  }

  private static void checkExact(OdeBlock block, Tensor z0) {
    double[] reference = BlockGradients.gradient(block, StoredStages.create(), z0).gradient();
    assertThat(BlockGradients.directionalError(block, z0, reference, 4, 1e-5, 13)).isLessThan(1e-7);
    for (GradientMethod m : EXACT) {
      double[] g = BlockGradients.gradient(block, m, z0).gradient();
      assertThat(NetGrad.relError(g, reference)).as(m.name()).isLessThan(1e-10);
    }
  }

  @Test
  void exactMethodsAgreeOnAcceptedAdaptiveSteps() {
    Random rnd = new Random(14);
    OdeBlock block = mlpBlock(Solvers.dopri5(), 4, rnd);
    block.setIntegration(SolveSetup.of(Solvers.dopri5(), AdaptiveController.pi(1e-6, 1e-6)));
    Tensor z0 = Tensor.zeros(F64, 6, 3);
    NetGrad.gaussian(z0, rnd, 1.0);
    double[] reference = BlockGradients.gradient(block, StoredStages.create(), z0).gradient();
    for (GradientMethod m : EXACT) {
      double[] g = BlockGradients.gradient(block, m, z0).gradient();
      assertThat(NetGrad.relError(g, reference)).as(m.name()).isLessThan(1e-10);
    }
  }

  @Test
  void continuousAdjointApproachesTheExactGradientAsStepsShrink() {
    Random rnd = new Random(15);
    Tensor z0 = Tensor.zeros(F64, 6, 3);
    NetGrad.gaussian(z0, rnd, 1.0);
    double previous = Double.POSITIVE_INFINITY;
    for (int steps : new int[] {4, 8, 16}) {
      OdeBlock block = mlpBlock(Solvers.euler(), steps, new Random(16));
      double[] exact = BlockGradients.gradient(block, StoredStages.create(), z0).gradient();
      double[] adj = BlockGradients.gradient(block, ContinuousAdjoint.create(), z0).gradient();
      double err = NetGrad.relError(adj, exact);
      assertThat(err).isLessThan(previous * 0.7); // O(h): about halves per doubling
      previous = err;
    }
  }
}

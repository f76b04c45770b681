package org.node4j.nn.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.node4j.nn.field.NetGrad;
import org.node4j.nn.field.NeuralField;
import org.node4j.nn.loss.Accuracy;
import org.node4j.nn.loss.CrossEntropy;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.SaveAt;
import org.node4j.ode.Solution;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.grad.StoredStages;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;
import org.node4j.ode.testing.FiniteDifferences;

class OdeClassifierTest {
  private static final DType F64 = DType.FLOAT64;

  static OdeClassifier sphere2(long seed) {
    Random rnd = new Random(seed);
    NeuralField f = NeuralField.autonomous(SeedModels.sphere2Field(F64, ""));
    ParameterInit.kaiming().apply(f.parameters(), rnd);
    OdeBlock block =
        OdeBlock.builder(f)
            .setup(SolveSetup.of(Solvers.euler(), ConstantSteps.count(8)))
            .method(StoredStages.create())
            .build();
    OdeClassifier m = new OdeClassifier(block, ClassifierHead.of(new int[] {1, 2}, 2, F64));
    NetGrad.gaussian(m.head().parameters(), rnd, 0.7);
    return m;
  }

  private static double loss(OdeClassifier m, Tensor x, int[] labels, int count) {
    Tensor z = m.block().solve(x).y();
    Tensor logits = m.head().forward(z, m.head().newCache(z.shape(), F64));
    Tensor first = Tensor.zeros(F64, count, 2);
    for (int i = 0; i < 2 * count; i++) {
      first.set(i, logits.get(i));
    }
    return CrossEntropy.withLogits(first, labels, null);
  }

  @Test
  void trainBatchGradientMatchesFiniteDifferencesOfTheLossOverTheCountedRows() {
    OdeClassifier m = sphere2(1);
    Tensor x = Tensor.zeros(F64, 5, 1, 2);
    NetGrad.gaussian(x, new Random(2), 1.0);
    int[] labels = {0, 1, 1, 0, 1};
    m.zeroGrad();
    OdeClassifier.Step step = m.trainBatch(x, labels, 3);
    assertThat(step.loss())
        .isEqualTo(loss(m, x, labels, 3), org.assertj.core.data.Offset.offset(1e-14));
    assertThat(step.report().forwardEvaluations()).isEqualTo(8);
    double[] g = NetGrad.flattenGrads(m.parameters());
    Random rnd = new Random(3);
    for (int rep = 0; rep < 3; rep++) {
      double[] d = NetGrad.direction(rnd, g.length);
      double eps = 1e-6;
      double fd =
          FiniteDifferences.directional(
              delta -> NetGrad.perturb(null, m.parameters(), d, delta),
              () -> loss(m, x, labels, 3),
              eps);
      assertThat(Math.abs(fd - NetGrad.dot(g, d))).isLessThan(1e-7 * Math.max(1, Math.abs(fd)));
    }
  }

  @Test
  void rowsBeyondTheCountDoNotChangeTheGradient() {
    OdeClassifier m = sphere2(4);
    Tensor x = Tensor.zeros(F64, 4, 1, 2);
    NetGrad.gaussian(x, new Random(5), 1.0);
    int[] labels = {1, 0, 1, 1};
    m.zeroGrad();
    m.trainBatch(x, labels, 2);
    double[] g = NetGrad.flattenGrads(m.parameters());
    for (int i = 4; i < 8; i++) {
      x.set(i, 1e3 * (i - 5));
    }
    m.zeroGrad();
    m.trainBatch(x, labels, 2);
    assertThat(NetGrad.flattenGrads(m.parameters())).containsExactly(g);
  }

  @Test
  void evaluationWithAnotherSolverCountsCorrectPredictionsAndSavesTheTrajectory() {
    OdeClassifier m = sphere2(6);
    Tensor x = Tensor.zeros(F64, 6, 1, 2);
    NetGrad.gaussian(x, new Random(7), 1.0);
    int[] labels = {0, 1, 0, 1, 1, 0};
    OdeClassifier.Evaluation e = m.evaluate(x, labels, 6, SolveSetup.steps(Solvers.rk4(), 16));
    assertThat(e.evaluations()).isEqualTo(64);
    Solution<Tensor> sol =
        m.trajectory(x, SolveSetup.steps(Solvers.rk4(), 16), SaveAt.times(0.0, 0.5, 1.0));
    assertThat(sol.states()).hasSize(3);
    Tensor logits = m.head().forward(sol.states().get(2), m.head().newCache(x.shape(), F64));
    assertThat(e.correct()).isEqualTo(Accuracy.countCorrect(logits, labels));
    assertThat(sol.states().get(0).doubles()).containsExactly(x.doubles());
  }
}

package org.node4j.lab.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.config.TestLoader;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.solver.Solvers;
import org.node4j.ode.testing.FiniteDifferences;

/** The test model's hand-derived gradients, against central finite differences in float64. */
class ToyFlowClassifierTest {

  static ToyFlowClassifier model(int steps) {
    ExperimentConfig c =
        TestLoader.LOADER.parse("integration: {steps: " + steps + "}", false, "t", List.of());
    return new ToyFlowClassifier(
        new ModelRequest(c, new int[] {1, 3}, 2, Integration.steps(Solvers.euler(), steps)), true);
  }

  @Test
  void eulerBackpropMatchesCentralDifferences() {
    ToyFlowClassifier m = model(5);
    Tensor x = Tensor.wrap(new double[] {0.3, -0.2, 0.5, -0.4, 0.1, 0.2, 9, 9, 9}, 3, 1, 3);
    int[] y = {1, 0, -1};
    m.trainBatch(x, y, 2);
    List<Tensor> analytic = m.parameters().stream().map(p -> p.grad().copy()).toList();
    double eps = 1e-6;
    for (int k = 0; k < analytic.size(); k++) {
      Parameter p = m.parameters().get(k);
      for (int i = 0; i < p.value().size(); i++) {
        int entry = i;
        double fd =
            FiniteDifferences.partial(
                v -> p.value().set(entry, v),
                p.value().get(i),
                () -> m.trainBatch(x, y, 2).loss(),
                eps);
        assertThat(analytic.get(k).get(i)).as(p.name() + "[" + i + "]").isCloseTo(fd, within(fd));
      }
    }
  }

  private static org.assertj.core.data.Offset<Double> within(double fd) {
    return org.assertj.core.data.Offset.offset(1e-7 * Math.max(1, Math.abs(fd)));
  }

  @Test
  void evaluationWithEulerAgreesWithTrainingAndCountsEvaluations() {
    ToyFlowClassifier m = model(8);
    Tensor x = Tensor.zeros(DType.FLOAT64, 4, 1, 3);
    for (int i = 0; i < x.size(); i++) {
      x.set(i, Math.sin(i));
    }
    int[] y = {0, 1, 1, 0};

    TrainableModel.BatchStats train = m.trainBatch(x, y, 4);
    TrainableModel.EvalStats eval = m.evaluate(x, y, 4, m.integration());

    assertThat(eval.correct()).isEqualTo(train.correct());
    assertThat(eval.evaluations()).isEqualTo(8).isEqualTo(train.evaluationsForward());
  }
}

package org.node4j.lab.models;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.config.TestLoader;
import org.node4j.lab.models.SeedModelFactoriesTest.Batch;
import org.node4j.lab.train.TrainableModel;
import org.node4j.lab.train.TrainableModel.BatchStats;

/**
 * Every gradient and controller option a configuration names reaches the solver: checked through
 * the evaluation counts one training step reports, never by reading the configuration back.
 */
class GradientOptionsReachTheSolverTest {
  private static final Batch BATCH = SeedModelFactoriesTest.sphereBatch();

  private static BatchStats step(String integration) {
    ExperimentConfig c =
        TestLoader.yaml("model: {name: linear-odenet, width: 8}\nintegration: " + integration);
    TrainableModel m = SeedModelFactoriesTest.build(c, new int[] {1, 2}, 2);
    return m.trainBatch(BATCH.x(), BATCH.y(), BATCH.count());
  }

  private static long forward(String integration) {
    return step(integration).evaluationsForward();
  }

  private static long backward(String integration) {
    return step(integration).evaluationsBackward();
  }

  @Test
  void theForwardControllerAndItsCoefficientsReachTheAdaptiveSolve() {
    String dopri5 = "{solver: dopri5, tolerance: 1e-8";
    long integral = forward(dopri5 + "}");
    long pi = forward(dopri5 + ", controller: pi}");
    long pid = forward(dopri5 + ", controller: pid}");
    long piWithIntegralCoefficients =
        forward(dopri5 + ", controller: {name: pi, pcoeff: 0, icoeff: 1}}");

    assertThat(pi).isNotEqualTo(integral);
    assertThat(pid).isNotEqualTo(integral).isNotEqualTo(pi);
    assertThat(piWithIntegralCoefficients).isEqualTo(integral);
  }

  @Test
  void theAdjointsBackwardStepsAndSolverReachTheBackwardSolve() {
    // Constant backward steps: one evaluation per stage and step, whatever the forward grid.
    assertThat(backward("{steps: 8, gradient: adjoint}")).isEqualTo(8);
    assertThat(backward("{steps: 8, gradient: {name: adjoint, steps: 4}}")).isEqualTo(4);
    assertThat(backward("{steps: 8, gradient: {name: adjoint, solver: rk4, steps: 4}}"))
        .isEqualTo(4 * 4);
  }

  @Test
  void theAdjointsNormToleranceAndControllerReachTheAdaptiveBackwardSolve() {
    String adjoint = "{steps: 8, gradient: {name: adjoint, solver: dopri5, tolerance: ";
    long full = backward(adjoint + "1e-7}}");
    long seminorm = backward(adjoint + "1e-7, norm: seminorm}}");
    long mixed = backward(adjoint + "1e-7, norm: mixed}}");
    long stateOnly = backward(adjoint + "1e-7, norm: state-only}}");
    long pid = backward(adjoint + "1e-7, controller: pid}}");
    long looser = backward(adjoint + "1e-4}}");

    assertThat(new long[] {full, seminorm, mixed, stateOnly, pid}).doesNotHaveDuplicates();
    // The largest RMS of the parts is at least their joint RMS: the mixed norm rejects more.
    assertThat(mixed).isGreaterThan(full);
    assertThat(looser).isLessThan(full);
  }

  @Test
  void aCheckpointBudgetTooSmallForEveryStepCostsRecomputation() {
    long everyStep = backward("{steps: 8, gradient: checkpointed}");
    long everyFourth = backward("{steps: 8, gradient: {name: checkpointed, every: 4}}");
    long binomial = backward("{steps: 8, gradient: {name: checkpointed, budgetBytes: 3000}}");

    // Interval checkpointing re-runs each step once; the binomial schedule with room for fewer
    // states than steps re-runs some more than once (the bytes held are gradcheck's to show).
    assertThat(everyStep).isEqualTo(8);
    assertThat(everyFourth).isEqualTo(8);
    assertThat(binomial).isGreaterThan(everyStep);
  }
}

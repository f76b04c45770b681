package org.node4j.lab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.node4j.lab.config.GradientConfig;
import org.node4j.lab.config.IntegrationConfig;
import org.node4j.lab.config.UsageException;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.solver.Solvers;

class TestGridTest {
  private static final IntegrationConfig EULER = IntegrationConfig.defaults().withSteps(8);
  private static final IntegrationConfig DOPRI5 =
      new IntegrationConfig(
          Solvers.dopri5(), null, null, 1e-3, null, 0.0, 1.0, GradientConfig.stored());

  private static TrainingSummary fixed(long steps) {
    return new TrainingSummary(1, 0, 0, 0, 0, 0, "euler", steps, 1.0 / steps, null, 0, null);
  }

  @Test
  void testStepsAreTheFactorTimesTheTrainingStepsNotItsInverse() {
    assertThat(TestGrid.testSteps(64, 0.5)).isEqualTo(32);
    assertThat(TestGrid.testSteps(64, 2)).isEqualTo(128);
    assertThat(TestGrid.testSteps(64, 0.75)).isEqualTo(48);
    assertThat(TestGrid.testSteps(2, 0.75)).isEqualTo(2); // 1.5 rounds to 2
    assertThat(TestGrid.testSteps(1, 0.4)).isEqualTo(1); // at least one step
    assertThatThrownBy(() -> TestGrid.testSteps(4, 0)).hasMessageContaining("factor > 0");
  }

  @Test
  void evaluateAndTheExperimentTestWithTheSameSolvers() {
    for (var s :
        List.of(
            org.node4j.lab.experiment.ResnetAfterAllSettings.full(
                org.node4j.lab.config.DatasetName.SPHERE2),
            org.node4j.lab.experiment.ResnetAfterAllSettings.quick(
                org.node4j.lab.config.DatasetName.SPHERE2))) {
      assertThat(s.testSolvers())
          .isEqualTo(TestGrid.FIXED_SOLVERS.stream().map(x -> x.name()).toList());
    }
    assertThat(TestGrid.cases(fixed(8), EULER, List.of(), List.of()))
        .extracting(TestGrid.TestCase::solver)
        .containsOnlyElementsOf(TestGrid.FIXED_SOLVERS.stream().map(x -> x.name()).toList())
        .contains("rk4-38");
  }

  @Test
  void defaultTestSolversAreThePapersPerTrainingSolver() {
    assertThat(names(TestGrid.defaultSolvers(Solvers.euler())))
        .containsExactly("euler", "midpoint", "rk4-38");
    assertThat(names(TestGrid.defaultSolvers(Solvers.rk4ThreeEighths()))).containsExactly("rk4-38");
    assertThat(names(TestGrid.defaultSolvers(Solvers.fehlberg2())))
        .containsExactly("fehlberg2", "dopri5");
    assertThat(names(TestGrid.defaultSolvers(Solvers.dopri5()))).containsExactly("dopri5");
    assertThat(names(TestGrid.defaultSolvers(Solvers.bosh3()))).containsExactly("bosh3");
    assertThat(names(TestGrid.defaultSolvers(Solvers.heun())))
        .containsExactly("euler", "midpoint", "rk4-38");

    IntegrationConfig fehlberg =
        new IntegrationConfig(
            Solvers.fehlberg2(), null, null, 1e-2, null, 0.0, 1.0, GradientConfig.stored());
    TrainingSummary s =
        new TrainingSummary(1, 0, 0, 0, 0, 0, "fehlberg2", null, null, 1e-2, 0, null);
    assertThat(TestGrid.cases(s, fehlberg, List.of(), List.of()))
        .extracting(TestGrid.TestCase::solver)
        .containsExactly("fehlberg2", "fehlberg2", "fehlberg2", "dopri5", "dopri5", "dopri5");
  }

  private static List<String> names(List<org.node4j.ode.solver.Solver> solvers) {
    return solvers.stream().map(org.node4j.ode.solver.Solver::name).toList();
  }

  @Test
  void fixedStepTrainingDefaultsToTheSeedsGrid() {
    List<TestGrid.TestCase> cases = TestGrid.cases(fixed(8), EULER, List.of(), List.of());

    assertThat(cases).hasSize(15);
    assertThat(cases)
        .extracting(TestGrid.TestCase::solver)
        .containsSubsequence("euler", "midpoint", "rk4-38");
    assertThat(cases.subList(0, 5))
        .extracting(TestGrid.TestCase::steps)
        .containsExactly(4L, 6L, 8L, 12L, 16L);
    assertThat(((ConstantSteps) cases.get(4).integration().controller()).count()).isEqualTo(16);
  }

  @Test
  void adaptiveTrainingIsTestedWithToleranceFactors() {
    TrainingSummary s = new TrainingSummary(1, 0, 0, 0, 0, 0, "dopri5", null, null, 1e-3, 0, null);

    List<TestGrid.TestCase> cases = TestGrid.cases(s, DOPRI5, List.of(), List.of());

    assertThat(cases).extracting(TestGrid.TestCase::solver).containsOnly("dopri5");
    assertThat(cases).extracting(TestGrid.TestCase::tolerance).containsExactly(1e-4, 1e-3, 1e-2);
  }

  @Test
  void solversOfTheOtherKindAreRejected() {
    assertThatThrownBy(() -> TestGrid.cases(fixed(8), EULER, List.of(Solvers.dopri5()), List.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("same kind");
  }
}

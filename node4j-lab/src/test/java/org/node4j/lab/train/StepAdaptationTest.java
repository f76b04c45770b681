package org.node4j.lab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.node4j.lab.config.StepAdaptationConfig;
import org.node4j.lab.config.StepAdaptationMode;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.solver.Solvers;

class StepAdaptationTest {
  private static final StepAdaptationConfig RELEASED =
      StepAdaptationConfig.defaults().withMode(StepAdaptationMode.RELEASED);
  private static final StepAdaptationConfig PAPER =
      StepAdaptationConfig.defaults().withMode(StepAdaptationMode.PAPER);

  private static StepAdaptation euler(StepAdaptationConfig c, double h) {
    return new StepAdaptation(c, Solvers.euler(), 1.0, h);
  }

  private static double size(Integration i) {
    return ((ConstantSteps) i.controller()).size();
  }

  @Test
  void eulerIsTestedWithMidpointAtTheSameStepWhenFinerThanTheAccuracyFactor() {
    Integration test = euler(RELEASED, 1.0 / 64).testIntegration();

    assertThat(test.solver()).isSameAs(Solvers.midpoint());
    assertThat(size(test)).isEqualTo(1.0 / 64);
  }

  @Test
  void coarseEulerIsTestedWithMidpointAtTheRootOfHOverTheFactor() {
    double h = 1.0 / 32;
    Integration test = euler(RELEASED, h).testIntegration();

    assertThat(test.solver()).isSameAs(Solvers.midpoint());
    assertThat(size(test)).isCloseTo(Math.sqrt(h / 50), within(1e-15));
    // midpoint's error h_test^2 is 50 times below Euler's h
    assertThat(size(test) * size(test) * 50).isCloseTo(h, within(1e-15));
  }

  @Test
  void midpointIsTestedWithTheThreeEighthsRk4() {
    StepAdaptation fine = new StepAdaptation(RELEASED, Solvers.midpoint(), 1.0, 1.0 / 8);
    StepAdaptation coarse = new StepAdaptation(RELEASED, Solvers.midpoint(), 1.0, 1.0 / 4);

    assertThat(fine.testIntegration().solver()).isSameAs(Solvers.rk4ThreeEighths());
    assertThat(size(fine.testIntegration())).isEqualTo(1.0 / 8);
    assertThat(size(coarse.testIntegration()))
        .isCloseTo(Math.pow(1.0 / 16 / 50, 0.25), within(1e-15));
  }

  @Test
  void aLargeGapHalvesTheStep() {
    StepAdaptation a = euler(RELEASED, 1.0 / 64);
    ScriptedProbe probe = new ScriptedProbe().then(0.5);

    StepAdaptation.Decision d = a.check(0.9, probe);

    assertThat(d.outcome()).isEqualTo(StepAdaptation.Outcome.SHRUNK);
    assertThat(a.stepSize()).isEqualTo(1.0 / 128);
    assertThat(probe.asked).hasSize(1);
  }

  @Test
  void nearTheCapTheStepCountMovesHalfWayToIt() {
    StepAdaptation a = euler(RELEASED, 1.0 / 300);

    StepAdaptation.Decision d = a.check(0.9, new ScriptedProbe().then(0.7));

    assertThat(d.outcome()).isEqualTo(StepAdaptation.Outcome.SHRUNK_TOWARDS_CAP);
    double h = 1.0 / 300;
    assertThat(a.stepSize()).isCloseTo(2 * h / (500 * h + 1), within(1e-18));
    assertThat(1 / a.stepSize()).isCloseTo((300 + 500) / 2.0, within(1e-9));
  }

  @Test
  void atTheCapTheStepIsKept() {
    for (double steps : new double[] {500, 500.5}) {
      StepAdaptation a = euler(RELEASED, 1 / steps);

      StepAdaptation.Decision d = a.check(0.9, new ScriptedProbe().then(0.5));

      assertThat(d.outcome()).isEqualTo(StepAdaptation.Outcome.AT_CAP);
      assertThat(a.stepSize()).isEqualTo(1 / steps);
    }
  }

  @Test
  void aSmallGapGrowsTheStepWhenTheTrialAgrees() {
    StepAdaptation a = euler(RELEASED, 0.1);
    ScriptedProbe probe = new ScriptedProbe().then(0.95).then(0.9);

    StepAdaptation.Decision d = a.check(0.9, probe);

    assertThat(d.outcome()).isEqualTo(StepAdaptation.Outcome.GREW);
    assertThat(a.stepSize()).isCloseTo(0.11, within(1e-15));
    assertThat(probe.asked.get(1).solver()).isSameAs(Solvers.euler());
    assertThat(size(probe.asked.get(1))).isCloseTo(0.11, within(1e-15));
    assertThat(d.trialAccuracy()).isEqualTo(0.9);
  }

  @Test
  void theGrowTrialIsRefusedWhenItsAccuracyLeavesTheThreshold() {
    StepAdaptation a = euler(RELEASED, 0.1);

    StepAdaptation.Decision d = a.check(0.9, new ScriptedProbe().then(0.95).then(0.8));

    assertThat(d.outcome()).isEqualTo(StepAdaptation.Outcome.GROW_REFUSED);
    assertThat(a.stepSize()).isEqualTo(0.1);
  }

  @Test
  void theGrowTrialStopsAtTheLargestStep() {
    StepAdaptation a = euler(RELEASED, 0.95);
    ScriptedProbe probe = new ScriptedProbe().then(0.9).then(0.9);

    a.check(0.9, probe);

    assertThat(a.stepSize()).isEqualTo(1.0);
  }

  @Test
  void thePaperVariantHalvesOrGrowsWithoutATrial() {
    StepAdaptation a = euler(PAPER, 1.0 / 300);
    ScriptedProbe probe = new ScriptedProbe().then(0.5).then(0.88);

    assertThat(a.check(0.9, probe).outcome()).isEqualTo(StepAdaptation.Outcome.SHRUNK);
    assertThat(a.stepSize()).isEqualTo(1.0 / 600); // no cap in the paper's rule
    assertThat(a.check(0.9, probe).outcome()).isEqualTo(StepAdaptation.Outcome.GREW);
    assertThat(a.stepSize()).isCloseTo(1.1 / 600, within(1e-18));
    assertThat(probe.asked).hasSize(2);
  }

  @Test
  void checksAreDueEveryIntervalOfOneBasedIterations() {
    StepAdaptation a = euler(RELEASED, 0.1);

    assertThat(a.due(50)).isTrue();
    assertThat(a.due(100)).isTrue();
    assertThat(a.due(49)).isFalse();
    assertThat(a.due(0)).isFalse();
  }

  @Test
  void solversWithoutATestSolverAndModeOffAreRejected() {
    assertThatThrownBy(() -> new StepAdaptation(RELEASED, Solvers.rk4(), 1, 0.1))
        .hasMessageContaining("euler and midpoint");
    assertThatThrownBy(
            () -> new StepAdaptation(StepAdaptationConfig.defaults(), Solvers.euler(), 1, 0.1))
        .hasMessageContaining("off");
    assertThatThrownBy(() -> euler(RELEASED, 0)).hasMessageContaining("step size");
  }
}

package org.node4j.lab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.node4j.lab.config.GradientConfig;
import org.node4j.lab.config.IntegrationConfig;
import org.node4j.lab.config.ToleranceAdaptationConfig;
import org.node4j.lab.config.ToleranceAdaptationMode;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.solver.Solver;
import org.node4j.ode.solver.Solvers;

class ToleranceAdaptationTest {
  private static final ToleranceAdaptationConfig ON =
      new ToleranceAdaptationConfig(ToleranceAdaptationMode.ON, 1e-3, 50, 0.1, 1.1, 0.5, 5, 10);

  private static IntegrationConfig with(Solver solver) {
    return new IntegrationConfig(solver, null, null, 1e-3, null, 0.0, 1.0, GradientConfig.stored());
  }

  private static double tol(Integration i) {
    return ((AdaptiveController) i.controller()).rtol();
  }

  @Test
  void fehlbergIsTestedWithDopri5AtAFifthOfTheTolerance() {
    ToleranceAdaptation a = new ToleranceAdaptation(ON, with(Solvers.fehlberg2()));
    ScriptedProbe probe = new ScriptedProbe().then(0.9, 50).then(0.9, 30);

    ToleranceAdaptation.Decision d = a.check(0.9, 40, probe);

    assertThat(probe.asked.get(0).solver()).isSameAs(Solvers.dopri5());
    assertThat(tol(probe.asked.get(0))).isCloseTo(2e-4, within(1e-18));
    assertThat(d.testTolerance()).isCloseTo(2e-4, within(1e-18));
    assertThat(probe.asked.get(1).solver()).isSameAs(Solvers.fehlberg2());
  }

  @Test
  void theTestToleranceShrinksByTenWhileTheTestSolveIsNoDearerThanTraining() {
    ToleranceAdaptation a = new ToleranceAdaptation(ON, with(Solvers.dopri5()));
    ScriptedProbe probe =
        new ScriptedProbe().then(0.2, 30).then(0.2, 40).then(0.9, 41).then(0.9, 30);

    ToleranceAdaptation.Decision d = a.check(0.9, 40, probe);

    assertThat(probe.asked).hasSize(4);
    assertThat(tol(probe.asked.get(0))).isCloseTo(1e-4, within(1e-18));
    assertThat(tol(probe.asked.get(2))).isCloseTo(1e-6, within(1e-20));
    assertThat(d.testAccuracy()).isEqualTo(0.9);
    assertThat(d.outcome()).isEqualTo(ToleranceAdaptation.Outcome.GREW);
  }

  @Test
  void theRefinementStopsAfterItsBound() {
    ToleranceAdaptationConfig two =
        new ToleranceAdaptationConfig(ToleranceAdaptationMode.ON, 1e-3, 50, 0.1, 1.1, 0.5, 5, 2);
    ToleranceAdaptation a = new ToleranceAdaptation(two, with(Solvers.dopri5()));
    ScriptedProbe probe = new ScriptedProbe().then(0.9, 5).then(0.9, 5).then(0.9, 5).then(0.5, 5);

    ToleranceAdaptation.Decision d = a.check(0.9, 40, probe);

    assertThat(probe.asked).hasSize(4); // 1 + 2 refinements, then the grow trial
    assertThat(d.testTolerance()).isCloseTo(1e-6, within(1e-20));
    assertThat(d.outcome()).isEqualTo(ToleranceAdaptation.Outcome.GROW_REFUSED);
  }

  @Test
  void aLargeGapHalvesTheTolerance() {
    ToleranceAdaptation a = new ToleranceAdaptation(ON, with(Solvers.dopri5()));
    ScriptedProbe probe = new ScriptedProbe().then(0.6, 100);

    ToleranceAdaptation.Decision d = a.check(0.9, 40, probe);

    assertThat(d.outcome()).isEqualTo(ToleranceAdaptation.Outcome.SHRUNK);
    assertThat(a.tolerance()).isEqualTo(5e-4);
    assertThat(probe.exhausted()).isTrue();
  }

  @Test
  void aSmallGapGrowsTheToleranceUnlessTheTrialAccuracyLeavesTheThreshold() {
    ToleranceAdaptation grows = new ToleranceAdaptation(ON, with(Solvers.dopri5()));
    ToleranceAdaptation refused = new ToleranceAdaptation(ON, with(Solvers.dopri5()));

    grows.check(0.9, 40, new ScriptedProbe().then(0.95, 100).then(0.9, 38));
    refused.check(0.9, 40, new ScriptedProbe().then(0.95, 100).then(0.8, 38));

    assertThat(grows.tolerance()).isCloseTo(1.1e-3, within(1e-18));
    assertThat(refused.tolerance()).isEqualTo(1e-3);
  }

  @Test
  void theGrowTrialIsUnneededWhenItsNfeEqualsEachOfTheLastFive() {
    ToleranceAdaptation a = new ToleranceAdaptation(ON, with(Solvers.dopri5()));
    for (int i = 0; i < 5; i++) {
      a.record(38);
    }

    ToleranceAdaptation.Decision d =
        a.check(0.9, 40, new ScriptedProbe().then(0.9, 100).then(0.9, 38));

    assertThat(d.outcome()).isEqualTo(ToleranceAdaptation.Outcome.GROW_UNNEEDED);
    assertThat(d.trialEvaluations()).isEqualTo(38);
    assertThat(a.tolerance()).isEqualTo(1e-3);
  }

  @Test
  void theGrowTrialIsAcceptedWhenTheHistoryIsShortOrDiffers() {
    ToleranceAdaptation shortHistory = new ToleranceAdaptation(ON, with(Solvers.dopri5()));
    ToleranceAdaptation differing = new ToleranceAdaptation(ON, with(Solvers.dopri5()));
    for (int i = 0; i < 4; i++) {
      shortHistory.record(38);
      differing.record(38);
    }
    differing.record(44);

    shortHistory.check(0.9, 40, new ScriptedProbe().then(0.9, 100).then(0.9, 38));
    differing.check(0.9, 40, new ScriptedProbe().then(0.9, 100).then(0.9, 38));

    assertThat(shortHistory.tolerance()).isCloseTo(1.1e-3, within(1e-18));
    assertThat(differing.tolerance()).isCloseTo(1.1e-3, within(1e-18));
  }

  @Test
  void theHistoryKeepsTheNewestEntriesAndRestores() {
    ToleranceAdaptation a = new ToleranceAdaptation(ON, with(Solvers.dopri5()));
    for (long v = 1; v <= 7; v++) {
      a.record(v);
    }
    ToleranceAdaptation b = new ToleranceAdaptation(ON, with(Solvers.dopri5()));
    b.restoreHistory(a.history());

    assertThat(a.history()).containsExactly(3, 4, 5, 6, 7);
    assertThat(b.history()).containsExactly(3, 4, 5, 6, 7);
  }

  @Test
  void otherSolversAndModeOffAreRejected() {
    assertThatThrownBy(() -> new ToleranceAdaptation(ON, with(Solvers.bosh3())))
        .hasMessageContaining("fehlberg2 and dopri5");
    assertThatThrownBy(
            () ->
                new ToleranceAdaptation(
                    ToleranceAdaptationConfig.defaults(), with(Solvers.dopri5())))
        .hasMessageContaining("off");
  }
}

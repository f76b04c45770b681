package org.node4j.ode.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.SaveAt;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;

/** The two-phase protocol, reuse across iterations, reports and argument validation. */
class GradientPassProtocolTest {

  private static final double[] Z0 = {0.5, -0.3, 0.8};

  private static GradProblem<double[], double[]> problem() {
    TanhMlp f = new TanhMlp(3, 4, 1, TanhMlp.params(3, 4, 0.2), true);
    return GradProblem.builder(f, ArrayOps.INSTANCE)
        .span(0, 1)
        .setup(SolveSetup.of(Solvers.rk4(), ConstantSteps.count(5)))
        .build();
  }

  private static List<GradientMethod> all() {
    return List.of(
        StoredStages.create(),
        Checkpointed.everyStep(),
        Checkpointed.binomial(1000),
        ContinuousAdjoint.create());
  }

  @Test
  void backwardNeedsAForwardPassFirstAndOnlyOnce() {
    for (GradientMethod m : all()) {
      GradientPass<double[], double[]> pass = m.prepare(problem());
      assertThatThrownBy(() -> pass.backward(Z0, new double[3], new double[40]))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(m.name());
      double[] zT = pass.forward(Z0);
      pass.backward(zT, new double[3], pass.problem().field().newGrad());
      assertThatThrownBy(() -> pass.backward(zT, new double[3], new double[40]))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aReusedPassGivesTheSameGradientEveryIterationAndAccumulates() {
    for (GradientMethod m : all()) {
      GradientPass<double[], double[]> pass = m.prepare(problem());
      double[] first = GradCheck.run(pass, Z0).gradient();
      pass.forward(new double[] {1, 1, 1}); // a forward without backward is abandoned
      double[] second = GradCheck.run(pass, Z0).gradient();
      assertThat(second).as(m.name()).isEqualTo(first);
      double[] acc = pass.problem().field().newGrad();
      for (int i = 0; i < 2; i++) {
        double[] zT = pass.forward(Z0);
        pass.backward(GradCheck.lossGradient(zT), new double[3], acc);
      }
      double[] once = java.util.Arrays.copyOfRange(first, 3, first.length);
      for (int i = 0; i < acc.length; i++) {
        assertThat(acc[i]).isEqualTo(2 * once[i], org.assertj.core.api.Assertions.within(1e-14));
      }
    }
  }

  @Test
  void reportsCountEvaluationsAndVjps() {
    GradientReport stored = GradCheck.gradient(StoredStages.create(), problem(), Z0).report();
    assertThat(stored.method()).isEqualTo("stored");
    assertThat(stored.forwardSteps()).isEqualTo(5);
    assertThat(stored.forwardEvaluations()).isEqualTo(20);
    assertThat(stored.backwardEvaluations()).isZero();
    assertThat(stored.backwardVjps()).isEqualTo(20);
    GradientReport every = GradCheck.gradient(Checkpointed.everyStep(), problem(), Z0).report();
    assertThat(every.backwardEvaluations()).isEqualTo(20);
    assertThat(every.backwardVjps()).isEqualTo(20);
    assertThat(every.peakBytesHeld()).isLessThan(stored.peakBytesHeld());
    assertThat(stored.forwardNanos()).isPositive();
  }

  @Test
  void badConfigurationIsRejectedWithTheFix() {
    assertThatThrownBy(() -> Checkpointed.every(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    assertThatThrownBy(() -> Checkpointed.binomial(0)).isInstanceOf(IllegalArgumentException.class);
    GradientPass<double[], double[]> tiny = Checkpointed.binomial(8).prepare(problem());
    assertThatThrownBy(() -> tiny.forward(Z0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("24 bytes");
    TanhMlp f = new TanhMlp(3, 4, 1, TanhMlp.params(3, 4, 0.2), true);
    assertThatThrownBy(
            () ->
                GradProblem.builder(f, ArrayOps.INSTANCE)
                    .span(0, 1)
                    .setup(SolveSetup.of(Solvers.rk4(), AdaptiveController.integral(1e-6, 1e-6)))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rk4");
    assertThatThrownBy(
            () ->
                GradProblem.builder(f, ArrayOps.INSTANCE)
                    .span(1, 1)
                    .setup(SolveSetup.of(Solvers.rk4(), ConstantSteps.count(3)))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("t0 = 1.0");
  }

  @Test
  void bytesOfStatesAreEightPerDouble() {
    assertThat(ArrayOps.INSTANCE.bytes(new double[7])).isEqualTo(56);
  }

  @Test
  void savedTimesTakeOneCotangentEachAndTheT1PolicyIsTheSpecialCase() {
    GradProblem<double[], double[]> t1 = problem();
    GradProblem<double[], double[]> times =
        GradProblem.builder(t1.field(), ArrayOps.INSTANCE)
            .span(0, 1)
            .setup(t1.setup())
            .saveAt(SaveAt.times(0.3, 1.0))
            .build();
    for (GradientMethod m : all()) {
      GradientPass<double[], double[]> single = m.prepare(t1);
      double[] zT = single.forward(Z0);
      assertThat(single.saved()).as(m.name()).containsExactly(zT);
      double[] viaList = new double[3];
      double[] g1 = t1.field().newGrad();
      single.backward(List.of(GradCheck.lossGradient(zT)), viaList, g1);
      single.forward(Z0);
      double[] viaState = new double[3];
      double[] g2 = t1.field().newGrad();
      single.backward(GradCheck.lossGradient(zT), viaState, g2);
      assertThat(viaList).as(m.name()).containsExactly(viaState);
      assertThat(g1).as(m.name()).containsExactly(g2);

      GradientPass<double[], double[]> pass = m.prepare(times);
      double[] end = pass.forward(Z0);
      assertThat(pass.saved()).hasSize(2);
      assertThat(pass.saved().get(1)).containsExactly(end);
      assertThatThrownBy(() -> pass.backward(List.of(end), new double[3], t1.field().newGrad()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("1 cotangents for 2 saved times");
      // A loss on z(t1) alone still works on a problem that saves more.
      double[] dz0 = new double[3];
      pass.backward(GradCheck.lossGradient(end), dz0, t1.field().newGrad());
      assertThat(dz0).as(m.name()).containsExactly(viaState);
    }
    assertThatThrownBy(
            () ->
                GradProblem.builder(t1.field(), ArrayOps.INSTANCE)
                    .span(0, 1)
                    .setup(t1.setup())
                    .saveAt(SaveAt.steps())
                    .build())
        .hasMessageContaining("SaveAt.times");
  }
}

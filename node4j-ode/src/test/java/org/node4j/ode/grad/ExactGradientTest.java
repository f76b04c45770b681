package org.node4j.ode.grad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.Statistics;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.control.StepSizeController;
import org.node4j.ode.integrate.Integrator;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.RungeKutta;
import org.node4j.ode.solver.Solvers;

/** Every exact method matches finite differences and the other exact methods. */
class ExactGradientTest {

  static Stream<Arguments> solves() {
    return Stream.of(
        Arguments.of(Solvers.euler(), ConstantSteps.count(20)),
        Arguments.of(Solvers.midpoint(), ConstantSteps.count(9)),
        Arguments.of(Solvers.heun(), ConstantSteps.size(0.15)),
        Arguments.of(Solvers.rk4(), ConstantSteps.count(6)),
        Arguments.of(Solvers.rk4ThreeEighths(), ConstantSteps.count(5)),
        Arguments.of(Solvers.heunEuler(), AdaptiveController.integral(1e-4, 1e-6)),
        Arguments.of(Solvers.bosh3(), AdaptiveController.pi(1e-5, 1e-7)),
        Arguments.of(Solvers.dopri5(), AdaptiveController.integral(1e-6, 1e-8)),
        Arguments.of(Solvers.tsit5(), AdaptiveController.pid(1e-6, 1e-8)));
  }

  static List<GradientMethod> exactMethods() {
    return List.of(
        StoredStages.create(),
        Checkpointed.everyStep(),
        Checkpointed.every(3),
        Checkpointed.binomial(3 * 8 * 6));
  }

  @Test
  void rejectedStepsLeaveTheGradientExact() {
    TanhMlp f = new TanhMlp(3, 5, 2, TanhMlp.params(3, 5, 0.3), true);
    GradProblem<double[], double[]> p =
        GradProblem.builder(f, ArrayOps.INSTANCE)
            .span(0.1, 1.3)
            .setup(
                SolveSetup.of(
                    Solvers.dopri5(),
                    AdaptiveController.builder(1e-8, 1e-10).initialStep(1.0).build()))
            .build();
    double[] z0 = {0.5, -0.3, 0.8, -1.0, 0.2, 0.4};
    Statistics stats = Integrator.solve(p.spec(f, z0).build()).statistics();
    assertThat(stats.rejectedSteps()).as("the oversized first step is rejected").isPositive();
    double[] fd = GradCheck.finiteDifferences(p, z0, List.of(f.theta));
    for (GradientMethod m : exactMethods()) {
      GradCheck.Result r = GradCheck.gradient(m, p, z0);
      assertThat(GradCheck.relativeError(r.gradient(), fd)).as(m.name()).isLessThan(1e-7);
      assertThat(r.report().forwardSteps()).isEqualTo(stats.acceptedSteps());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("solves")
  void exactMethodsMatchFiniteDifferencesAndEachOther(
      RungeKutta solver, StepSizeController controller) {
    for (boolean records : new boolean[] {true, false}) {
      TanhMlp f = new TanhMlp(3, 5, 2, TanhMlp.params(3, 5, 0.3), records);
      GradProblem<double[], double[]> p =
          GradProblem.builder(f, ArrayOps.INSTANCE)
              .span(0.1, 1.3)
              .setup(SolveSetup.of(solver, controller))
              .build();
      double[] z0 = {0.5, -0.3, 0.8, -1.0, 0.2, 0.4};
      double[] fd = GradCheck.finiteDifferences(p, z0, List.of(f.theta));
      double[] reference = null;
      for (GradientMethod m : exactMethods()) {
        GradCheck.Result r = GradCheck.gradient(m, p, z0);
        assertThat(GradCheck.relativeError(r.gradient(), fd)).as(m.name()).isLessThan(1e-7);
        if (reference == null) {
          reference = r.gradient();
        }
        assertThat(GradCheck.relativeError(r.gradient(), reference))
            .as(m.name() + " against stored")
            .isLessThan(1e-10);
      }
    }
  }
}

package org.node4j.ode.grad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.Statistics;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.integrate.Integrator;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;
import org.node4j.ode.testing.Tolerances;

/**
 * What the contract suite ({@link GradientMethodContractTest}) does not cover: exact gradients
 * through rejected adaptive steps.
 */
class ExactGradientTest {

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
      assertThat(GradCheck.relativeError(r.gradient(), fd))
          .as(m.name())
          .isLessThan(Tolerances.GRADIENT_VS_FD);
      assertThat(r.report().forwardSteps()).isEqualTo(stats.acceptedSteps());
    }
  }
}

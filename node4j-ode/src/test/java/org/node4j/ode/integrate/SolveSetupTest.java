package org.node4j.ode.integrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.grad.Checkpointed;
import org.node4j.ode.grad.ContinuousAdjoint;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.MemoryFree;
import org.node4j.ode.grad.StoredStages;
import org.node4j.ode.solver.RungeKutta;
import org.node4j.ode.solver.Solvers;

/** The one solve setup: checked when built, against the catalogue, and nowhere else. */
class SolveSetupTest {

  @Test
  void anAdaptiveControllerNeedsAnEmbeddedPairNamedByTheCatalogue() {
    List<String> adaptive =
        Solvers.all().stream().filter(RungeKutta::adaptive).map(RungeKutta::name).toList();
    assertThat(Solvers.adaptiveNames())
        .isEqualTo(adaptive)
        .contains("dopri5")
        .doesNotContain("rk4");
    assertThatThrownBy(() -> SolveSetup.of(Solvers.rk4(), AdaptiveController.integral(1e-6, 1e-6)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'rk4'")
        .hasMessageContaining(String.join(", ", adaptive));
    for (RungeKutta s : Solvers.all()) {
      assertThat(SolveSetup.steps(s, 4).solver()).isSameAs(s);
    }
  }

  @Test
  void copiesAreCheckedAndTheBudgetMustBePositive() {
    SolveSetup dopri = SolveSetup.of(Solvers.dopri5(), AdaptiveController.integral(1e-6, 1e-6));
    assertThat(dopri.maxSteps()).isEqualTo(SolveSetup.DEFAULT_MAX_STEPS);
    assertThat(dopri.withMaxSteps(7).maxSteps()).isEqualTo(7);
    assertThat(dopri.withController(ConstantSteps.count(3)).constantSteps()).isTrue();
    assertThatThrownBy(() -> dopri.withSolver(Solvers.euler())).hasMessageContaining("'euler'");
    assertThatThrownBy(() -> dopri.withMaxSteps(0)).hasMessageContaining("maxSteps");
  }

  @Test
  void checkingAMethodAgainstASetupAllocatesNothing() {
    SolveSetup euler = SolveSetup.steps(Solvers.euler(), 8);
    GradientMethod[] methods = {
      StoredStages.create(), Checkpointed.every(2), ContinuousAdjoint.create(), MemoryFree.euler()
    };
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    for (GradientMethod m : methods) {
      long bytes = 0;
      for (int warm = 0; warm < 3; warm++) {
        long before = bean.getThreadAllocatedBytes(id);
        for (int i = 0; i < 10_000; i++) {
          m.check(euler);
        }
        bytes = bean.getThreadAllocatedBytes(id) - before;
      }
      assertThat(bytes).as(m.name() + ": bytes for 10 000 checks").isLessThan(1024);
    }
    assertThatThrownBy(() -> MemoryFree.heun().check(euler))
        .hasMessageContaining("memory-free-heun")
        .hasMessageContaining("euler");
  }
}

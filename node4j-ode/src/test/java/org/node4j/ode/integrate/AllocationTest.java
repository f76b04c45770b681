package org.node4j.ode.integrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.control.StepSizeController;
import org.node4j.ode.solver.RungeKutta;
import org.node4j.ode.solver.Solvers;

/** The stepping loop allocates nothing per step: 10x the steps must not cost 10x the bytes. */
class AllocationTest {

  private static long allocatedBy(RungeKutta solver, StepSizeController c, double t1) {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = bean.getThreadAllocatedBytes(id);
    Integrator.solve(
        Problems.harmonic().spec().span(0, t1).setup(SolveSetup.of(solver, c)).build());
    return bean.getThreadAllocatedBytes(id) - before;
  }

  @Test
  void constantStepLoopAllocatesNothingPerStep() {
    for (int warm = 0; warm < 5; warm++) {
      allocatedBy(Solvers.rk4(), ConstantSteps.count(10_000), 1);
    }
    long small = allocatedBy(Solvers.rk4(), ConstantSteps.count(1_000), 1);
    long large = allocatedBy(Solvers.rk4(), ConstantSteps.count(10_000), 1);
    assertThat(large).isLessThan(2 * small + 4096);
  }

  @Test
  void adaptiveLoopAllocatesNothingPerStep() {
    AdaptiveController c = AdaptiveController.pi(1e-8, 1e-8);
    for (int warm = 0; warm < 5; warm++) {
      allocatedBy(Solvers.dopri5(), c, 1000);
    }
    long small = allocatedBy(Solvers.dopri5(), c, 100);
    long large = allocatedBy(Solvers.dopri5(), c, 1000);
    assertThat(large).isLessThan(2 * small + 4096);
  }
}

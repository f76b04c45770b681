package org.node4j.ode.grad;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.SaveAt;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;

/**
 * In steady state a forward-backward cycle allocates nothing per step, for a loss on z(t1) and on
 * states at saved times: 10x the steps must not cost 10x the bytes (records, checkpoints and
 * buffers are pooled and reused).
 */
class GradAllocationTest {

  private static long allocated(GradientPass<double[], double[]> pass, double[] dz, double[] g) {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = bean.getThreadAllocatedBytes(id);
    double[] zT = pass.forward(new double[] {0.5, -0.3, 0.8});
    if (pass.problem().saveAt().kind() == SaveAt.Kind.TIMES) {
      // The saved states themselves serve as cotangents: no allocation by the test.
      pass.backward(pass.saved(), dz, g);
    } else {
      pass.backward(zT, dz, g);
    }
    return bean.getThreadAllocatedBytes(id) - before;
  }

  private static GradientPass<double[], double[]> pass(GradientMethod m, int steps, SaveAt at) {
    TanhMlp f = new TanhMlp(3, 4, 1, TanhMlp.params(3, 4, 0.2), true);
    return m.prepare(
        GradProblem.builder(f, ArrayOps.INSTANCE)
            .span(0, 1)
            .setup(SolveSetup.of(Solvers.euler(), ConstantSteps.count(steps)))
            .saveAt(at)
            .build());
  }

  @Test
  void gradientPassesAllocateNothingPerStep() {
    List<GradientMethod> methods =
        List.of(
            StoredStages.create(),
            Checkpointed.every(4),
            Checkpointed.binomial(8 * 3 * 6),
            ContinuousAdjoint.create(),
            MemoryFree.euler());
    for (GradientMethod m : methods) {
      for (SaveAt at : List.of(SaveAt.t1(), SaveAt.times(0.0, 0.3001, 0.5, 0.9001))) {
        flat(m, at);
      }
    }
  }

  private static void flat(GradientMethod m, SaveAt at) {
    GradientPass<double[], double[]> small = pass(m, 200, at);
    GradientPass<double[], double[]> large = pass(m, 2000, at);
    double[] dz = new double[3];
    double[] g = new double[TanhMlp.size(3, 4)];
    for (int warm = 0; warm < 5; warm++) {
      allocated(small, dz, g);
      allocated(large, dz, g);
    }
    long a = allocated(small, dz, g);
    long b = allocated(large, dz, g);
    assertThat(b)
        .as(m.name() + ", " + at.kind() + ": " + a + " bytes for 200 steps")
        .isLessThan(2 * a + 4096);
  }
}

package org.node4j.ode.integrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.SaveAt;
import org.node4j.ode.Solution;
import org.node4j.ode.VectorField;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.solver.RungeKutta;
import org.node4j.ode.solver.Solvers;

/**
 * Solves in reused {@link SolveBuffers} give the bits of solves in fresh ones, allocate their
 * buffers once while the solver and the state's shape stay, and again when either changes.
 */
class SolveBuffersTest {
  /** dy_i/dt = -(1 + i mod 7) y_i + sin(t): one rate per component, a smooth forcing. */
  private static final VectorField<double[]> FIELD =
      (t, y, out) -> {
        for (int i = 0; i < y.length; i++) {
          out[i] = -(1 + i % 7) * y[i] + Math.sin(t);
        }
      };

  private static double[] start(int n, double scale) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = scale * Math.cos(0.3 * i);
    }
    return y;
  }

  private static SolveSpec<double[]> spec(RungeKutta solver, double[] y0, SaveAt at) {
    SolveSetup setup =
        solver.adaptive()
            ? SolveSetup.of(solver, AdaptiveController.pi(1e-6, 1e-8))
            : SolveSetup.of(solver, ConstantSteps.count(12));
    return SolveSpec.builder(FIELD, ArrayOps.INSTANCE, y0)
        .span(0, 1)
        .setup(setup)
        .saveAt(at)
        .build();
  }

  private static void assertSame(Solution<double[]> got, Solution<double[]> want) {
    assertThat(got.y()).isEqualTo(want.y());
    assertThat(got.times()).isEqualTo(want.times());
    assertThat(got.states()).hasSameSizeAs(want.states());
    for (int i = 0; i < want.states().size(); i++) {
      assertThat(got.states().get(i)).as("saved state %d", i).isEqualTo(want.states().get(i));
    }
    assertThat(got.statistics()).isEqualTo(want.statistics());
  }

  @Test
  void reusedBuffersGiveTheBitsOfFreshOnesForEverySavePolicy() {
    List<SaveAt> policies = List.of(SaveAt.t1(), SaveAt.steps(), SaveAt.times(0.0, 0.31, 0.5, 1.0));
    for (RungeKutta solver : List.of(Solvers.heun(), Solvers.rk4(), Solvers.dopri5())) {
      for (SaveAt at : policies) {
        SolveBuffers<double[]> buffers = new SolveBuffers<>();
        for (int round = 0; round < 3; round++) {
          double[] y0 = start(9, 1 + round);
          Solution<double[]> fresh = Integrator.solve(spec(solver, y0, at));
          Solution<double[]> reused = Integrator.solve(spec(solver, y0, at), buffers);
          assertSame(reused, fresh);
        }
        assertThat(buffers.allocations()).as(solver.name() + ", " + at.kind()).isEqualTo(1);
      }
    }
  }

  @Test
  void anotherShapeOrSolverAllocatesAgain() {
    SolveBuffers<double[]> buffers = new SolveBuffers<>();
    Integrator.solve(spec(Solvers.heun(), start(5, 1), SaveAt.t1()), buffers);
    Solution<double[]> wider =
        Integrator.solve(spec(Solvers.heun(), start(8, 1), SaveAt.t1()), buffers);
    assertThat(buffers.allocations()).isEqualTo(2);
    assertSame(wider, Integrator.solve(spec(Solvers.heun(), start(8, 1), SaveAt.t1())));
    Solution<double[]> rk4 =
        Integrator.solve(spec(Solvers.rk4(), start(8, 1), SaveAt.steps()), buffers);
    assertThat(buffers.allocations()).isEqualTo(3);
    assertSame(rk4, Integrator.solve(spec(Solvers.rk4(), start(8, 1), SaveAt.steps())));
  }

  /**
   * With a state of 20 000 doubles (160 KB), a solve in fresh buffers allocates its stages, running
   * state and saved copies (several states); once warm, a solve in reused buffers allocates less
   * than a tenth of one state.
   */
  @Test
  void repeatedSolvesInReusedBuffersAllocateNoState() {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    double[] y0 = start(20_000, 1);
    long stateBytes = 8L * y0.length;
    SolveBuffers<double[]> buffers = new SolveBuffers<>();
    long reused = Long.MAX_VALUE;
    long fresh = Long.MAX_VALUE;
    for (int round = 0; round < 20; round++) {
      long before = bean.getThreadAllocatedBytes(id);
      Integrator.solve(spec(Solvers.heun(), y0, SaveAt.t1()), buffers);
      long between = bean.getThreadAllocatedBytes(id);
      Integrator.solve(spec(Solvers.heun(), y0, SaveAt.t1()));
      reused = Math.min(reused, between - before);
      fresh = Math.min(fresh, bean.getThreadAllocatedBytes(id) - between);
    }
    assertThat(fresh).as("fresh buffers").isGreaterThan(4 * stateBytes);
    assertThat(reused).as("reused buffers, one state " + stateBytes).isLessThan(stateBytes / 10);
    assertThat(buffers.allocations()).isEqualTo(1);
  }
}

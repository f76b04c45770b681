package org.node4j.ode.integrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.node4j.ode.SaveAt;
import org.node4j.ode.Solution;
import org.node4j.ode.SolverException;
import org.node4j.ode.Status;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.solver.RungeKutta;
import org.node4j.ode.solver.Solvers;

class IntegratorTest {

  static Stream<RungeKutta> adaptiveSolvers() {
    return Solvers.all().stream().filter(RungeKutta::adaptive);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adaptiveSolvers")
  void countingFieldSeesExactlyTheReportedEvaluations(RungeKutta solver) {
    for (SaveAt save : new SaveAt[] {SaveAt.t1(), SaveAt.times(0.5, 1.7, 3.3), SaveAt.steps()}) {
      Fields.Counting f = new Fields.Counting(Problems.lotkaVolterra().field());
      Solution<double[]> sol =
          Integrator.solve(
              Fields.spec(f, new double[] {1, 1}, 0, 5, solver, AdaptiveController.pi(1e-6, 1e-8))
                  .saveAt(save)
                  .build());
      assertThat(sol.statistics().evaluations()).isEqualTo(f.count);
      assertThat(sol.statistics().rejectedSteps()).isGreaterThanOrEqualTo(0);
    }
    Fields.Counting f = new Fields.Counting(Problems.lotkaVolterra().field());
    Solution<double[]> sol =
        Integrator.solve(
            Fields.spec(f, new double[] {1, 1}, 0, 5, solver, ConstantSteps.count(50)).build());
    assertThat(sol.statistics().evaluations()).isEqualTo(f.count);
    int s = solver.tableau().stages();
    long expected = solver.tableau().fsal() ? 1 + 50L * (s - 1) : 50L * s;
    assertThat(f.count).as("FSAL reuse with constant steps").isEqualTo(expected);
  }

  @Test
  void backwardInTimeAndForwardThenBackwardReturnsToY0() {
    RungeKutta s = Solvers.dopri5();
    AdaptiveController c = AdaptiveController.integral(1e-10, 1e-12);
    double[] back =
        Integrator.solve(
                Problems.exponential()
                    .spec(new double[] {Math.exp(-2)}, 0)
                    .span(2, 0)
                    .setup(SolveSetup.of(s, c))
                    .build())
            .y();
    assertThat(back[0]).isCloseTo(1.0, within(1e-8));
    double[] there = Fields.solveProblem(Problems.lotkaVolterra(), 3, s, c);
    double[] again =
        Integrator.solve(
                Problems.lotkaVolterra()
                    .spec(there, 0)
                    .span(3, 0)
                    .setup(SolveSetup.of(s, c))
                    .build())
            .y();
    assertThat(Fields.distance(again, new double[] {1, 1})).isLessThan(1e-7);
    double[] fixed =
        Integrator.solve(
                Problems.exponential()
                    .spec(new double[] {1}, -1)
                    .setup(SolveSetup.of(Solvers.rk4(), ConstantSteps.size(0.01)))
                    .build())
            .y();
    assertThat(fixed[0]).isCloseTo(Math.E, within(1e-9));
  }

  @Test
  void everyFailureStatusIsReachedWithAPartialSolution() {
    // Euler on y' = y^2 overflows to infinity in a dozen steps of 0.5.
    SolverException nonFinite =
        fail(
            Fields.spec(
                    (t, y, dy) -> dy[0] = y[0] * y[0],
                    new double[] {1},
                    0,
                    100,
                    Solvers.euler(),
                    ConstantSteps.size(0.5))
                .build());
    assertThat(nonFinite.status()).isEqualTo(Status.NON_FINITE_STATE);
    assertThat(nonFinite.partialSolution().statistics().acceptedSteps()).isPositive();
    // An adaptive solve whose field turns NaN after t = 0.5 shrinks its step until it underflows.
    SolverException nan =
        fail(
            Fields.spec(
                    (t, y, dy) -> dy[0] = t > 0.5 ? Double.NaN : 1,
                    new double[] {0},
                    0,
                    1,
                    Solvers.dopri5(),
                    AdaptiveController.integral(1e-6, 1e-6))
                .build());
    assertThat(nan.status()).isEqualTo(Status.NON_FINITE_STATE);
    assertThat(nan.t()).isLessThanOrEqualTo(0.5);
    SolverException budget =
        fail(
            Problems.lotkaVolterra()
                .spec()
                .setup(
                    new SolveSetup(Solvers.bosh3(), AdaptiveController.integral(1e-10, 1e-10), 20))
                .build());
    assertThat(budget.status()).isEqualTo(Status.MAX_STEPS_EXCEEDED);
    assertThat(budget.partialSolution().statistics().attemptedSteps()).isEqualTo(20);
    assertThat(budget.partialSolution().status()).isEqualTo(Status.MAX_STEPS_EXCEEDED);
    SolverException tiny =
        fail(
            Fields.spec(
                    (t, y, dy) -> dy[0] = -1000 * y[0],
                    new double[] {1},
                    0,
                    10,
                    Solvers.dopri5(),
                    AdaptiveController.builder(1e-8, 1e-8).stepBounds(0.5, 10).build())
                .build());
    assertThat(tiny.status()).isEqualTo(Status.STEP_SIZE_TOO_SMALL);
    assertThat(tiny.getMessage()).contains("dtMin");
  }

  private static SolverException fail(SolveSpec<double[]> spec) {
    try {
      Integrator.solve(spec);
    } catch (SolverException e) {
      return e;
    }
    throw new AssertionError("expected a SolverException");
  }

  @Test
  void constantStepCountSemantics() {
    assertThat(ConstantSteps.size(0.3).steps(0, 1)).isEqualTo(4);
    assertThat(ConstantSteps.size(0.1).steps(0, 1)).isEqualTo(10);
    assertThat(ConstantSteps.size(0.1).steps(0, 0.7)).isEqualTo(7);
    assertThat(ConstantSteps.size(1.0 / 3).steps(0, 1)).isEqualTo(3);
    // 1/h rounding a hair above an integer never costs an extra, zero-length step.
    assertThat(ConstantSteps.size(0.1).steps(0, 1 + 1e-15)).isEqualTo(10);
    assertThat(ConstantSteps.size(5).steps(0, 1)).isEqualTo(1);
    List<Double> sizes = new ArrayList<>();
    Fields.Counting f = new Fields.Counting((t, y, dy) -> dy[0] = 1);
    Solution<double[]> sol =
        Integrator.solve(
            Fields.spec(f, new double[] {0}, 0, 1, Solvers.euler(), ConstantSteps.size(0.3))
                .observer(st -> sizes.add(st.h()))
                .build());
    assertThat(sizes).hasSize(4);
    assertThat(sizes.get(3)).isCloseTo(0.1, within(1e-12));
    assertThat(sol.t()).isEqualTo(1.0);
    assertThat(f.count).isEqualTo(4);
  }

  @Test
  void hermiteAndDenseOutputAreAccurateAtRequestedTimes() {
    Problem p = Problems.harmonic();
    double[] ts = new double[40];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = 0.157 * i;
    }
    for (RungeKutta s :
        List.of(Solvers.dopri5(), Solvers.tsit5(), Solvers.bosh3(), Solvers.heunEuler())) {
      double tol = 1e-8;
      Solution<double[]> sol =
          Integrator.solve(
              p.spec()
                  .setup(new SolveSetup(s, AdaptiveController.integral(tol, tol), 1_000_000))
                  .saveAt(SaveAt.times(ts))
                  .build());
      assertThat(sol.times()).containsExactly(ts);
      double worst = 0;
      for (int i = 0; i < ts.length; i++) {
        double[] y = sol.states().get(i);
        worst =
            Math.max(worst, Fields.distance(y, new double[] {Math.cos(ts[i]), -Math.sin(ts[i])}));
      }
      assertThat(worst).as(s.name()).isLessThan(100 * tol);
    }
  }

  @Test
  void hermiteInterpolationConvergesAtOrderFourBetweenGridPoints() {
    double[] errs = new double[2];
    for (int j = 0; j < 2; j++) {
      Solution<double[]> sol =
          Integrator.solve(
              Problems.harmonic()
                  .spec()
                  .setup(SolveSetup.of(Solvers.rk4(), ConstantSteps.count(20 << j)))
                  .saveAt(SaveAt.times(0.77, 2.9, 5.01))
                  .build());
      double e = 0;
      for (int i = 0; i < 3; i++) {
        double t = sol.times()[i];
        e =
            Math.max(
                e, Fields.distance(sol.states().get(i), new double[] {Math.cos(t), -Math.sin(t)}));
      }
      errs[j] = e;
    }
    assertThat(Math.log(errs[0] / errs[1]) / Math.log(2)).isCloseTo(4, within(0.5));
  }

  @Test
  void observerSeesEveryAcceptedStepWithItsStages() {
    List<double[]> ends = new ArrayList<>();
    Problem p = Problems.lotkaVolterra();
    double[] f0 = new double[2];
    Solution<double[]> sol =
        Integrator.solve(
            p.spec()
                .setup(SolveSetup.of(Solvers.tsit5(), AdaptiveController.pid(1e-6, 1e-8)))
                .saveAt(SaveAt.steps())
                .observer(
                    st -> {
                      p.field().evaluate(st.t0(), st.y0(), f0);
                      assertThat(st.stage(0)).containsExactly(f0);
                      ends.add(st.y1().clone());
                    })
                .build());
    assertThat(ends).hasSize(sol.statistics().acceptedSteps());
    assertThat(sol.states()).hasSize(ends.size() + 1);
    assertThat(sol.states().get(ends.size())).containsExactly(ends.get(ends.size() - 1));
    assertThat(sol.statistics().minStep()).isLessThanOrEqualTo(sol.statistics().maxStep());
  }

  @Test
  void firstStepIsHairersSelection() {
    // y' = -y, y0 = 1: d0 = d1 = 1/sc, h0 = 0.01, d2 = 1/sc, h1 = (0.01 sc)^(1/5) for dopri5
    // (exponent 1/(q + 1) with the embedded order q = 4, as torchdiffeq).
    double rtol = 1e-3;
    double atol = 1e-6;
    List<Double> first = new ArrayList<>();
    Integrator.solve(
        Problems.exponential()
            .spec()
            .setup(SolveSetup.of(Solvers.dopri5(), AdaptiveController.integral(rtol, atol)))
            .observer(st -> first.add(st.h()))
            .build());
    double expected = Math.min(1.0, Math.pow(0.01 * (atol + rtol), 1.0 / 5));
    assertThat(first.get(0)).isCloseTo(expected, within(1e-15));
  }

  @Test
  void rejectsBadArgumentsNamingTheValue() {
    Problem p = Problems.lotkaVolterra();
    assertThatThrownBy(() -> AdaptiveController.integral(-1e-6, 1e-8))
        .hasMessageContaining("rtol")
        .hasMessageContaining("-1.0E-6");
    assertThatThrownBy(() -> ConstantSteps.count(0)).hasMessageContaining("got 0");
    assertThatThrownBy(() -> ConstantSteps.size(-0.1)).hasMessageContaining("-0.1");
    assertThatThrownBy(() -> p.spec(new double[] {1, 1, 1}, 1))
        .hasMessageContaining("double[2]")
        .hasMessageContaining("double[3]");
    assertThatThrownBy(
            () ->
                p.spec()
                    .span(1, 1)
                    .setup(SolveSetup.of(Solvers.rk4(), ConstantSteps.count(10)))
                    .build())
        .hasMessageContaining("t1 != t0");
    assertThatThrownBy(
            () ->
                p.spec()
                    .setup(SolveSetup.of(Solvers.rk4(), AdaptiveController.integral(1e-6, 1e-6)))
                    .build())
        .hasMessageContaining("rk4");
    assertThatThrownBy(
            () ->
                p.spec()
                    .setup(SolveSetup.of(Solvers.rk4(), ConstantSteps.count(2)))
                    .saveAt(SaveAt.times(11))
                    .build())
        .hasMessageContaining("ts[0] = 11");
    assertThatThrownBy(() -> SaveAt.times(1, 0, 2)).hasMessageContaining("sorted");
    assertThatThrownBy(
            () -> p.spec().setup(new SolveSetup(Solvers.rk4(), ConstantSteps.count(2), 0)).build())
        .hasMessageContaining("maxSteps");
  }

  @Test
  void zeroLengthSpanWithAnAdaptiveControllerReturnsY0() {
    Solution<double[]> sol =
        Integrator.solve(
            Problems.harmonic()
                .spec()
                .span(1, 1)
                .setup(SolveSetup.of(Solvers.dopri5(), AdaptiveController.integral(1e-6, 1e-6)))
                .build());
    assertThat(sol.y()).containsExactly(1, 0);
    assertThat(sol.statistics().evaluations()).isZero();
  }
}

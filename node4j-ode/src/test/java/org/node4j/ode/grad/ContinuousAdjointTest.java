package org.node4j.ode.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.control.StepSizeController;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.RungeKutta;
import org.node4j.ode.solver.Solvers;

/**
 * The continuous adjoint's gradient differs from the exact discrete gradient by the discretisation
 * error: O(h^p) with constant steps, and ~0 with a tight tolerance on a smooth field.
 */
class ContinuousAdjointTest {

  private static final double[] Z0 = {0.5, -0.3, 0.8, -1.0, 0.2, 0.4};

  private static GradProblem<double[], double[]> problem(RungeKutta solver, StepSizeController c) {
    TanhMlp f = new TanhMlp(3, 5, 2, TanhMlp.params(3, 5, 0.3), true);
    return GradProblem.builder(f, ArrayOps.INSTANCE)
        .span(0, 1.5)
        .setup(SolveSetup.of(solver, c))
        .build();
  }

  private static double error(GradientMethod adjoint, GradProblem<double[], double[]> p) {
    double[] exact = GradCheck.gradient(StoredStages.create(), p, Z0).gradient();
    double[] approx = GradCheck.gradient(adjoint, p, Z0).gradient();
    return GradCheck.relativeError(approx, exact);
  }

  /** Fits the order of the adjoint's error in h over the given step counts. */
  private static double order(RungeKutta solver, int... counts) {
    double[] h = new double[counts.length];
    double[] e = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      h[i] = 1.5 / counts[i];
      e[i] = error(ContinuousAdjoint.create(), problem(solver, ConstantSteps.count(counts[i])));
    }
    return GradCheck.logSlope(h, e);
  }

  @Test
  void eulerAdjointErrorIsFirstOrderInTheStep() {
    assertThat(order(Solvers.euler(), 16, 32, 64, 128, 256)).isBetween(0.85, 1.15);
  }

  @Test
  void higherOrderSolversShrinkTheErrorFaster() {
    assertThat(order(Solvers.midpoint(), 16, 32, 64, 128)).isBetween(1.7, 2.3);
    assertThat(order(Solvers.ralston(), 16, 32, 64, 128)).isBetween(1.7, 2.3);
    // At least order 2; on this field Heun's shows 3, as the leading error terms of its discrete
    // and continuous adjoints cancel (the trapezoidal rule is symmetric).
    assertThat(order(Solvers.heun(), 16, 32, 64, 128)).isGreaterThan(1.7);
    assertThat(order(Solvers.rk4(), 4, 8, 16, 32)).isBetween(3.5, 4.5);
  }

  @Test
  void dopri5AtTightToleranceAgreesWithTheExactGradient() {
    GradProblem<double[], double[]> p =
        problem(Solvers.dopri5(), AdaptiveController.integral(1e-10, 1e-12));
    assertThat(error(ContinuousAdjoint.create(), p)).isLessThan(1e-6);
    GradProblem<double[], double[]> loose =
        problem(Solvers.dopri5(), AdaptiveController.integral(1e-4, 1e-6));
    assertThat(error(ContinuousAdjoint.create(), loose))
        .as("a loose tolerance is visibly inexact")
        .isGreaterThan(1e-8);
  }

  @Test
  void seminormKeepsAccuracyWithFewerBackwardEvaluations() {
    GradProblem<double[], double[]> p =
        problem(Solvers.dopri5(), AdaptiveController.integral(1e-7, 1e-9));
    long full = 0;
    for (AdjointNorm norm : AdjointNorm.values()) {
      ContinuousAdjoint m = ContinuousAdjoint.create().withNorm(norm);
      GradCheck.Result r = GradCheck.gradient(m, p, Z0);
      assertThat(error(m, p)).as(norm.name()).isLessThan(1e-4);
      if (norm == AdjointNorm.ALL_PARTS) {
        full = r.report().backwardEvaluations();
      } else if (norm != AdjointNorm.MIXED) { // MIXED weighs parts equally: not a seminorm
        assertThat(r.report().backwardEvaluations()).as(norm.name()).isLessThan(full);
      }
    }
  }

  @Test
  void ownBackwardSolverAndControllerAreUsed() {
    GradProblem<double[], double[]> p = problem(Solvers.euler(), ConstantSteps.count(64));
    ContinuousAdjoint rk4Back =
        ContinuousAdjoint.create().withBackward(SolveSetup.steps(Solvers.rk4(), 10));
    GradCheck.Result r = GradCheck.gradient(rk4Back, p, Z0);
    assertThat(r.report().forwardEvaluations()).isEqualTo(64);
    assertThat(r.report().backwardEvaluations()).isEqualTo(40);
    assertThatThrownBy(
            () ->
                ContinuousAdjoint.create()
                    .withBackward(p.setup().withController(AdaptiveController.integral(1e-6, 1e-6)))
                    .prepare(p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("euler")
        .hasMessageContaining("AdaptiveController")
        .hasMessageContaining("bosh3, dopri5, tsit5");
  }

  @Test
  void constantStepQuadratureAgreesWithTheAdaptiveTupleSolveAndSkipsTheFsalStage() {
    // Constant steps accumulate g as a quadrature; adaptive solves carry (z, a, g) as a tuple.
    // At a step small enough for both to be converged, the two gradients agree closely.
    GradProblem<double[], double[]> constant = problem(Solvers.dopri5(), ConstantSteps.count(64));
    GradProblem<double[], double[]> adaptive =
        problem(Solvers.dopri5(), AdaptiveController.integral(1e-11, 1e-13));
    double[] viaQuadrature =
        GradCheck.gradient(ContinuousAdjoint.create(), constant, Z0).gradient();
    double[] viaTuple = GradCheck.gradient(ContinuousAdjoint.create(), adaptive, Z0).gradient();
    assertThat(GradCheck.relativeError(viaQuadrature, viaTuple)).isLessThan(1e-9);

    GradientPass<double[], double[]> pass = ContinuousAdjoint.create().prepare(constant);
    pass.forward(Z0.clone());
    GradientReport report =
        pass.backward(new double[Z0.length], new double[Z0.length], constant.field().newGrad());
    assertThat(report.backwardEvaluations())
        .as("6 of dopri5's 7 stages per step")
        .isEqualTo(64 * 6);
  }

  /** Counts the adjoint's evaluations with and without the parameter part of the VJP. */
  private static final class Counting extends ForwardingField {
    int withParameters;
    int withoutParameters;

    Counting(TanhMlp f) {
      super(f);
    }

    @Override
    public void evaluateWithVjp(
        double t,
        double[] z,
        double[] dzdt,
        EvalRecord record,
        double[] a,
        double[] outZ,
        double[] gradAcc,
        boolean parameters) {
      if (parameters) {
        withParameters++;
        super.evaluateWithVjp(t, z, dzdt, record, a, outZ, gradAcc, true);
        return;
      }
      withoutParameters++;
      // skip the parameter part, and leave garbage where it would have gone: nothing may read it
      evaluate(t, z, dzdt, record);
      double[] scratch = newGrad();
      vjp(record, a, outZ, scratch);
      java.util.Arrays.fill(gradAcc, Double.NaN);
    }
  }

  @Test
  void dopri5BacksolveSkipsTheParameterVjpOfItsSecondStageAndGivesTheSameGradient() {
    TanhMlp mlp = new TanhMlp(3, 5, 2, TanhMlp.params(3, 5, 0.3), true);
    Counting counting = new Counting(mlp);
    ContinuousAdjoint m = ContinuousAdjoint.create().withNorm(AdjointNorm.MIXED);
    GradProblem<double[], double[]> p =
        GradProblem.builder(counting, ArrayOps.INSTANCE)
            .span(0, 1.5)
            .setup(SolveSetup.of(Solvers.dopri5(), AdaptiveController.integral(1e-6, 1e-8)))
            .build();
    GradCheck.Result skipping = GradCheck.gradient(m, p, Z0);
    long evaluations = skipping.report().backwardEvaluations();
    // two evaluations for the initial step size (Hairer's), then six per step attempt (FSAL), of
    // which the second skips
    assertThat((evaluations - 2) % 6).isZero();
    assertThat(counting.withoutParameters).isEqualTo((int) (evaluations - 2) / 6).isPositive();
    assertThat(counting.withParameters + counting.withoutParameters).isEqualTo(evaluations);

    // The same problem through a field that computes the whole VJP at every stage (the interface's
    // default) and leaves the adjoint to drop the unread part: the same bits, and the garbage the
    // counting field left behind reached nothing.
    GradProblem<double[], double[]> whole =
        GradProblem.builder(new ForwardingField(mlp), ArrayOps.INSTANCE)
            .span(0, 1.5)
            .setup(p.setup())
            .build();
    GradCheck.Result computed = GradCheck.gradient(m, whole, Z0);
    assertThat(skipping.gradient()).containsExactly(computed.gradient());
    assertThat(skipping.report().backwardEvaluations())
        .isEqualTo(computed.report().backwardEvaluations());
  }
}

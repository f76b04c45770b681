package org.node4j.ode.grad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.StateOps;
import org.node4j.ode.Tuple;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.grad.param.CoupledParameterField;
import org.node4j.ode.integrate.Integrator;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.RkWorkspace;
import org.node4j.ode.solver.Solvers;
import org.node4j.ode.testing.Tolerances;

/** ANODEV2: gradients with respect to theta(0) and p of the coupled (z, theta) ODE. */
class Anodev2Test {

  /** theta' = p1 * tanh(theta) + p2, elementwise; p = (p1, p2). */
  static final class ParameterDynamics implements DifferentiableField<double[], double[]> {
    final double[] p;

    ParameterDynamics(double[] p) {
      this.p = p;
    }

    @Override
    public void evaluate(double t, double[] th, double[] out) {
      int n = th.length;
      for (int i = 0; i < n; i++) {
        out[i] = p[i] * Math.tanh(th[i]) + p[n + i];
      }
    }

    @Override
    public void vjp(double t, double[] th, double[] a, double[] outTh, double[] acc) {
      int n = th.length;
      for (int i = 0; i < n; i++) {
        double s = Math.tanh(th[i]);
        outTh[i] = a[i] * p[i] * (1 - s * s);
        acc[i] += a[i] * s;
        acc[n + i] += a[i];
      }
    }

    @Override
    public StateOps<double[]> gradOps() {
      return ArrayOps.INSTANCE;
    }

    @Override
    public double[] newGrad() {
      return new double[p.length];
    }
  }

  /** A coupled problem and the live parameters p of its dynamics. */
  record Case(GradProblem<Tuple, double[]> problem, double[] p) {
    @Override
    public String toString() {
      return problem.solver().name();
    }
  }

  static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (boolean adaptive : new boolean[] {false, true}) {
      int n = TanhMlp.size(3, 4);
      TanhMlp f = new TanhMlp(3, 4, 1, new double[n], false);
      double[] p = new double[2 * n];
      for (int i = 0; i < p.length; i++) {
        p[i] = 0.4 * Math.cos(0.9 * i + 0.2);
      }
      CoupledParameterField<double[], double[], double[]> field =
          new CoupledParameterField<>(f, new ParameterDynamics(p), ArrayOps.INSTANCE);
      GradProblem<Tuple, double[]> problem =
          GradProblem.builder(field, field.stateOps(ArrayOps.INSTANCE))
              .span(0, 1)
              .setup(
                  SolveSetup.of(
                      adaptive ? Solvers.dopri5() : Solvers.euler(),
                      adaptive ? AdaptiveController.integral(1e-6, 1e-8) : ConstantSteps.count(10)))
              .build();
      out.add(new Case(problem, p));
    }
    return out;
  }

  private static Tuple start() {
    double[] theta = TanhMlp.params(3, 4, 0.7);
    return CoupledParameterField.state(new double[] {0.4, -0.6, 0.9}, theta);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void thetaZeroAndPGradientsMatchFiniteDifferences(Case c) {
    GradProblem<Tuple, double[]> problem = c.problem();
    Tuple y0 = start();
    double[] fd = finiteDifferences(problem, y0, c.p());
    for (GradientMethod m : List.of(StoredStages.create(), Checkpointed.every(2))) {
      GradientPass<Tuple, double[]> pass = m.prepare(problem);
      Tuple yT = pass.forward(y0);
      Tuple dL =
          Tuple.of(GradCheck.lossGradient(yT.part(0)), new double[yT.<double[]>part(1).length]);
      Tuple dY0 = problem.ops().zerosLike(y0);
      double[] dp = problem.field().newGrad();
      pass.backward(dL, dY0, dp);
      double[] g =
          GradCheck.concat(GradCheck.concat(dY0.<double[]>part(0), dY0.<double[]>part(1)), dp);
      assertThat(GradCheck.relativeError(g, fd)).as(m.name()).isLessThan(Tolerances.GRADIENT_VS_FD);
    }
  }

  /** Central differences over z0, theta0 and p of the loss of z(1), with frozen steps. */
  private static double[] finiteDifferences(
      GradProblem<Tuple, double[]> problem, Tuple y0, double[] p) {
    List<double[]> grid = new ArrayList<>();
    Integrator.solve(
        problem
            .spec(problem.field(), y0)
            .observer(s -> grid.add(new double[] {s.t0(), s.h()}))
            .build());
    List<Double> out = new ArrayList<>();
    for (double[] arr : List.of(y0.<double[]>part(0), y0.<double[]>part(1), p)) {
      for (int i = 0; i < arr.length; i++) {
        double keep = arr[i];
        arr[i] = keep + GradCheck.FD_STEP;
        double plus = replay(problem, grid, y0);
        arr[i] = keep - GradCheck.FD_STEP;
        double minus = replay(problem, grid, y0);
        arr[i] = keep;
        out.add((plus - minus) / (2 * GradCheck.FD_STEP));
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double replay(GradProblem<Tuple, double[]> p, List<double[]> grid, Tuple y0) {
    StateOps<Tuple> ops = p.ops();
    RkWorkspace<Tuple> ws = p.solver().workspace(ops, y0);
    Tuple y = ops.copy(y0);
    for (double[] step : grid) {
      p.solver().step(p.field(), step[0], y, step[1], ws);
      ops.copyInto(ws.y1(), y);
    }
    return GradCheck.loss(y.part(0));
  }
}

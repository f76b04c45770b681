package org.node4j.ode.integrate;

import org.node4j.ode.ArrayOps;
import org.node4j.ode.VectorField;
import org.node4j.ode.control.StepSizeController;
import org.node4j.ode.solver.RungeKutta;

/** Shared test fixtures: a counting vector field and one-line solves. */
final class Fields {

  private Fields() {}

  /** Counts its evaluations, as Hipparchus's TestProblems do. */
  static final class Counting implements VectorField<double[]> {
    private final VectorField<double[]> inner;
    long count;

    Counting(VectorField<double[]> inner) {
      this.inner = inner;
    }

    @Override
    public void evaluate(double t, double[] z, double[] dzdt) {
      count++;
      inner.evaluate(t, z, dzdt);
    }
  }

  static SolveSpec.Builder<double[]> spec(
      VectorField<double[]> f,
      double[] y0,
      double t0,
      double t1,
      RungeKutta solver,
      StepSizeController controller) {
    return SolveSpec.builder(f, ArrayOps.INSTANCE, y0)
        .span(t0, t1)
        .setup(SolveSetup.of(solver, controller));
  }

  static double[] solveProblem(Problem p, double t1, RungeKutta solver, StepSizeController c) {
    return Integrator.solve(p.spec(p.defaultY0(), t1).setup(SolveSetup.of(solver, c)).build()).y();
  }

  static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s = Math.max(s, Math.abs(a[i] - b[i]));
    }
    return s;
  }
}

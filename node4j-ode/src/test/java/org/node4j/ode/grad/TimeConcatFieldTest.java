package org.node4j.ode.grad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.StateOps;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.grad.param.TimeConcatField;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;

/** Parameters shared over time with t concatenated to the input: f(t, z) = tanh(A [z, t]). */
class TimeConcatFieldTest {

  /** g(x) = tanh(A x) for x in R^(d+1), A (d x (d+1)). */
  static final class TanhMap implements TimeConcatField.Map<double[], double[], double[]> {
    final int d;
    final double[] a;

    TanhMap(int d) {
      this.d = d;
      this.a = new double[d * (d + 1)];
      for (int i = 0; i < a.length; i++) {
        a[i] = 0.8 * Math.sin(2.1 * i + 0.4);
      }
    }

    private double pre(double[] x, int i) {
      double u = 0;
      for (int j = 0; j <= d; j++) {
        u += a[i * (d + 1) + j] * x[j];
      }
      return u;
    }

    @Override
    public void apply(double[] x, double[] out) {
      for (int i = 0; i < d; i++) {
        out[i] = Math.tanh(pre(x, i));
      }
    }

    @Override
    public void vjp(double[] x, double[] cot, double[] outX, double[] acc) {
      java.util.Arrays.fill(outX, 0.0);
      for (int i = 0; i < d; i++) {
        double s = Math.tanh(pre(x, i));
        double g = cot[i] * (1 - s * s);
        for (int j = 0; j <= d; j++) {
          acc[i * (d + 1) + j] += g * x[j];
          outX[j] += g * a[i * (d + 1) + j];
        }
      }
    }

    @Override
    public StateOps<double[]> gradOps() {
      return ArrayOps.INSTANCE;
    }

    @Override
    public double[] newGrad() {
      return new double[a.length];
    }
  }

  @Test
  void theFieldSeesTimeAndItsGradientMatchesFiniteDifferences() {
    TanhMap g = new TanhMap(3);
    TimeConcatField<double[], double[], double[]> f =
        new TimeConcatField<>(g, TimeConcatField.appendTime());
    double[] z = {0.2, -0.4, 0.6};
    double[] at0 = new double[3];
    double[] at1 = new double[3];
    f.evaluate(0, z, at0);
    f.evaluate(1, z, at1);
    assertThat(at1).isNotEqualTo(at0);
    GradProblem<double[], double[]> p =
        GradProblem.builder(f, ArrayOps.INSTANCE)
            .span(0, 2)
            .setup(SolveSetup.of(Solvers.rk4(), ConstantSteps.count(8)))
            .build();
    double[] fd = GradCheck.finiteDifferences(p, z, List.of(g.a));
    double[] grad = GradCheck.gradient(StoredStages.create(), p, z).gradient();
    assertThat(GradCheck.relativeError(grad, fd)).isLessThan(1e-7);
  }
}

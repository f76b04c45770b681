package org.node4j.ode.integrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.Solution;
import org.node4j.ode.Tuple;
import org.node4j.ode.TupleOps;
import org.node4j.ode.VectorField;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.solver.Solvers;

class TupleSeminormTest {

  private static final VectorField<double[]> LV = Problems.lotkaVolterra().field();

  /** (z, g) with g' = a wildly oscillating function of z: hard for error control. */
  private static final VectorField<Tuple> AUGMENTED =
      (t, y, dy) -> {
        double[] z = y.part(0);
        double[] dz = dy.part(0);
        LV.evaluate(t, z, dz);
        double[] dg = dy.part(1);
        dg[0] = 1e3 * Math.sin(40 * t) * z[0];
      };

  private static Solution<Tuple> solveTuple(boolean... mask) {
    TupleOps ops = TupleOps.of(List.of(ArrayOps.INSTANCE, ArrayOps.INSTANCE), mask);
    Tuple y0 = Tuple.of(new double[] {1, 1}, new double[] {0});
    return Integrator.solve(
        SolveSpec.builder(AUGMENTED, ops, y0)
            .span(0, 5)
            .setup(SolveSetup.of(Solvers.dopri5(), AdaptiveController.integral(1e-7, 1e-9)))
            .build());
  }

  @Test
  void aPartMaskedOutOfErrorControlDoesNotChangeTheSteps() {
    Solution<double[]> plain =
        Integrator.solve(
            Fields.spec(
                    LV,
                    new double[] {1, 1},
                    0,
                    5,
                    Solvers.dopri5(),
                    AdaptiveController.integral(1e-7, 1e-9))
                .build());
    Solution<Tuple> masked = solveTuple(true, false);
    Solution<Tuple> full = solveTuple(true, true);
    assertThat(masked.statistics().acceptedSteps()).isEqualTo(plain.statistics().acceptedSteps());
    assertThat(masked.statistics().rejectedSteps()).isEqualTo(plain.statistics().rejectedSteps());
    assertThat((double[]) masked.y().part(0)).containsExactly(plain.y());
    assertThat(full.statistics().acceptedSteps())
        .as("the masked part would need more steps")
        .isGreaterThan(plain.statistics().acceptedSteps());
  }

  @Test
  void tupleOpsWorkPartByPartWithoutCopying() {
    TupleOps ops = TupleOps.of(List.of(ArrayOps.INSTANCE, ArrayOps.INSTANCE), true, false);
    double[] a = {1, 2};
    double[] b = {3};
    Tuple x = Tuple.of(a, b);
    assertThat((double[]) x.part(0)).isSameAs(a);
    Tuple out = ops.zerosLike(x);
    ops.linearCombination(out, x, 2.0, new double[] {0.5, 0}, new Tuple[] {x, x}, 2);
    assertThat((double[]) out.part(0)).containsExactly(2, 4);
    assertThat((double[]) out.part(1)).containsExactly(6);
    assertThat(ops.errorSize(x)).isEqualTo(2);
    assertThat(ops.sumSquaresScaled(x, x, x, 0, 1)).isEqualTo(5);
    assertThat(ops.describe(x)).isEqualTo("Tuple(double[2], double[1])");
  }
}

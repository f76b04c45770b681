package org.node4j.ode.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.QuadratureField;
import org.node4j.ode.VectorField;

/**
 * A {@link QuadratureField}'s quadratures are skipped exactly at the stages whose weight is zero in
 * the solution, the error estimate and the dense output, and skipping them changes no bit of the
 * step's solution, error estimate or interpolant.
 */
class QuadratureStagesTest {

  static Stream<RungeKutta> solvers() {
    return Solvers.all().stream();
  }

  /**
   * z = (u, v, q): u' = sin(t + v) + u^2, v' = cos(3u) - t v, and the quadrature q' = u v + e^t,
   * which f never reads. Without quadratures it writes NaN into q' where a plain field writes zero:
   * if a skipped stage's q' reached the solution, the error or the interpolant, the test would see
   * NaN.
   */
  private static final class Field implements QuadratureField<double[]> {
    int skipped;
    private final VectorField<double[]> without =
        (t, z, dz) -> {
          skipped++;
          derivative(t, z, dz);
          dz[2] = Double.NaN;
        };

    @Override
    public void evaluate(double t, double[] z, double[] dz) {
      derivative(t, z, dz);
    }

    @Override
    public VectorField<double[]> withoutQuadratures() {
      return without;
    }

    private static void derivative(double t, double[] z, double[] dz) {
      dz[0] = Math.sin(t + z[1]) + z[0] * z[0];
      dz[1] = Math.cos(3 * z[0]) - t * z[1];
      dz[2] = z[0] * z[1] + Math.exp(t);
    }
  }

  /** The stages a tableau may skip, counted from its coefficients. */
  private static int skippable(ButcherTableau tab) {
    int s = tab.stages();
    int n = 0;
    for (int i = 1; i < (tab.fsal() ? s - 1 : s); i++) {
      boolean zero = tab.b()[i] == 0.0 && (tab.bError() == null || tab.bError()[i] == 0.0);
      if (zero && tab.hasDenseOutput()) {
        for (double d : tab.dense()[i]) {
          zero &= d == 0.0;
        }
      }
      n += zero ? 1 : 0;
    }
    return n;
  }

  @ParameterizedTest
  @MethodSource("solvers")
  void skippingTheQuadraturesChangesNoBitOfTheStep(RungeKutta solver) {
    double[] y = {0.4, -0.7, 1.3};
    double t = 0.25;
    double h = 0.1;
    Field field = new Field();
    RkWorkspace<double[]> skipping = solver.workspace(ArrayOps.INSTANCE, y);
    solver.step(field, t, y, h, skipping);
    VectorField<double[]> plain = field::evaluate; // not a QuadratureField: nothing skipped
    RkWorkspace<double[]> full = solver.workspace(ArrayOps.INSTANCE, y);
    solver.step(plain, t, y, h, full);

    assertThat(field.skipped).isEqualTo(skippable(solver.tableau()));
    assertThat(skipping.y1()).containsExactly(full.y1());
    if (solver.adaptive()) {
      assertThat(skipping.error()).containsExactly(full.error());
    }
    for (double theta : new double[] {0.2, 0.5, 0.9}) {
      double[] a = new double[3];
      double[] b = new double[3];
      solver.interpolate(field, skipping, theta, a);
      solver.interpolate(plain, full, theta, b);
      assertThat(a).as("theta %s", theta).containsExactly(b);
    }
  }

  @ParameterizedTest
  @MethodSource("solvers")
  void onlyDopri5SkipsAStageAmongTheBuiltInTableaus(RungeKutta solver) {
    // Dormand-Prince 5(4)'s second stage has zero weight in b, in Shampine's error row and in its
    // dense output; no other built-in tableau has such a stage.
    assertThat(skippable(solver.tableau())).isEqualTo(solver.name().equals("dopri5") ? 1 : 0);
  }
}

package org.node4j.ode.grad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.Tuple;
import org.node4j.ode.grad.param.DepthGrid;
import org.node4j.ode.grad.param.DepthIndexedField;
import org.node4j.ode.integrate.Integrator;
import org.node4j.ode.testing.Tolerances;

/** A ResNet (HeunNet) of depth N is the Euler (Heun) solve of its depth-indexed field. */
class ResNetIdentityTest {

  private static final int W = 6;
  private static final int BATCH = 3;

  @Test
  void resnetLoopEqualsTheEulerSolveBitForBit() {
    int n = 64;
    DepthIndexedField<double[], double[]> field = TanhLayer.w5Field(n, W, BATCH);
    double[] x = TanhLayer.w5Input(W, BATCH);
    double[] fx = new double[x.length];
    double[] loop = x.clone();
    for (int k = 0; k < n; k++) {
      field.layer(k).evaluate(k / (double) n, loop, fx);
      for (int j = 0; j < loop.length; j++) {
        loop[j] += (1.0 / n) * fx[j];
      }
    }
    DepthGrid grid = DepthGrid.resnet(n);
    double[] solved =
        Integrator.solve(grid.problem(field, ArrayOps.INSTANCE).spec(field, x).build()).y();
    assertThat(solved).isEqualTo(loop);
    GradientPass<double[], Tuple> pass =
        StoredStages.create().prepare(grid.problem(field, ArrayOps.INSTANCE));
    assertThat(pass.forward(x)).isEqualTo(loop);
  }

  @Test
  void heunNetLoopEqualsTheHeunSolveBitForBit() {
    int n = 32;
    DepthIndexedField<double[], double[]> field = TanhLayer.w5Field(n, W, BATCH);
    double[] x = TanhLayer.w5Input(W, BATCH);
    double[] fi = new double[x.length];
    double[] fNext = new double[x.length];
    double[] y = new double[x.length];
    double h = 1.0 / n;
    for (int i = 0; i < n - 1; i++) {
      // y = x + h f_i(x);  x <- x + (h/2) f_i(x) + (h/2) f_{i+1}(y)   (N functions, N-1 steps)
      field.layer(i).evaluate(i * h, x, fi);
      for (int j = 0; j < x.length; j++) {
        y[j] = x[j] + h * fi[j];
      }
      field.layer(i + 1).evaluate((i + 1) * h, y, fNext);
      for (int j = 0; j < x.length; j++) {
        x[j] += 0.5 * h * fi[j];
        x[j] += 0.5 * h * fNext[j];
      }
    }
    DepthGrid grid = DepthGrid.heunNet(n);
    double[] x0 = TanhLayer.w5Input(W, BATCH);
    double[] solved =
        Integrator.solve(grid.problem(field, ArrayOps.INSTANCE).spec(field, x0).build()).y();
    assertThat(solved).isEqualTo(x);
  }

  @Test
  void gridTimesLandOnTheirOwnLayer() {
    DepthIndexedField<double[], double[]> field = TanhLayer.w5Field(10, 2, 1);
    for (int k = 0; k < 10; k++) {
      double t = 0;
      for (int i = 0; i < k; i++) {
        t += 0.1; // accumulated rounding: t may fall an ulp below k/10
      }
      assertThat(field.layerAt(t)).isEqualTo(k);
      assertThat(field.layerAt(t + 0.05)).isEqualTo(k);
    }
    assertThat(field.layerAt(1.0)).isEqualTo(9);
    assertThat(field.layerAt(-0.5)).isZero();
  }

  @Test
  void depthIndexedGradientsMatchFiniteDifferencesOnResNetAndHeunNet() {
    for (DepthGrid grid : List.of(DepthGrid.resnet(6), DepthGrid.heunNet(6))) {
      DepthIndexedField<double[], double[]> field = TanhLayer.w5Field(6, 3, 2);
      GradProblem<double[], Tuple> p = grid.problem(field, ArrayOps.INSTANCE);
      double[] z0 = TanhLayer.w5Input(3, 2);
      List<double[]> params = new ArrayList<>();
      for (int k = 0; k < 6; k++) {
        params.add(((TanhLayer) field.layer(k)).theta);
      }
      double[] fd = GradCheck.finiteDifferences(p, z0, params);
      for (GradientMethod m : List.of(StoredStages.create(), Checkpointed.binomial(2 * 8 * 6))) {
        double[] g = GradCheck.gradient(m, p, z0).gradient();
        assertThat(GradCheck.relativeError(g, fd))
            .as(m.name())
            .isLessThan(Tolerances.GRADIENT_VS_FD);
      }
    }
  }
}

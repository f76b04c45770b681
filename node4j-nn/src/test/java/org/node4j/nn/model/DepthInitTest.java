package org.node4j.nn.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.node4j.nn.field.ParameterSets;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

class DepthInitTest {
  private static final int WIDTH = 6;

  private static ParameterSets sets(int depth, DepthInit init, long seed) {
    ResidualNetwork net =
        ResidualNetwork.resNet(
                k -> SeedModels.w5Function(WIDTH, DType.FLOAT64, "f" + k + "."), depth)
            .build();
    net.initialize(init, new SplittableRandom(seed));
    return net.field().parameterSets();
  }

  /** max_k |theta_{k+1} - theta_k|_F over the first parameter position. */
  private static double maxStep(ParameterSets s) {
    double worst = 0;
    for (int k = 0; k + 1 < s.depth(); k++) {
      Tensor a = s.get(k, 0).value();
      Tensor b = s.get(k + 1, 0).value();
      double d = 0;
      for (int i = 0; i < a.size(); i++) {
        d += (a.get(i) - b.get(i)) * (a.get(i) - b.get(i));
      }
      worst = Math.max(worst, Math.sqrt(d));
    }
    return worst;
  }

  private static double meanSquare(ParameterSets s) {
    double sum = 0;
    long n = 0;
    for (int k = 0; k < s.depth(); k++) {
      for (int j = 0; j < s.perSet(); j++) {
        Tensor t = s.get(k, j).value();
        for (int i = 0; i < t.size(); i++) {
          sum += t.get(i) * t.get(i);
          n++;
        }
      }
    }
    return sum / n;
  }

  @Test
  void smoothAndGaussianProcessInitsChangeByOrderOneOverDepthBetweenLayersAndIidDoesNot() {
    ParameterInit base = ParameterInit.normal(1.0);
    DepthInit[] smooth = {DepthInit.smooth(base, 3, 1.0), DepthInit.gaussianProcess(base, 0.2)};
    for (DepthInit init : smooth) {
      double ratio = maxStep(sets(64, init, 1)) / maxStep(sets(256, init, 1));
      assertThat(ratio).isBetween(3.0, 5.0);
    }
    double iid =
        maxStep(sets(64, DepthInit.iid(base), 1)) / maxStep(sets(256, DepthInit.iid(base), 1));
    assertThat(iid).isBetween(0.5, 1.5);
  }

  @Test
  void smoothInitsKeepTheBaseVariance() {
    ParameterInit base = ParameterInit.normal(0.5);
    for (DepthInit init :
        new DepthInit[] {
          DepthInit.smooth(base, 4, 2.0), DepthInit.gaussianProcess(base, 0.1), DepthInit.iid(base)
        }) {
      double sum = 0;
      for (long seed = 0; seed < 8; seed++) {
        sum += meanSquare(sets(32, init, seed));
      }
      assertThat(sum / 8).isBetween(0.25 * 0.8, 0.25 * 1.2);
    }
  }

  @Test
  void tiedInitCopiesOneDrawIntoSeparateParameters() {
    ParameterSets s = sets(5, DepthInit.tied(ParameterInit.normal(1.0)), 3);
    assertThat(s.tied()).isFalse();
    for (int k = 1; k < 5; k++) {
      assertThat(s.get(k, 1).value().doubles()).containsExactly(s.get(0, 1).value().doubles());
    }
    assertThat(maxStep(s)).isZero();
  }

  @Test
  void pivotedCholeskyReproducesTheSquaredExponentialKernelWithLowRank() {
    int n = 200;
    double l = 0.15;
    double[][] c = DepthBasis.squaredExponential(n, l);
    assertThat(c[0].length).isLessThan(60);
    double worst = 0;
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        double v = 0;
        for (int r = 0; r < c[a].length; r++) {
          v += c[a][r] * c[b][r];
        }
        double ds = (double) (a - b) / n;
        worst = Math.max(worst, Math.abs(v - Math.exp(-ds * ds / (2 * l * l))));
      }
    }
    assertThat(worst).isLessThan(1e-9);
  }

  @Test
  void biasesThatTheBaseZeroesStayZero() {
    ResidualNetwork net =
        ResidualNetwork.resNet(k -> SeedModels.mlpField(3, 4, 3, DType.FLOAT64, "f" + k + "."), 16)
            .build()
            .initialize(
                DepthInit.gaussianProcess(ParameterInit.kaiming(), 0.3), new SplittableRandom(2));
    ParameterSets s = net.field().parameterSets();
    for (int k = 0; k < 16; k++) {
      assertThat(s.get(k, 1).name()).endsWith(".bias");
      assertThat(s.get(k, 1).value().doubles()).containsOnly(0.0);
      assertThat(s.get(k, 0).value().doubles()).doesNotContain(0.0);
    }
  }
}

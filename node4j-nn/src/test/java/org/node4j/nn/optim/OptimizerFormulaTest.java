package org.node4j.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;

/**
 * SGD, Adam and AdamW against the {@code torch.optim} update formulas over three steps. The
 * expected values come from the formulas written out below in scalar double arithmetic, not from
 * the code under test.
 */
class OptimizerFormulaTest {
  private static final int STEPS = 3;
  private static final double WD = 0.05;

  /** torch.optim.SGD, one coordinate at a time. */
  private static double[] sgdReference(
      double lr, double mu, double damp, boolean nesterov, double wd) {
    double[] p = Fixtures.initial();
    double[] buf = new double[p.length];
    for (int t = 1; t <= STEPS; t++) {
      for (int i = 0; i < p.length; i++) {
        double d = Fixtures.grad(p[i], i, t);
        if (wd != 0) {
          d += wd * p[i];
        }
        if (mu != 0) {
          buf[i] = t == 1 ? d : mu * buf[i] + (1 - damp) * d;
          d = nesterov ? d + mu * buf[i] : buf[i];
        }
        p[i] -= lr * d;
      }
    }
    return p;
  }

  /** torch.optim.Adam / AdamW, one coordinate at a time. */
  private static double[] adamReference(
      double lr, double b1, double b2, double eps, double wd, boolean adamW, boolean amsgrad) {
    double[] p = Fixtures.initial();
    double[] m = new double[p.length];
    double[] v = new double[p.length];
    double[] vMax = new double[p.length];
    for (int t = 1; t <= STEPS; t++) {
      for (int i = 0; i < p.length; i++) {
        double g = Fixtures.grad(p[i], i, t);
        if (adamW) {
          p[i] *= 1 - lr * wd;
        } else if (wd != 0) {
          g += wd * p[i];
        }
        m[i] = b1 * m[i] + (1 - b1) * g;
        v[i] = b2 * v[i] + (1 - b2) * g * g;
        vMax[i] = Math.max(vMax[i], v[i]);
        double biasCorrection1 = 1 - Math.pow(b1, t);
        double biasCorrection2 = 1 - Math.pow(b2, t);
        double stepSize = lr / biasCorrection1;
        double denom = Math.sqrt(amsgrad ? vMax[i] : v[i]) / Math.sqrt(biasCorrection2) + eps;
        p[i] -= stepSize * m[i] / denom;
      }
    }
    return p;
  }

  private static double[] run(DType dtype, Function<List<ParamGroup>, Optimizer> make, double lr) {
    List<Parameter> params = Fixtures.params(dtype);
    Optimizer opt = make.apply(List.of(ParamGroup.of(params, lr, WD)));
    for (int t = 1; t <= STEPS; t++) {
      opt.zeroGrad();
      Fixtures.setGrads(params, t);
      opt.step();
    }
    assertThat(opt.steps()).isEqualTo(STEPS);
    return Fixtures.values(params);
  }

  private static void assertClose(double[] actual, double[] expected, DType dtype) {
    double tol = dtype == DType.FLOAT64 ? 1e-14 : 2e-6;
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(tol));
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void sgdWithMomentumDampeningAndWeightDecay(DType dtype) {
    SgdOptions o = SgdOptions.momentum(0.9).withDampening(0.1);
    double[] got = run(dtype, g -> new Sgd(o, g), 0.1);
    assertClose(got, sgdReference(0.1, 0.9, 0.1, false, WD), dtype);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void sgdWithNesterovAndWeightDecay(DType dtype) {
    double[] got = run(dtype, g -> new Sgd(SgdOptions.nesterov(0.9), g), 0.1);
    assertClose(got, sgdReference(0.1, 0.9, 0, true, WD), dtype);
  }

  @Test
  void plainSgdHasNoBuffer() {
    Sgd sgd =
        new Sgd(SgdOptions.plain(), List.of(ParamGroup.of(Fixtures.params(DType.FLOAT64), 1)));
    assertThat(sgd.exportState().tensors()).containsOnlyKeys("steps", "group.0.lr");
    double[] got = run(DType.FLOAT64, g -> new Sgd(SgdOptions.plain(), g), 0.1);
    assertClose(got, sgdReference(0.1, 0, 0, false, WD), DType.FLOAT64);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void adamWithL2WeightDecay(DType dtype) {
    double[] got = run(dtype, g -> new Adam(AdamOptions.adam(), g), 0.1);
    assertClose(got, adamReference(0.1, 0.9, 0.999, 1e-8, WD, false, false), dtype);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void adamWWithDecoupledWeightDecay(DType dtype) {
    double[] got = run(dtype, g -> new Adam(AdamOptions.adamW(), g), 0.1);
    assertClose(got, adamReference(0.1, 0.9, 0.999, 1e-8, WD, true, false), dtype);
  }

  @Test
  void amsgradUsesTheRunningMaximumOfTheSecondMoment() {
    AdamOptions o = AdamOptions.adam().withBetas(0.8, 0.5).withEps(1e-6).withAmsgrad(true);
    double[] got = run(DType.FLOAT64, g -> new Adam(o, g), 0.1);
    double[] expected = adamReference(0.1, 0.8, 0.5, 1e-6, WD, false, true);
    assertClose(got, expected, DType.FLOAT64);
    double[] plain = adamReference(0.1, 0.8, 0.5, 1e-6, WD, false, false);
    assertThat(plain).isNotEqualTo(expected); // the gradients shrink enough for the max to matter
  }

  @Test
  void adamsFirstStepMovesEachCoordinateByAboutTheLearningRate() {
    List<Parameter> params = Fixtures.params(DType.FLOAT64);
    double[] before = Fixtures.values(params);
    Fixtures.setGrads(params, 1);
    double[] grads = {0, 0, 0, 0, 0, 0, 0};
    for (int i = 0; i < grads.length; i++) {
      grads[i] = Fixtures.grad(before[i], i, 1);
    }
    new Adam(AdamOptions.adam(), List.of(ParamGroup.of(params, 0.01))).step();
    double[] after = Fixtures.values(params);
    for (int i = 0; i < before.length; i++) {
      assertThat(after[i] - before[i]).isCloseTo(-0.01 * Math.signum(grads[i]), within(1e-8));
    }
  }
}

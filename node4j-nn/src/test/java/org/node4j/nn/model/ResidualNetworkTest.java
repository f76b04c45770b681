package org.node4j.nn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.node4j.nn.field.NetGrad;
import org.node4j.nn.layer.Cache;
import org.node4j.nn.layer.Layer;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.state.TensorOps;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.integrate.Integrator;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.integrate.SolveSpec;
import org.node4j.ode.solver.Solvers;

/** ResNets and HeunNets are, bit for bit, Euler and Heun solves of their depth-indexed fields. */
class ResidualNetworkTest {
  private static final DType F64 = DType.FLOAT64;

  static ResidualNetwork.Builder w5(ResidualNetwork.Scheme scheme, int depth, int width) {
    return scheme == ResidualNetwork.Scheme.EULER
        ? ResidualNetwork.resNet(k -> SeedModels.w5Function(width, F64, "f" + k + "."), depth)
        : ResidualNetwork.heunNet(k -> SeedModels.w5Function(width, F64, "f" + k + "."), depth);
  }

  static Tensor input(int batch, int width, long seed) {
    Tensor x = Tensor.zeros(F64, batch, width);
    NetGrad.gaussian(x, new Random(seed), 1.0);
    return x;
  }

  private static Tensor apply(Layer f, Tensor x) {
    Cache c = f.newCache(x.shape(), F64);
    return f.forward(x, c).copy();
  }

  @Test
  void resNetForwardIsTheExplicitResidualLoopAndTheEulerSolveBitForBit() {
    int n = 16;
    ResidualNetwork net =
        w5(ResidualNetwork.Scheme.EULER, n, 8).build().initialize(SmoothDepthWeights.init(), null);
    Tensor x = input(3, 8, 1);
    Tensor out = net.forward(x);
    Tensor loop = x.copy();
    for (int k = 0; k < n; k++) {
      Tensor f = apply(net.function(k), loop);
      TensorOps.INSTANCE.axpy(1.0 / n, f, loop); // x + (1/N) f_k(x), N a power of two
    }
    assertThat(out.doubles()).containsExactly(loop.doubles());
    Tensor solve =
        Integrator.solve(
                SolveSpec.builder(net.field(), TensorOps.INSTANCE, x)
                    .span(0, 1)
                    .setup(SolveSetup.of(Solvers.euler(), ConstantSteps.count(n)))
                    .build())
            .y();
    assertThat(out.doubles()).containsExactly(solve.doubles());
  }

  @Test
  void resNetOfAnyDepthIsTheEulerSolveOfItsField() {
    int n = 12;
    ResidualNetwork net =
        w5(ResidualNetwork.Scheme.EULER, n, 6).build().initialize(SmoothDepthWeights.init(), null);
    Tensor x = input(2, 6, 2);
    Tensor solve =
        Integrator.solve(
                SolveSpec.builder(net.field(), TensorOps.INSTANCE, x)
                    .span(0, 1)
                    .setup(SolveSetup.of(Solvers.euler(), ConstantSteps.count(n)))
                    .build())
            .y();
    assertThat(net.forward(x).doubles()).containsExactly(solve.doubles());
    Tensor loop = x.copy();
    for (int k = 0; k < n; k++) {
      TensorOps.INSTANCE.axpy(1.0 / n, apply(net.function(k), loop), loop);
    }
    assertThat(NetGrad.relError(solve.doubles(), loop.doubles())).isLessThan(1e-14);
  }

  @Test
  void heunNetForwardIsSandersHeunLoopBitForBit() {
    int n = 16;
    ResidualNetwork net =
        w5(ResidualNetwork.Scheme.HEUN, n, 8).build().initialize(SmoothDepthWeights.init(), null);
    Tensor x = input(3, 8, 3);
    Tensor out = net.forward(x);
    Tensor loop = x.copy();
    double h = 1.0 / n;
    for (int i = 0; i < n - 1; i++) {
      Tensor k1 = apply(net.function(i), loop);
      Tensor y = loop.copy();
      TensorOps.INSTANCE.linearCombination(y, loop, h, new double[] {1.0}, new Tensor[] {k1}, 1);
      Tensor k2 = apply(net.function(i + 1), y);
      TensorOps.INSTANCE.linearCombination(
          loop, loop.copy(), h, new double[] {0.5, 0.5}, new Tensor[] {k1, k2}, 2);
    }
    assertThat(out.doubles()).containsExactly(loop.doubles());
    assertThat(net.block().setup().controller()).isInstanceOf(ConstantSteps.class);
    assertThat(net.block().setup().solver().name()).isEqualTo("heun");
  }

  @Test
  void tiedNetworkEqualsAnUntiedOneWithCopiedWeights() {
    int n = 8;
    ResidualNetwork tied = w5(ResidualNetwork.Scheme.EULER, n, 5).tied(true).build();
    NetGrad.gaussian(tied.parameters(), new Random(4), 0.3);
    ResidualNetwork untied =
        w5(ResidualNetwork.Scheme.EULER, n, 5).build().initialize(copyOf(tied), null);
    assertThat(tied.parameters()).hasSize(2);
    assertThat(untied.parameters()).hasSize(2 * n);
    Tensor x = input(2, 5, 5);
    assertThat(tied.forward(x).doubles()).containsExactly(untied.forward(x).doubles());
  }

  private static DepthInit copyOf(ResidualNetwork tied) {
    return DepthInit.formula(
        (k, n, j, p) -> (t, rng) -> t.copyFrom(tied.parameters().get(j).value()));
  }

  @Test
  void tiedGradientIsTheSumOfTheUntiedLayerGradients() {
    int n = 8;
    ResidualNetwork tied = w5(ResidualNetwork.Scheme.HEUN, n, 5).tied(true).build();
    NetGrad.gaussian(tied.parameters(), new Random(6), 0.3);
    ResidualNetwork untied =
        w5(ResidualNetwork.Scheme.HEUN, n, 5).build().initialize(copyOf(tied), null);
    Tensor x = input(2, 5, 7);
    for (ResidualNetwork net : new ResidualNetwork[] {tied, untied}) {
      net.field().parameterSets().zeroGrad();
      Tensor out = net.forward(x);
      Tensor g = out.zerosLike();
      NetGrad.lossGradient(out, g);
      net.backward(g, x.zerosLike());
    }
    for (int j = 0; j < 2; j++) {
      Tensor sum = tied.parameters().get(j).grad().zerosLike();
      for (int k = 0; k < n; k++) {
        Parameter p = untied.field().parameterSets().get(k, j);
        TensorOps.INSTANCE.axpy(1.0, p.grad(), sum);
      }
      assertThat(NetGrad.relError(tied.parameters().get(j).grad().doubles(), sum.doubles()))
          .isLessThan(1e-13);
    }
  }

  @Test
  void heunNetNeedsTwoFunctions() {
    assertThatThrownBy(() -> w5(ResidualNetwork.Scheme.HEUN, 1, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("depth >= 2");
  }
}

package org.node4j.nn.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.node4j.nn.field.WeightDynamicsKind;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.Checkpointed;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.StoredStages;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;
import org.node4j.ode.testing.FiniteDifferences;

/**
 * ANODEV2 stages in a network of several ODE blocks, float64, with each q: the checkpointed (DTO)
 * gradient of every parameter (theta(0), p and the other layers) equals backpropagation through the
 * steps and central finite differences along random directions.
 */
class Anodev2ResNetTest {
  private static final int[] LABELS = {0, 2, 1, 2};

  private static OdeResNet net(WeightDynamicsKind kind, GradientMethod m) {
    OdeResNet n =
        OdeResNet.builder(new int[] {1, 6, 6}, 3)
            .stemChannels(3)
            .stage(3, 1)
            .stage(4, 2)
            .dtype(DType.FLOAT64)
            .setup(SolveSetup.steps(Solvers.euler(), 3))
            .method(m)
            .weightDynamics(kind, 0.2)
            .seed(11)
            .build();
    Random r = new Random(3);
    for (ContinuousBlock b : n.blocks()) {
      for (Parameter p : b.keepInitial()) {
        assertThat(OdeResNetTest.flat(List.of(p), false)).containsOnly(0.0);
        for (int i = 0; i < p.value().size(); i++) {
          p.value().set(i, 0.3 * r.nextGaussian());
        }
      }
    }
    return n;
  }

  private static Tensor input() {
    Tensor x = Tensor.zeros(DType.FLOAT64, LABELS.length, 1, 6, 6);
    Random r = new Random(4);
    for (int i = 0; i < x.size(); i++) {
      x.set(i, r.nextGaussian());
    }
    return x;
  }

  private static double[] gradient(OdeResNet n) {
    n.zeroGrad();
    n.trainBatch(input(), LABELS);
    return OdeResNetTest.flat(n.parameters(), true);
  }

  @ParameterizedTest
  @EnumSource(WeightDynamicsKind.class)
  void checkpointedGradientEqualsBackpropAndFiniteDifferences(WeightDynamicsKind kind) {
    double[] bp = gradient(net(kind, StoredStages.create()));
    OdeResNet n = net(kind, Checkpointed.everyStep());
    double[] g = gradient(n);
    assertThat(FiniteDifferences.relativeError(g, bp)).isLessThan(1e-13);
    Random r = new Random(9);
    for (int dir = 0; dir < 3; dir++) {
      double[] d = new double[g.length];
      double gd = 0;
      for (int i = 0; i < d.length; i++) {
        d[i] = r.nextGaussian();
        gd += g[i] * d[i];
      }
      double fd =
          FiniteDifferences.directional(
              h -> OdeResNetTest.shift(n, d, h), () -> n.trainBatch(input(), LABELS).loss(), 1e-6);
      assertThat(Math.abs(fd - gd))
          .as("%s direction %d: fd %s vs %s", kind.id(), dir, fd, gd)
          .isLessThan(1e-6 * Math.abs(gd) + 1e-9);
    }
  }
}

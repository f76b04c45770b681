package org.node4j.nn.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.node4j.nn.layer.Activation;
import org.node4j.nn.layer.Conv2d;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.Tuple;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.grad.Checkpointed;
import org.node4j.ode.grad.GradProblem;
import org.node4j.ode.grad.GradientPass;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;
import org.node4j.ode.testing.FiniteDifferences;

/**
 * ANODEV2 on a small convolutional block with each choice of q: the checkpointed (DTO) gradient
 * with respect to z(0), theta(0) and p equals central finite differences in float64.
 */
class WeightDynamicsTest {
  private static final DType F64 = DType.FLOAT64;

  static Sequential convBody() {
    return Sequential.of(
        Conv2d.builder(2, 2).kernel(3).padding(1).name("c1").dtype(F64).build(),
        Activation.tanh(),
        Conv2d.builder(2, 2).kernel(3).padding(1).name("c2").dtype(F64).build());
  }

  @ParameterizedTest
  @EnumSource(WeightDynamicsKind.class)
  void checkpointedGradientMatchesFiniteDifferences(WeightDynamicsKind kind) {
    Random rnd = new Random(11);
    Sequential net = convBody();
    NetGrad.gaussian(net.parameters(), rnd, 0.3);
    Anodev2Field a = Anodev2Field.of(net, TimeInput.NONE, kind, 0.2);
    NetGrad.gaussian(a.dynamics().parameters(), rnd, 0.5);
    Tensor z0 = Tensor.zeros(F64, 1, 2, 3, 3);
    NetGrad.gaussian(z0, rnd, 1.0);
    Tuple theta0 = a.initialTheta();
    GradientPass<Tuple, Tuple> pass =
        Checkpointed.everyStep()
            .prepare(
                GradProblem.builder(a.field(), a.stateOps())
                    .span(0, 1)
                    .setup(SolveSetup.of(Solvers.euler(), ConstantSteps.count(3)))
                    .build());
    Tuple y0 = Anodev2Field.state(z0, theta0);
    Tuple yT = pass.forward(y0);
    Tuple dLdyT = a.stateOps().zerosLike(yT);
    NetGrad.lossGradient(yT.part(0), dLdyT.part(0));
    Tuple dLdy0 = a.stateOps().zerosLike(y0);
    Tuple dLdp = a.dynamics().newGrad();
    pass.backward(dLdyT, dLdy0, dLdp);

    List<Tensor> inputs = new ArrayList<>(List.of(z0));
    List<Tensor> grads = new ArrayList<>(List.of(dLdy0.<Tensor>part(0)));
    for (int j = 0; j < theta0.size(); j++) {
      inputs.add(theta0.part(j));
      grads.add(dLdy0.<Tuple>part(1).part(j));
    }
    List<Parameter> p = a.dynamics().parameters();
    for (int j = 0; j < p.size(); j++) {
      inputs.add(p.get(j).value());
      grads.add(dLdp.part(j));
    }
    List<Double> exact = new ArrayList<>();
    List<Double> fd = new ArrayList<>();
    for (int k = 0; k < inputs.size(); k++) {
      Tensor x = inputs.get(k);
      for (int i = 0; i < x.size(); i++) {
        int at = i;
        exact.add(grads.get(k).get(i));
        fd.add(
            FiniteDifferences.partial(
                v -> x.set(at, v),
                x.get(i),
                () -> NetGrad.loss(pass.forward(y0).part(0)),
                FiniteDifferences.STEP));
      }
    }
    double[] e = exact.stream().mapToDouble(Double::doubleValue).toArray();
    double[] f = fd.stream().mapToDouble(Double::doubleValue).toArray();
    assertThat(FiniteDifferences.relativeError(e, f)).as(kind.id()).isLessThan(1e-7);
    if (kind != WeightDynamicsKind.ZERO) {
      double[] dp = NetGrad.flatten(dLdp);
      assertThat(NetGrad.dot(dp, dp)).as("dL/dp is exercised").isGreaterThan(1e-8);
    }
  }

  @Test
  void transportMovesAKernelAlongItsGridAndZeroCoefficientsGiveQZero() {
    Sequential net = convBody();
    ReactionDiffusionAdvection q = ReactionDiffusionAdvection.of(net.parameters());
    assertThat(q.parameters())
        .extracting(Parameter::name)
        .containsExactly("c1.weight.rda", "c1.bias.reaction", "c2.weight.rda", "c2.bias.reaction");
    NetGrad.gaussian(net.parameters(), new Random(2), 1.0);
    Tuple theta = NetworkParameterizedField.of(net, TimeInput.NONE).thetaFromNetwork();
    Tuple out = new TupleLike(theta).zeros();
    q.evaluate(0, theta, out);
    assertThat(NetGrad.dot(NetGrad.flatten(out), NetGrad.flatten(out))).isZero();
    // u = 1 (advection along the width): q = -Dx(theta), a central difference with zero boundary.
    q.parameters().get(0).value().set(1, 1.0);
    q.evaluate(0, theta, out);
    Tensor th = theta.part(0);
    Tensor dq = out.part(0);
    // entry (o=0, i=0, y=1, x=1): -(theta[1,2] - theta[1,0]) / 2
    assertThat(dq.get(4)).isCloseTo(-0.5 * (th.get(5) - th.get(3)), within());
    // entry (y=1, x=0): the left neighbour is outside the kernel, so -(theta[1,1] - 0) / 2
    assertThat(dq.get(3)).isCloseTo(-0.5 * th.get(4), within());
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-15);
  }

  /** Zero tensors shaped like a theta tuple. */
  private record TupleLike(Tuple like) {
    Tuple zeros() {
      Object[] parts = new Object[like.size()];
      for (int j = 0; j < parts.length; j++) {
        parts[j] = like.<Tensor>part(j).zerosLike();
      }
      return Tuple.of(parts);
    }
  }

  @Test
  void badInputNamesTheFix() {
    Sequential net = convBody();
    NetworkParameterizedField f = NetworkParameterizedField.of(net, TimeInput.NONE);
    WeightDynamics wrong =
        WeightDynamicsKind.REACTION_DIFFUSION_ADVECTION.build(f.parameters().subList(0, 2), 0);
    assertThatThrownBy(() -> Anodev2Field.of(f, wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("built for 2 weight tensors but the network has 4");
    assertThatThrownBy(() -> WeightDynamicsKind.fromId("diffusion"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("valid: zero, gain-drift, rda");
  }
}

package org.node4j.nn.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.node4j.nn.layer.Activation;
import org.node4j.nn.layer.Cache;
import org.node4j.nn.layer.Linear;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.state.TensorOps;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.Tuple;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.grad.GradProblem;
import org.node4j.ode.grad.GradientPass;
import org.node4j.ode.grad.StoredStages;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.RungeKutta;
import org.node4j.ode.solver.Solvers;

/** ANODEV2 on a network: the explicit scheme, finite-difference gradients and the q = 0 limit. */
class Anodev2FieldTest {
  private static final DType F64 = DType.FLOAT64;
  private static final double FD_STEP = 1e-5;

  static Sequential mlp() {
    return Sequential.of(
        Linear.builder(3, 5).name("fc1").dtype(F64).build(),
        Activation.tanh(),
        Linear.builder(5, 3).name("fc2").dtype(F64).build());
  }

  /** An ANODEV2 field on a random MLP with random gains and drifts. */
  static Anodev2Field field(Random rnd, double lambda, boolean zeroQ) {
    Sequential net = mlp();
    NetGrad.gaussian(net.parameters(), rnd, 0.6);
    Anodev2Field a = Anodev2Field.of(net, TimeInput.NONE, lambda);
    if (!zeroQ) {
      NetGrad.gaussian(a.dynamics().parameters(), rnd, 0.5);
    }
    return a;
  }

  static Tensor batch(Random rnd) {
    Tensor z = Tensor.zeros(F64, 4, 3);
    NetGrad.gaussian(z, rnd, 1.0);
    return z;
  }

  static GradProblem<Tuple, Tuple> problem(Anodev2Field a, RungeKutta solver, int steps) {
    return GradProblem.builder(a.field(), a.stateOps())
        .span(0, 1)
        .setup(SolveSetup.of(solver, ConstantSteps.count(steps)))
        .build();
  }

  @Test
  void eulerStepsAreTheExplicitScheme() {
    Random rnd = new Random(3);
    Anodev2Field a = field(rnd, 0.3, false);
    Tensor z0 = batch(rnd);
    Tuple theta0 = a.initialTheta();
    int steps = 6;
    double h = 1.0 / steps;
    GradientPass<Tuple, Tuple> pass =
        StoredStages.create().prepare(problem(a, Solvers.euler(), steps));
    Tuple yT = pass.forward(Anodev2Field.state(z0, theta0));

    Sequential net = mlp();
    List<Parameter> w = net.parameters();
    Cache cache = net.newCache(z0.shape(), F64);
    Tensor z = z0.copy();
    Tuple theta = a.thetaOps().copy(theta0);
    for (int k = 0; k < steps; k++) {
      for (int j = 0; j < w.size(); j++) {
        w.get(j).value().copyFrom(theta.part(j));
      }
      Tensor f = net.forward(z, cache);
      for (int i = 0; i < z.size(); i++) {
        z.set(i, z.get(i) + h * f.get(i));
      }
      for (int j = 0; j < theta.size(); j++) {
        Tensor th = theta.part(j);
        double g = ((ParameterDynamics) a.dynamics()).gain(j).value().get(0);
        Tensor b = ((ParameterDynamics) a.dynamics()).drift(j).value();
        for (int i = 0; i < th.size(); i++) {
          double x = th.get(i);
          th.set(i, x + h * (-0.3 * x + g * Math.tanh(x) + b.get(i)));
        }
      }
    }
    double[] expected = NetGrad.concat(NetGrad.flatten(Tuple.of(z)), NetGrad.flatten(theta));
    double[] actual =
        NetGrad.concat(
            NetGrad.flatten(Tuple.of(yT.<Tensor>part(0))), NetGrad.flatten(yT.<Tuple>part(1)));
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("entry %d", i).isCloseTo(expected[i], within(expected[i]));
    }
    double[] start = NetGrad.concat(NetGrad.flatten(Tuple.of(z0)), NetGrad.flatten(theta0));
    assertThat(NetGrad.relError(actual, start)).as("both z and theta moved").isGreaterThan(0.01);
    assertThat(NetGrad.relError(NetGrad.flatten(theta), NetGrad.flatten(theta0)))
        .isGreaterThan(0.01);
  }

  private static org.assertj.core.data.Offset<Double> within(double x) {
    return org.assertj.core.data.Offset.offset(1e-14 * Math.max(1, Math.abs(x)));
  }

  @Test
  void thetaZeroAndPGradientsMatchFiniteDifferences() {
    Random rnd = new Random(5);
    Anodev2Field a = field(rnd, 0.2, false);
    Tensor z0 = batch(rnd);
    Tuple theta0 = a.initialTheta();
    GradProblem<Tuple, Tuple> problem = problem(a, Solvers.rk4(), 8);
    GradientPass<Tuple, Tuple> pass = StoredStages.create().prepare(problem);
    Tuple y0 = Anodev2Field.state(z0, theta0);
    Tuple yT = pass.forward(y0);
    Tuple dLdyT = a.stateOps().zerosLike(yT);
    NetGrad.lossGradient(yT.part(0), dLdyT.part(0));
    Tuple dLdy0 = a.stateOps().zerosLike(y0);
    Tuple dLdp = a.dynamics().newGrad();
    pass.backward(dLdyT, dLdy0, dLdp);
    double[] grad =
        NetGrad.concat(
            NetGrad.concat(
                NetGrad.flatten(Tuple.of(dLdy0.<Tensor>part(0))),
                NetGrad.flatten(dLdy0.<Tuple>part(1))),
            NetGrad.flatten(dLdp));

    List<Tensor> inputs = new java.util.ArrayList<>(List.of(z0));
    for (int j = 0; j < theta0.size(); j++) {
      inputs.add(theta0.part(j));
    }
    for (Parameter p : a.dynamics().parameters()) {
      inputs.add(p.value());
    }
    double[] fd = new double[grad.length];
    int o = 0;
    for (Tensor x : inputs) {
      for (int i = 0; i < x.size(); i++) {
        double keep = x.get(i);
        x.set(i, keep + FD_STEP);
        double plus = NetGrad.loss(pass.forward(y0).part(0));
        x.set(i, keep - FD_STEP);
        double minus = NetGrad.loss(pass.forward(y0).part(0));
        x.set(i, keep);
        fd[o++] = (plus - minus) / (2 * FD_STEP);
      }
    }
    assertThat(o).isEqualTo(grad.length);
    assertThat(NetGrad.relError(grad, fd)).isLessThan(1e-7);
    double[] dp = NetGrad.flatten(dLdp);
    assertThat(NetGrad.dot(dp, dp)).as("dL/dp is exercised").isGreaterThan(1e-6);
  }

  @Test
  void zeroDynamicsRecoverThePlainNeuralField() {
    Random rnd = new Random(7);
    Anodev2Field a = field(rnd, 0.0, true);
    Tensor z0 = batch(rnd);
    Tuple theta0 = a.initialTheta();
    GradientPass<Tuple, Tuple> coupled =
        StoredStages.create().prepare(problem(a, Solvers.rk4(), 8));
    Tuple y0 = Anodev2Field.state(z0, theta0);
    Tuple yT = coupled.forward(y0);
    Tuple dLdyT = a.stateOps().zerosLike(yT);
    NetGrad.lossGradient(yT.part(0), dLdyT.part(0));
    Tuple dLdy0 = a.stateOps().zerosLike(y0);
    coupled.backward(dLdyT, dLdy0, a.dynamics().newGrad());

    Sequential net = mlp();
    for (int j = 0; j < theta0.size(); j++) {
      net.parameters().get(j).value().copyFrom(theta0.part(j));
    }
    NeuralField plain = NeuralField.autonomous(net);
    GradientPass<Tensor, Tuple> pass =
        StoredStages.create()
            .prepare(
                GradProblem.builder(plain, TensorOps.INSTANCE)
                    .span(0, 1)
                    .setup(SolveSetup.of(Solvers.rk4(), ConstantSteps.count(8)))
                    .build());
    Tensor zT = pass.forward(z0);
    assertThat(NetGrad.flatten(yT.<Tuple>part(1))).containsExactly(NetGrad.flatten(theta0));
    assertThat(
            NetGrad.relError(
                NetGrad.flatten(Tuple.of(yT.<Tensor>part(0))), NetGrad.flatten(Tuple.of(zT))))
        .isLessThan(1e-14);
    Tensor dLdzT = zT.zerosLike();
    NetGrad.lossGradient(zT, dLdzT);
    Tensor dLdz0 = z0.zerosLike();
    Tuple dLdtheta = plain.newGrad();
    pass.backward(dLdzT, dLdz0, dLdtheta);
    assertThat(
            NetGrad.relError(
                NetGrad.flatten(Tuple.of(dLdy0.<Tensor>part(0))), NetGrad.flatten(Tuple.of(dLdz0))))
        .isLessThan(1e-13);
    assertThat(NetGrad.relError(NetGrad.flatten(dLdy0.<Tuple>part(1)), NetGrad.flatten(dLdtheta)))
        .isLessThan(1e-13);
  }

  @Test
  void recordedVjpEqualsTheRecomputedOneAndKeepsNoReferenceToTheCallersBuffers() {
    Random rnd = new Random(9);
    Anodev2Field a = field(rnd, 0.3, false);
    Tuple y = Anodev2Field.state(batch(rnd), a.initialTheta());
    Tuple cot = a.stateOps().zerosLike(y);
    NetGrad.gaussian((Tensor) cot.part(0), rnd, 1.0);
    for (int j = 0; j < cot.<Tuple>part(1).size(); j++) {
      NetGrad.gaussian((Tensor) cot.<Tuple>part(1).part(j), rnd, 1.0);
    }
    org.node4j.ode.grad.EvalRecord record = a.field().newRecord(a.stateOps(), y);
    Tuple yCopy = a.stateOps().zerosLike(y);
    a.stateOps().copyInto(y, yCopy);
    Tuple dy = a.stateOps().zerosLike(y);
    a.field().evaluate(0.4, yCopy, dy, record);
    a.stateOps().fillZero(yCopy); // the record must not depend on the caller's state buffer
    a.field().evaluate(0.9, y, a.stateOps().zerosLike(y)); // another evaluation passes through
    Tuple outRecorded = a.stateOps().zerosLike(y);
    Tuple gRecorded = a.dynamics().newGrad();
    a.field().vjp(record, cot, outRecorded, gRecorded);
    Tuple outRecomputed = a.stateOps().zerosLike(y);
    Tuple gRecomputed = a.dynamics().newGrad();
    a.field().vjp(0.4, y, cot, outRecomputed, gRecomputed);
    assertThat(flat(outRecorded)).containsExactly(flat(outRecomputed));
    assertThat(NetGrad.flatten(gRecorded)).containsExactly(NetGrad.flatten(gRecomputed));
    assertThat(record.bytes()).isGreaterThan(a.stateOps().bytes(y));
  }

  private static double[] flat(Tuple zTheta) {
    return NetGrad.concat(
        NetGrad.flatten(Tuple.of(zTheta.<Tensor>part(0))), NetGrad.flatten(zTheta.<Tuple>part(1)));
  }

  @Test
  void badInputNamesTheFix() {
    Anodev2Field a = field(new Random(9), 0.1, true);
    Tensor z = batch(new Random(1));
    Tuple tooShort = Tuple.of(a.initialTheta().<Tensor>part(0));
    assertThatThrownBy(() -> a.network().evaluate(0, z, tooShort, z.zerosLike()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one tensor per parameter");
    assertThatThrownBy(() -> a.dynamics().evaluate(0, tooShort, tooShort))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("decayGainDrift");
    assertThatThrownBy(() -> ParameterDynamics.decayGainDrift(mlp().parameters(), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lambda = -1.0");
  }
}

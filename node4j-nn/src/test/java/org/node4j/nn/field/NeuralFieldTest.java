package org.node4j.nn.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.layer.Activation;
import org.node4j.nn.layer.Conv1d;
import org.node4j.nn.layer.Linear;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.state.TensorOps;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.Tuple;
import org.node4j.ode.grad.EvalRecord;
import org.node4j.ode.grad.param.DepthSchedule;
import org.node4j.ode.testing.FiniteDifferences;

class NeuralFieldTest {
  private static final DType F64 = DType.FLOAT64;

  static Sequential sphere2(String prefix) {
    return Sequential.of(
        Conv1d.builder(1, 8).name(prefix + "c1").dtype(F64).build(),
        Activation.relu(),
        Conv1d.builder(8, 8).kernel(3).padding(1).name(prefix + "c2").dtype(F64).build(),
        Activation.relu(),
        Conv1d.builder(8, 1).name(prefix + "c3").dtype(F64).build());
  }

  static Sequential mlp(int in, int out, String prefix) {
    return Sequential.of(
        Linear.builder(in, 12).name(prefix + "fc1").dtype(F64).build(),
        Activation.tanh(),
        Linear.builder(12, out).name(prefix + "fc2").dtype(F64).build());
  }

  /** An autonomous conv field, a time-channel MLP field and a depth-indexed MLP field. */
  static List<Case> cases(Random rnd) {
    List<Case> cases = new ArrayList<>();
    NeuralField conv = NeuralField.autonomous(sphere2(""));
    NetGrad.gaussian(conv.parameters(), rnd, 0.4);
    cases.add(new Case("sphere2", conv, Tensor.zeros(F64, 3, 1, 2), 0.3));
    NeuralField timed = NeuralField.withTimeChannel(mlp(4, 3, ""));
    NetGrad.gaussian(timed.parameters(), rnd, 0.5);
    cases.add(new Case("time channel", timed, Tensor.zeros(F64, 5, 3), 0.7));
    List<List<Parameter>> sets = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      sets.add(mlp(3, 3, "f" + k + ".").parameters());
    }
    NeuralField deep =
        NeuralField.depthIndexed(
            mlp(3, 3, "compute."), ParameterSets.of(sets), DepthSchedule.unit(4), TimeInput.NONE);
    NetGrad.gaussian(deep.parameters(), rnd, 0.5);
    cases.add(new Case("depth-indexed", deep, Tensor.zeros(F64, 5, 3), 0.6));
    for (Case c : cases) {
      NetGrad.gaussian(c.z, rnd, 1.0);
    }
    return cases;
  }

  record Case(String name, NeuralField field, Tensor z, double t) {}

  @Test
  void recordedVjpEqualsRecomputedVjp() {
    for (Case c : cases(new Random(1))) {
      NeuralField f = c.field;
      Tensor a = c.z.zerosLike();
      NetGrad.gaussian(a, new Random(2), 1.0);
      EvalRecord r = f.newRecord(TensorOps.INSTANCE, c.z);
      Tensor out = c.z.zerosLike();
      Tensor zCopy = c.z.copy();
      f.evaluate(c.t, zCopy, out, r);
      zCopy.fillZero(); // the record must not depend on the caller's buffer
      f.evaluate(0.05, c.z, c.z.zerosLike()); // another depth's weights pass through
      Tensor dzRecorded = c.z.zerosLike();
      Tuple gRecorded = f.newGrad();
      f.vjp(r, a, dzRecorded, gRecorded);
      Tensor dzRecomputed = c.z.zerosLike();
      Tuple gRecomputed = f.newGrad();
      f.vjp(c.t, c.z, a, dzRecomputed, gRecomputed);
      assertThat(dzRecorded.doubles()).as(c.name).containsExactly(dzRecomputed.doubles());
      assertThat(NetGrad.flatten(gRecorded))
          .as(c.name)
          .containsExactly(NetGrad.flatten(gRecomputed));
      assertThat(r.bytes()).as(c.name).isGreaterThan(c.z.bytes());
    }
  }

  @Test
  void evaluateWithVjpGivesTheBitsOfEvaluateThenVjpAndCanSkipTheParameterPart() {
    int savedThreads = Parallel.threads();
    Parallel.setThreads(2);
    try {
      List<Case> cases = cases(new Random(11));
      // W3's field and batch: one-region passes over two chunks, forward and back in one region
      NeuralField w3 =
          NeuralField.autonomous(
              Sequential.of(
                  Linear.builder(2, 64).name("w3.fc1").dtype(F64).build(),
                  Activation.tanh(),
                  Linear.builder(64, 64).name("w3.fc2").dtype(F64).build(),
                  Activation.tanh(),
                  Linear.builder(64, 2).name("w3.fc3").dtype(F64).build()));
      NetGrad.gaussian(w3.parameters(), new Random(12), 0.5);
      Tensor z512 = Tensor.zeros(F64, 512, 2);
      NetGrad.gaussian(z512, new Random(13), 1.0);
      cases.add(new Case("w3, batch 512", w3, z512, 0.4));
      for (Case c : cases) {
        NeuralField f = c.field;
        Tensor a = c.z.zerosLike();
        NetGrad.gaussian(a, new Random(14), 1.0);
        f.parameterSets().zeroGrad();
        EvalRecord r = f.newRecord(TensorOps.INSTANCE, c.z);
        Tensor out = c.z.zerosLike();
        Tensor dz = c.z.zerosLike();
        Tuple g = f.newGrad();
        f.evaluate(c.t, c.z, out, r);
        f.vjp(r, a, dz, g);

        EvalRecord fused = f.newRecord(TensorOps.INSTANCE, c.z);
        Tensor outFused = c.z.zerosLike();
        Tensor dzFused = c.z.zerosLike();
        Tuple gFused = f.newGrad();
        f.evaluateWithVjp(c.t, c.z, outFused, fused, a, dzFused, gFused, true);
        assertThat(outFused.doubles()).as(c.name).containsExactly(out.doubles());
        assertThat(dzFused.doubles()).as(c.name).containsExactly(dz.doubles());
        assertThat(NetGrad.flatten(gFused)).as(c.name).containsExactly(NetGrad.flatten(g));

        Tensor outSkip = c.z.zerosLike();
        Tensor dzSkip = c.z.zerosLike();
        f.evaluateWithVjp(c.t, c.z, outSkip, fused, a, dzSkip, f.newGrad(), false);
        assertThat(outSkip.doubles()).as(c.name).containsExactly(out.doubles());
        assertThat(dzSkip.doubles()).as(c.name).containsExactly(dz.doubles());
        assertThat(NetGrad.flatten(f.ownGradient()))
            .as(c.name + ": the parameters' own gradients untouched")
            .containsOnly(0.0);
      }
    } finally {
      Parallel.setThreads(savedThreads);
    }
  }

  @Test
  void ownAccumulatorAddsWhatAForeignOneReceivesAndForeignLeavesOwnUntouched() {
    for (Case c : cases(new Random(3))) {
      NeuralField f = c.field;
      Tensor a = c.z.zerosLike();
      NetGrad.gaussian(a, new Random(4), 1.0);
      f.parameterSets().zeroGrad();
      for (Parameter p : f.parameters()) {
        p.grad().set(0, 0.25); // a gradient that was there before
      }
      double[] before = NetGrad.flatten(f.ownGradient());
      Tuple foreign = f.newGrad();
      f.vjp(c.t, c.z, a, c.z.zerosLike(), foreign);
      assertThat(NetGrad.flatten(f.ownGradient())).as(c.name).containsExactly(before);
      f.vjp(c.t, c.z, a, c.z.zerosLike(), f.ownGradient());
      double[] after = NetGrad.flatten(f.ownGradient());
      double[] added = new double[after.length];
      for (int i = 0; i < after.length; i++) {
        added[i] = after[i] - before[i];
      }
      assertThat(NetGrad.relError(added, NetGrad.flatten(foreign))).as(c.name).isLessThan(1e-14);
    }
  }

  @Test
  void vjpMatchesCentralDifferencesInStateAndParameters() {
    for (Case c : cases(new Random(5))) {
      NeuralField f = c.field;
      Tensor a = c.z.zerosLike();
      NetGrad.gaussian(a, new Random(6), 1.0);
      Tensor dz = c.z.zerosLike();
      Tuple g = f.newGrad();
      f.vjp(c.t, c.z, a, dz, g);
      double[] grad = NetGrad.concat(dz.doubles().clone(), NetGrad.flatten(g));
      Random rnd = new Random(7);
      for (int rep = 0; rep < 3; rep++) {
        double[] d = NetGrad.direction(rnd, grad.length);
        double eps = 1e-6;
        double fd =
            FiniteDifferences.directional(
                delta -> NetGrad.perturb(c.z, f.parameters(), d, delta),
                () -> pairing(f, c, a),
                eps);
        assertThat(Math.abs(fd - NetGrad.dot(grad, d)))
            .as(c.name)
            .isLessThan(1e-7 * Math.max(1, Math.abs(fd)));
      }
    }
  }

  private static double pairing(NeuralField f, Case c, Tensor a) {
    Tensor out = c.z.zerosLike();
    f.evaluate(c.t, c.z, out);
    return TensorOps.INSTANCE.dot(a, out);
  }

  @Test
  void depthIndexedFieldUsesTheSetOfItsInterval() {
    List<List<Parameter>> sets = new ArrayList<>();
    List<Sequential> nets = new ArrayList<>();
    Random rnd = new Random(8);
    for (int k = 0; k < 3; k++) {
      Sequential n = mlp(2, 2, "f" + k + ".");
      NetGrad.gaussian(n.parameters(), rnd, 1.0);
      nets.add(n);
      sets.add(n.parameters());
    }
    NeuralField f =
        NeuralField.depthIndexed(
            mlp(2, 2, "c."), ParameterSets.of(sets), DepthSchedule.unit(3), TimeInput.NONE);
    Tensor z = Tensor.wrap(new double[] {0.3, -0.2}, 1, 2);
    for (int k = 0; k < 3; k++) {
      Tensor viaField = z.zerosLike();
      f.evaluate(k / 3.0 + 0.1, z, viaField);
      Tensor direct = z.zerosLike();
      nets.get(k).forward(z, nets.get(k).newCache(z.shape(), F64), direct);
      assertThat(viaField.doubles()).containsExactly(direct.doubles());
    }
  }

  @Test
  void rejectsNetworksThatDoNotReturnTheStateShape() {
    NeuralField f = NeuralField.autonomous(mlp(3, 2, ""));
    Tensor z = Tensor.zeros(F64, 4, 3);
    assertThatThrownBy(() -> f.evaluate(0, z, z.zerosLike()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[4, 2]")
        .hasMessageContaining("[4, 3]");
    assertThatThrownBy(() -> NeuralField.withTimeChannel(mlp(3, 3, "")).evaluate(0, z, z))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[4, 4]");
  }

  @Test
  void rejectsParameterSetsOfAnotherArchitecture() {
    List<List<Parameter>> sets =
        List.of(mlp(2, 2, "a.").parameters(), mlp(3, 3, "b.").parameters());
    assertThatThrownBy(() -> ParameterSets.of(sets))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("set 1");
  }
}

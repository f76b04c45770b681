package org.node4j.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/** Exporting and importing optimiser state resumes training exactly. */
class OptimizerStateTest {

  static Stream<Arguments> optimisers() {
    Map<String, Function<List<ParamGroup>, Optimizer>> kinds =
        Map.of(
            "sgd-momentum", g -> new Sgd(SgdOptions.momentum(0.9).withDampening(0.2), g),
            "sgd-nesterov", g -> new Sgd(SgdOptions.nesterov(0.9), g),
            "adam", g -> new Adam(AdamOptions.adam(), g),
            "adamw-amsgrad", g -> new Adam(AdamOptions.adamW().withAmsgrad(true), g));
    return kinds.entrySet().stream()
        .flatMap(
            e -> Stream.of(DType.values()).map(d -> Arguments.of(e.getKey(), e.getValue(), d)));
  }

  private static Optimizer build(Function<List<ParamGroup>, Optimizer> make, List<Parameter> ps) {
    return make.apply(
        List.of(ParamGroup.of(ps.subList(0, 1), 0.05, 0.01), ParamGroup.of(ps.subList(1, 2), 0.1)));
  }

  private static void train(
      Optimizer opt, LrScheduler sched, List<Parameter> ps, int from, int to) {
    for (int t = from; t <= to; t++) {
      opt.zeroGrad();
      Fixtures.setGrads(ps, t);
      opt.step();
      sched.step();
    }
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("optimisers")
  void resumingFromExportedStateContinuesTheSameTrajectory(
      String name, Function<List<ParamGroup>, Optimizer> make, DType dtype) {
    LrSchedule schedule = LrSchedules.cosine(5, 0.001);
    List<Parameter> straight = Fixtures.params(dtype);
    Optimizer a = build(make, straight);
    LrScheduler sa = new LrScheduler(a, schedule);
    train(a, sa, straight, 1, 6);

    List<Parameter> first = Fixtures.params(dtype);
    Optimizer b = build(make, first);
    LrScheduler sb = new LrScheduler(b, schedule);
    train(b, sb, first, 1, 3);
    OptimizerState saved = b.exportState();
    long epoch = sb.epoch();

    List<Parameter> resumed = Fixtures.params(dtype);
    for (int i = 0; i < resumed.size(); i++) {
      resumed.get(i).value().copyFrom(first.get(i).value());
    }
    Optimizer c = build(make, resumed);
    c.importState(saved);
    LrScheduler sc = new LrScheduler(c, schedule);
    sc.setEpoch(epoch);
    train(c, sc, resumed, 4, 6);

    assertThat(Fixtures.values(resumed)).containsExactly(Fixtures.values(straight));
    assertSameState(c.exportState(), a.exportState());
  }

  private static void assertSameState(OptimizerState actual, OptimizerState expected) {
    assertThat(actual.tensors().keySet()).containsExactlyElementsOf(expected.tensors().keySet());
    expected
        .tensors()
        .forEach(
            (k, t) -> {
              Tensor u = actual.tensors().get(k);
              for (int i = 0; i < t.size(); i++) {
                assertThat(u.get(i)).as(k).isEqualTo(t.get(i));
              }
            });
  }

  @Test
  void exportIsADeepCopy() {
    List<Parameter> ps = Fixtures.params(DType.FLOAT64);
    Adam adam = new Adam(AdamOptions.adam(), List.of(ParamGroup.of(ps, 0.1)));
    Fixtures.setGrads(ps, 1);
    adam.step();
    OptimizerState s = adam.exportState();
    double m = s.tensors().get("param.a.exp_avg").get(0);
    adam.step();
    assertThat(s.tensors().get("param.a.exp_avg").get(0)).isEqualTo(m);
    assertThat(s.tensors().get("steps").get(0)).isEqualTo(1.0);
  }

  @Test
  void stateOfAnotherKindIsRejectedNamingEveryMismatchAndNothingChanges() {
    List<Parameter> ps = Fixtures.params(DType.FLOAT64);
    Sgd sgd = new Sgd(SgdOptions.momentum(0.9), List.of(ParamGroup.of(ps, 0.1)));
    Fixtures.setGrads(ps, 1);
    sgd.step();
    OptimizerState before = sgd.exportState();
    OptimizerState adamState =
        new Adam(AdamOptions.adam(), List.of(ParamGroup.of(Fixtures.params(DType.FLOAT64), 0.3)))
            .exportState();
    assertThatThrownBy(() -> sgd.importState(adamState))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing 'param.a.momentum_buffer'")
        .hasMessageContaining("unexpected entry 'param.b.exp_avg_sq'");
    assertSameState(sgd.exportState(), before);
    assertThat(sgd.groups().get(0).lr()).isEqualTo(0.1);
  }

  @Test
  void wrongShapeDtypeOrScalarIsRejectedAndNothingChanges() {
    List<Parameter> ps = Fixtures.params(DType.FLOAT32);
    Sgd sgd = new Sgd(SgdOptions.momentum(0.9), List.of(ParamGroup.of(ps, 0.1)));
    OptimizerState good = sgd.exportState();
    Map<String, Tensor> bad = new HashMap<>(good.tensors());
    bad.put("param.a.momentum_buffer", Tensor.zeros(DType.FLOAT32, 4));
    bad.put("param.b.momentum_buffer", Tensor.zeros(DType.FLOAT64, 2, 2));
    bad.put("steps", Tensor.wrap(new double[] {1.5}, 1));
    bad.put("group.0.lr", Tensor.wrap(new double[] {7.0}, 1));
    assertThatThrownBy(() -> sgd.importState(new OptimizerState(bad)))
        .hasMessageContaining("'param.a.momentum_buffer' is [4] FLOAT32, expected [3] FLOAT32")
        .hasMessageContaining("[2, 2] FLOAT64, expected [2, 2] FLOAT32")
        .hasMessageContaining("'steps' has invalid value 1.5");
    assertThat(sgd.groups().get(0).lr()).isEqualTo(0.1);
    assertThat(sgd.steps()).isZero();
  }
}

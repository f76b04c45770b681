package org.node4j.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;

/** Groups with their own learning rate and weight decay behave as independent optimisers. */
class ParamGroupTest {

  private static Parameter a() {
    return Fixtures.param("a", DType.FLOAT64, Fixtures.A0, 3);
  }

  private static Parameter b() {
    return Fixtures.param("b", DType.FLOAT64, Fixtures.B0, 2, 2);
  }

  private static void train(Optimizer opt, List<Parameter> params) {
    for (int t = 1; t <= 3; t++) {
      opt.zeroGrad();
      Fixtures.setGrads(params, t);
      opt.step();
    }
  }

  private static void assertGroupsAreIndependent(Function<List<ParamGroup>, Optimizer> make) {
    Parameter ga = a();
    Parameter gb = b();
    train(
        make.apply(
            List.of(ParamGroup.of(List.of(ga), 0.1, 0.0), ParamGroup.of(List.of(gb), 0.03, 0.2))),
        List.of(ga, gb));
    // The same gradients (offsets of "b" start after the 3 elements of "a"), one optimiser each.
    Parameter sa = a();
    Parameter sb = b();
    Optimizer alone = make.apply(List.of(ParamGroup.of(List.of(sa), 0.1, 0.0)));
    Optimizer other = make.apply(List.of(ParamGroup.of(List.of(sb), 0.03, 0.2)));
    List<Parameter> both = List.of(sa, sb);
    for (int t = 1; t <= 3; t++) {
      Fixtures.setGrads(both, t);
      alone.step();
      other.step();
    }
    assertThat(ga.value().doubles()).containsExactly(sa.value().doubles());
    assertThat(gb.value().doubles()).containsExactly(sb.value().doubles());
    assertThat(ga.value().doubles()).isNotEqualTo(a().value().doubles());
  }

  @Test
  void sgdGroupsUseTheirOwnRateAndDecay() {
    assertGroupsAreIndependent(g -> new Sgd(SgdOptions.momentum(0.9), g));
  }

  @Test
  void adamWGroupsUseTheirOwnRateAndDecay() {
    assertGroupsAreIndependent(g -> new Adam(AdamOptions.adamW(), g));
  }

  @Test
  void aParameterMayBelongToOneGroupOnly() {
    Parameter p = a();
    List<ParamGroup> groups =
        List.of(ParamGroup.of(List.of(p), 0.1), ParamGroup.of(List.of(p), 0.2));
    assertThatThrownBy(() -> new Sgd(SgdOptions.plain(), groups))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a'");
    assertThatThrownBy(() -> ParamGroup.of(List.of(), 0.1)).hasMessageContaining("at least one");
    assertThatThrownBy(() -> ParamGroup.of(List.of(p), -0.1)).hasMessageContaining("-0.1");
    assertThatThrownBy(() -> SgdOptions.nesterov(0.9).withDampening(0.5))
        .hasMessageContaining("dampening=0.5");
    assertThatThrownBy(() -> AdamOptions.adam().withBetas(0.9, 1.0)).hasMessageContaining("beta2");
  }
}

package org.node4j.ode.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ButcherTableauTest {

  private static final double ORDER_TOL = 1e-12;

  static Stream<ButcherTableau> tableaus() {
    return Solvers.all().stream().map(RungeKutta::tableau);
  }

  private static double[][] rows(ButcherTableau t) {
    double[][] a = new double[t.stages()][];
    for (int i = 0; i < a.length; i++) {
      a[i] = t.aRow(i);
    }
    return a;
  }

  @Test
  void rootedTreeCountsMatchButcher() {
    // 1, 1, 2, 4, 9, 20 trees of orders 1..6 (OEIS A000081).
    assertThat(List.of(1, 2, 3, 4, 5, 6).stream().map(n -> RootedTrees.ofOrder(n).size()))
        .containsExactly(1, 1, 2, 4, 9, 20);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tableaus")
  void satisfiesOrderConditionsUpToItsOrderAndNotBeyond(ButcherTableau t) {
    double[][] a = rows(t);
    for (int n = 1; n <= t.order(); n++) {
      for (RootedTrees.Tree tree : RootedTrees.ofOrder(n)) {
        assertThat(RootedTrees.defect(tree, a, t.b()))
            .as("order %d", n)
            .isCloseTo(0, within(ORDER_TOL));
      }
    }
    double worst =
        RootedTrees.ofOrder(t.order() + 1).stream()
            .mapToDouble(tree -> Math.abs(RootedTrees.defect(tree, a, t.b())))
            .max()
            .orElseThrow();
    assertThat(worst).as("the claimed order is the true order").isGreaterThan(1e-6);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tableaus")
  void embeddedMethodHasItsClaimedOrder(ButcherTableau t) {
    if (!t.hasErrorEstimate()) {
      assertThat(t.errorOrder()).isZero();
      return;
    }
    double[][] a = rows(t);
    double[] bHat = t.b();
    double[] e = t.bError();
    for (int i = 0; i < bHat.length; i++) {
      bHat[i] -= e[i];
    }
    for (int n = 1; n <= t.errorOrder(); n++) {
      for (RootedTrees.Tree tree : RootedTrees.ofOrder(n)) {
        assertThat(RootedTrees.defect(tree, a, bHat)).isCloseTo(0, within(ORDER_TOL));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tableaus")
  void denseOutputSatisfiesTheConditionsOfItsOrderAtEveryTheta(ButcherTableau t) {
    if (!t.hasDenseOutput()) {
      return;
    }
    double[][] a = rows(t);
    double[] w = new double[t.stages()];
    for (double theta : new double[] {0.1, 0.37, 0.5, 0.83, 1.0}) {
      t.denseWeights(theta, w);
      for (int n = 1; n <= t.denseOrder(); n++) {
        for (RootedTrees.Tree tree : RootedTrees.ofOrder(n)) {
          double[] g = RootedTrees.phi(tree, a);
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            s += w[i] * g[i];
          }
          // For the interpolant at theta: sum_i b_i(theta) Phi_i = theta^n / gamma.
          assertThat(s).isCloseTo(Math.pow(theta, n) / tree.gamma(), within(1e-10));
        }
      }
    }
  }

  @Test
  void detectsFsalExactlyForBosh3Dopri5AndTsit5() {
    assertThat(tableaus().filter(ButcherTableau::fsal).map(ButcherTableau::name))
        .containsExactlyInAnyOrder("bosh3", "dopri5", "tsit5");
  }

  @Test
  void fehlberg2IsTheSeedsTableau() {
    ButcherTableau t = Tableaus.FEHLBERG2;
    assertThat(t.c()).containsExactly(0, 0.5, 1);
    assertThat(t.aRow(2)).containsExactly(1.0 / 256, 255.0 / 256);
    assertThat(t.b()).containsExactly(1.0 / 512, 255.0 / 256, 1.0 / 512);
    assertThat(t.bError()).containsExactly(-1.0 / 512, 0, 1.0 / 512);
    assertThat(t.order()).isEqualTo(2);
    assertThat(t.errorOrder()).isEqualTo(1);
  }

  @Test
  void copiesDefensivelyAndComparesByContent() {
    double[] b = {0.5, 0.5};
    ButcherTableau t1 =
        ButcherTableau.builder("x").c(0, 1).a(new double[0], new double[] {1}).b(2, b).build();
    b[0] = 7;
    t1.b()[0] = 9;
    ButcherTableau t2 =
        ButcherTableau.builder("x")
            .c(0, 1)
            .a(new double[2], new double[] {1, 0})
            .b(2, 0.5, 0.5)
            .build();
    assertThat(t1.b()).containsExactly(0.5, 0.5);
    assertThat(t1).isEqualTo(t2).hasSameHashCodeAs(t2);
    assertThat(t1).isNotEqualTo(Tableaus.HEUN_EULER);
  }

  @Test
  void rejectsBrokenTableaus() {
    assertThatThrownBy(() -> twoStage().c(0, 0.9).build()).hasMessageContaining("row 1 of a sums");
    assertThatThrownBy(() -> twoStage().b(2, 0.5, 0.6).build()).hasMessageContaining("sum to 1.1");
    assertThatThrownBy(() -> twoStage().bError(1, 0.5, 0.6).build()).hasMessageContaining("not 0");
    assertThatThrownBy(() -> twoStage().c(0, 1, 1).build()).hasMessageContaining("c has length 3");
    assertThatThrownBy(() -> twoStage().a(new double[] {0, 0}, new double[] {0.5, 0.5}).build())
        .hasMessageContaining("implicit");
    assertThatThrownBy(() -> twoStage().b(0, 0.5, 0.5).build()).hasMessageContaining("order");
    assertThatThrownBy(() -> twoStage().dense(2, new double[] {1}, new double[] {0}).build())
        .hasMessageContaining("dense weight");
  }

  private static ButcherTableau.Builder twoStage() {
    return ButcherTableau.builder("bad").c(0, 1).a(new double[0], new double[] {1}).b(2, 0.5, 0.5);
  }

  @Test
  void registryRejectsUnknownNamesListingTheValidOnes() {
    assertThat(Solvers.names()).hasSize(11);
    assertThat(Solvers.byName("rk4-38").tableau()).isEqualTo(Tableaus.RK4_38);
    assertThatThrownBy(() -> Solvers.byName("rk45"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rk45")
        .hasMessageContaining("dopri5, tsit5");
  }
}

package org.node4j.lab.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.node4j.ode.integrate.Integrator;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;

class ProblemsTest {

  @Test
  void everyNameResolvesToItsProblem() {
    for (String name : Problems.names()) {
      assertThat(Problems.byName(name, 1.0).name()).isEqualTo(name);
    }
  }

  @Test
  void unknownNamesListTheValidOnes() {
    assertThatThrownBy(() -> Problems.byName("lorenz", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lorenz")
        .hasMessageContaining("lotka-volterra, harmonic, van-der-pol, exponential");
    assertThatThrownBy(() -> Problems.vanDerPol(-1)).hasMessageContaining("mu >= 0");
  }

  @Test
  void theHarmonicOscillatorReturnsToItsStartAfterOnePeriod() {
    Problem p = Problems.harmonic();
    double[] y =
        Integrator.solve(p.spec().setup(SolveSetup.steps(Solvers.rk4(), 2000)).build()).y();
    assertThat(y[0]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-8));
    assertThat(y[1]).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-8));
    assertThatThrownBy(() -> p.spec(new double[] {1, 2, 3}, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

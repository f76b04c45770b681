package org.node4j.ode.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.solver.Solvers;

/**
 * Sander et al.'s memory-free gradients on W5's depth-smooth weights: the error against the exact
 * gradient falls as O(1/N) for reverse Euler and faster for reverse Heun, with W5's magnitudes.
 */
class MemoryFreeTest {

  private static final int[] DEPTHS = {16, 64, 256, 1024};

  private static double[] errors(MemoryFree method, boolean heun, int w, int batch) {
    double[] e = new double[DEPTHS.length];
    for (int i = 0; i < DEPTHS.length; i++) {
      e[i] = W5.relativeError(method, StoredStages.create(), heun, DEPTHS[i], w, batch);
    }
    return e;
  }

  private static double[] depths() {
    double[] n = new double[DEPTHS.length];
    for (int i = 0; i < n.length; i++) {
      n[i] = DEPTHS[i];
    }
    return n;
  }

  @Test
  void reverseEulerErrorFallsAsOneOverDepth() {
    double[] e = errors(MemoryFree.euler(), false, 16, 2);
    assertThat(GradCheck.logSlope(depths(), e)).isCloseTo(-1.0, within(0.15));
  }

  @Test
  void reverseHeunErrorFallsFasterThanOneOverDepthSquared() {
    double[] heun = errors(MemoryFree.heun(), true, 16, 2);
    double[] euler = errors(MemoryFree.euler(), false, 16, 2);
    assertThat(GradCheck.logSlope(depths(), heun)).isLessThan(-2.0);
    for (int i = 0; i < DEPTHS.length; i++) {
      assertThat(heun[i]).as("N = " + DEPTHS[i]).isLessThan(euler[i]);
    }
  }

  @Test
  void errorMagnitudesAreThoseOfWorkloadW5() {
    // Full W5 width (64) on a batch of 4 instead of 256; WORKLOADS.md lists (b) 1.6e-2 and
    // (d) 3.5e-5 at N = 64. The error is a property of the method, so two digits are not
    // expected across batch sizes, but the same order of magnitude is.
    double b = W5.relativeError(MemoryFree.euler(), StoredStages.create(), false, 64, 64, 4);
    double d = W5.relativeError(MemoryFree.heun(), StoredStages.create(), true, 64, 64, 4);
    assertThat(b).isBetween(1.6e-2 / 2, 1.6e-2 * 2);
    assertThat(d).isBetween(3.5e-5 / 2, 3.5e-5 * 2);
  }

  @Test
  void otherSolversAndAdaptiveStepsAreRejectedNamingBothParts() {
    TanhMlp f = new TanhMlp(2, 3, 1, TanhMlp.params(2, 3, 0.1), true);
    GradProblem<double[], double[]> rk4 =
        GradProblem.builder(f, ArrayOps.INSTANCE)
            .span(0, 1)
            .solver(Solvers.rk4())
            .controller(ConstantSteps.count(4))
            .build();
    assertThatThrownBy(() -> MemoryFree.euler().prepare(rk4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reverses euler steps")
        .hasMessageContaining("rk4");
    GradProblem<double[], double[]> euler =
        GradProblem.builder(f, ArrayOps.INSTANCE)
            .span(0, 1)
            .solver(Solvers.euler())
            .controller(ConstantSteps.count(4))
            .build();
    assertThatThrownBy(() -> MemoryFree.heun().prepare(euler))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reverses heun steps")
        .hasMessageContaining("euler");
    GradProblem<double[], double[]> adaptive =
        GradProblem.builder(f, ArrayOps.INSTANCE)
            .span(0, 1)
            .solver(Solvers.heunEuler())
            .controller(AdaptiveController.integral(1e-6, 1e-6))
            .build();
    assertThatThrownBy(() -> MemoryFree.heun().prepare(adaptive))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heun-euler")
        .hasMessageContaining("AdaptiveController");
  }

  @Test
  void whereTheReverseStepIsExactSoIsTheGradient() {
    // With f = A x and A = 0 the reverse Euler step inverts the forward step exactly, so only
    // the re-run and pull-back remain: the gradient (dL/dA = sum_n h a_n x_n^T is not zero)
    // must equal backpropagation's.
    LinearField zero = new LinearField(3, new double[9]);
    GradProblem<double[], double[]> p =
        GradProblem.builder(zero, ArrayOps.INSTANCE)
            .span(0, 1)
            .solver(Solvers.euler())
            .controller(ConstantSteps.count(8))
            .build();
    double[] z0 = {0.3, -0.2, 0.5};
    double[] exact = GradCheck.gradient(StoredStages.create(), p, z0).gradient();
    double[] free = GradCheck.gradient(MemoryFree.euler(), p, z0).gradient();
    assertThat(GradCheck.relativeError(free, exact)).isLessThan(1e-15);
  }
}

package org.node4j.ode.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.StateOps;
import org.node4j.ode.control.AdaptiveController;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;

/**
 * Sander et al.'s memory-free gradients: the solvers and controllers they accept, and exactness
 * where the reverse step is exact. Their error on W5's depth-smooth weights (O(1/N) for reverse
 * Euler, faster for reverse Heun, W5's magnitudes) is tested on the depth-indexed network fields in
 * {@code node4j-nn} ({@code MemoryFreeDepthTest}).
 */
class MemoryFreeTest {

  @Test
  void otherSolversAndAdaptiveStepsAreRejectedNamingBothParts() {
    TanhMlp f = new TanhMlp(2, 3, 1, TanhMlp.params(2, 3, 0.1), true);
    GradProblem<double[], double[]> rk4 =
        GradProblem.builder(f, ArrayOps.INSTANCE)
            .span(0, 1)
            .setup(SolveSetup.of(Solvers.rk4(), ConstantSteps.count(4)))
            .build();
    assertThatThrownBy(() -> MemoryFree.euler().prepare(rk4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reverses euler steps")
        .hasMessageContaining("rk4");
    GradProblem<double[], double[]> euler =
        GradProblem.builder(f, ArrayOps.INSTANCE)
            .span(0, 1)
            .setup(SolveSetup.of(Solvers.euler(), ConstantSteps.count(4)))
            .build();
    assertThatThrownBy(() -> MemoryFree.heun().prepare(euler))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reverses heun steps")
        .hasMessageContaining("euler");
    GradProblem<double[], double[]> adaptive =
        GradProblem.builder(f, ArrayOps.INSTANCE)
            .span(0, 1)
            .setup(SolveSetup.of(Solvers.heunEuler(), AdaptiveController.integral(1e-6, 1e-6)))
            .build();
    assertThatThrownBy(() -> MemoryFree.heun().prepare(adaptive))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heun-euler")
        .hasMessageContaining("AdaptiveController");
  }

  /**
   * The replay of each step evaluates its last stage, which no later stage reads, only for its
   * record ({@link DifferentiableField#record}); a field that leaves that stage's output as NaN
   * must give the same gradient, bit for bit, as one that computes it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"euler", "heun"})
  void theReplayedLastStageIsOnlyRecordedAndTheGradientIsTheSame(String scheme) {
    boolean heun = scheme.equals("heun");
    TanhMlp f = new TanhMlp(3, 5, 1, TanhMlp.params(3, 5, 0.7), true);
    RecordOnlyCounter g = new RecordOnlyCounter(f);
    double[] z0 = {0.3, -0.2, 0.5};
    MemoryFree method = heun ? MemoryFree.heun() : MemoryFree.euler();
    double[] plain = GradCheck.gradient(method, problem(f, heun), z0).gradient();
    double[] recorded = GradCheck.gradient(method, problem(g, heun), z0).gradient();
    assertThat(recorded).containsExactly(plain);
    assertThat(g.recordOnly).isEqualTo(6);
  }

  private static GradProblem<double[], double[]> problem(
      DifferentiableField<double[], double[]> f, boolean heun) {
    return GradProblem.builder(f, ArrayOps.INSTANCE)
        .span(0, 1)
        .setup(SolveSetup.of(heun ? Solvers.heun() : Solvers.euler(), ConstantSteps.count(6)))
        .build();
  }

  /** Forwards the record methods too, but fills the output of a record-only evaluation with NaN. */
  private static final class RecordOnlyCounter extends ForwardingField {
    int recordOnly;

    RecordOnlyCounter(TanhMlp f) {
      super(f);
    }

    @Override
    public EvalRecord newRecord(StateOps<double[]> ops, double[] like) {
      return f.newRecord(ops, like);
    }

    @Override
    public void evaluate(double t, double[] z, double[] dzdt, EvalRecord record) {
      f.evaluate(t, z, dzdt, record);
    }

    @Override
    public void record(double t, double[] z, double[] scratch, EvalRecord record) {
      f.evaluate(t, z, scratch, record);
      Arrays.fill(scratch, Double.NaN);
      recordOnly++;
    }

    @Override
    public void vjp(EvalRecord record, double[] a, double[] outZ, double[] gradAcc) {
      f.vjp(record, a, outZ, gradAcc);
    }
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
            .setup(SolveSetup.of(Solvers.euler(), ConstantSteps.count(8)))
            .build();
    double[] z0 = {0.3, -0.2, 0.5};
    double[] exact = GradCheck.gradient(StoredStages.create(), p, z0).gradient();
    double[] free = GradCheck.gradient(MemoryFree.euler(), p, z0).gradient();
    assertThat(GradCheck.relativeError(free, exact)).isLessThan(1e-15);
  }
}

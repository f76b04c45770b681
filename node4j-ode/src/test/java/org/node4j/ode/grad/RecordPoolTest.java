package org.node4j.ode.grad;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.StateOps;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solvers;

/**
 * Two checkpointed passes that run one after the other share a {@link RecordPool}: with fields
 * whose records are interchangeable they keep one pass's recomputed records between them, with the
 * default keys each keeps its own, and the gradients are those of unshared passes bit for bit.
 */
class RecordPoolTest {
  private static final int STEPS = 12;

  /** A field whose (default) state records any other such field can refill. */
  private static final class Interchangeable extends ForwardingField {
    Interchangeable(TanhMlp f) {
      super(f);
    }

    @Override
    public Object recordKey(StateOps<double[]> ops, double[] like) {
      return "state record " + ops.describe(like);
    }
  }

  private static DifferentiableField<double[], double[]> field(double phase, boolean share) {
    TanhMlp f = new TanhMlp(3, 4, 1, TanhMlp.params(3, 4, phase), false);
    return share ? new Interchangeable(f) : f;
  }

  private static GradientPass<double[], double[]> pass(
      DifferentiableField<double[], double[]> f, RecordPool pool) {
    return Checkpointed.every(STEPS)
        .prepare(
            GradProblem.builder(f, ArrayOps.INSTANCE)
                .span(0, 1)
                .setup(SolveSetup.steps(Solvers.rk4(), STEPS))
                .records(pool)
                .build());
  }

  /** Two blocks in a row, forward then backward in reverse; returns both gradients. */
  private static double[][] iterate(
      GradientPass<double[], double[]> p1, GradientPass<double[], double[]> p2) {
    double[] z1 = p1.forward(new double[] {0.4, -0.2, 0.7}).clone();
    double[] z2 = p2.forward(z1);
    double[] g1 = new double[TanhMlp.size(3, 4)];
    double[] g2 = new double[TanhMlp.size(3, 4)];
    double[] dz1 = new double[3];
    double[] dz0 = new double[3];
    p2.backward(z2, dz1, g2);
    p1.backward(dz1, dz0, g1);
    return new double[][] {g1, g2, dz0};
  }

  private static int records(boolean share) {
    RecordPool pool = RecordPool.create();
    GradientPass<double[], double[]> p1 = pass(field(0.1, share), pool);
    GradientPass<double[], double[]> p2 = pass(field(0.7, share), pool);
    double[][] shared = iterate(p1, p2);
    iterate(p1, p2);
    double[][] alone = iterate(pass(field(0.1, share), null), pass(field(0.7, share), null));
    for (int i = 0; i < shared.length; i++) {
      assertThat(iterate(p1, p2)[i]).isEqualTo(alone[i]);
      assertThat(shared[i]).isEqualTo(alone[i]);
    }
    return pool.records();
  }

  @Test
  void interchangeableRecordsAreKeptOnceAndOthersPerField() {
    RecordPool one = RecordPool.create();
    GradientPass<double[], double[]> p = pass(field(0.1, false), one);
    p.backward(
        p.forward(new double[] {0.4, -0.2, 0.7}), new double[3], new double[TanhMlp.size(3, 4)]);
    int perPass = one.records();
    assertThat(perPass)
        .as("RK4's needed stages of %d steps, plus attached ones", STEPS)
        .isGreaterThan(3 * STEPS);
    assertThat(records(false)).as("default keys: each field its own").isEqualTo(2 * perPass);
    // Equal keys: the second pass takes the records the first one released, and only the records
    // attached to its own solver's stage buffers are extra.
    assertThat(records(true)).isGreaterThan(perPass).isLessThan(perPass + STEPS);
  }
}

package org.node4j.ode.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.VectorField;

/**
 * {@link RungeKutta#stageRecords}: every stage at the same time and state as in {@link
 * RungeKutta#step}, and only the stages that no later stage reads evaluated through the field that
 * may leave its output unwritten (an FSAL method's step is taken whole).
 */
class StageRecordsTest {

  static Stream<RungeKutta> solvers() {
    return Solvers.all().stream();
  }

  /** f(t, z) = (sin(t + z1) + z0^2, cos(3 z0) - t z1), logging each call's time and state. */
  private static final class Logged implements VectorField<double[]> {
    final List<double[]> calls = new ArrayList<>();
    final boolean unread;

    Logged(boolean unread) {
      this.unread = unread;
    }

    @Override
    public void evaluate(double t, double[] z, double[] dzdt) {
      calls.add(new double[] {t, z[0], z[1]});
      if (unread) {
        // an output nothing may read
        dzdt[0] = Double.NaN;
        dzdt[1] = Double.NaN;
        return;
      }
      dzdt[0] = Math.sin(t + z[1]) + z[0] * z[0];
      dzdt[1] = Math.cos(3 * z[0]) - t * z[1];
    }
  }

  @ParameterizedTest
  @MethodSource("solvers")
  void stagesMatchTheStepAndOnlyUnreadOnesSkipTheirOutput(RungeKutta solver) {
    double[] y = {0.4, -0.7};
    double t = 0.25;
    double h = 0.1;
    Logged full = new Logged(false);
    RkWorkspace<double[]> ws = solver.workspace(ArrayOps.INSTANCE, y);
    solver.step(full, t, y, h, ws);

    Logged read = new Logged(false);
    Logged unread = new Logged(true);
    RkWorkspace<double[]> ws2 = solver.workspace(ArrayOps.INSTANCE, y);
    solver.stageRecords(read, unread, t, y, h, ws2);

    ButcherTableau tab = solver.tableau();
    int s = tab.stages();
    List<double[]> expectedUnread = new ArrayList<>();
    List<double[]> expectedRead = new ArrayList<>();
    for (int i = 0; i < s; i++) {
      boolean readLater = false;
      for (int j = i + 1; j < s; j++) {
        readLater |= tab.aRow(j)[i] != 0.0;
      }
      (readLater || tab.fsal() ? expectedRead : expectedUnread).add(full.calls.get(i));
    }
    assertThat(read.calls).usingRecursiveComparison().isEqualTo(expectedRead);
    assertThat(unread.calls).usingRecursiveComparison().isEqualTo(expectedUnread);
    assertThat(ws2.t0()).isEqualTo(t);
    assertThat(ws2.h()).isEqualTo(h);
    if (!tab.fsal()) {
      assertThat(expectedUnread).isNotEmpty();
    }
  }
}

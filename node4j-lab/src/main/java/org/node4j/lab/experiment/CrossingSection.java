package org.node4j.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.node4j.lab.data.Dataset;
import org.node4j.lab.models.OdeClassifierModel;

/**
 * The report's trajectory-crossing table: for each drawn model and test solver, the fraction of
 * pairs of test points whose trajectories cross, at K_test = K_train and at the finest K_test.
 */
final class CrossingSection implements ReportSection {
  private final List<String> header = new ArrayList<>(List.of("K_train"));
  private final List<List<String>> rows = new ArrayList<>();
  private final int points;

  /**
   * Measures every model of {@code drawn} (empty when the state is not 2-D).
   *
   * @param drawn the models by K_train
   * @param test the test set
   * @param solvers the test solvers
   * @param finest the largest K_test
   */
  CrossingSection(
      Map<Integer, OdeClassifierModel> drawn, Dataset test, List<String> solvers, int finest) {
    this.points = Math.min(ExperimentPlots.POINTS, test.size());
    for (String s : solvers) {
      header.add(s + " at K_train");
      header.add(s + " at " + finest);
    }
    for (Map.Entry<Integer, OdeClassifierModel> e : drawn.entrySet()) {
      List<String> r = new ArrayList<>(List.of(Integer.toString(e.getKey())));
      for (String s : solvers) {
        for (int k : List.of(e.getKey(), finest)) {
          double f = PhaseSpace.crossingFraction(e.getValue(), test, points, s, k);
          r.add(ReportWriter.fmt("%.3f", f));
        }
      }
      rows.add(r);
    }
  }

  @Override
  public void write(ReportDoc doc) {
    if (rows.isEmpty()) {
      return;
    }
    doc.heading(2, "Trajectory crossing");
    doc.paragraph(
        ReportWriter.fmt(
            "Trajectories of an autonomous ODE never cross (Ott et al. §2.1). Measure: the"
                + " fraction of the %d pairs of %d test points (the lowest seed%s model) whose trajectories"
                + " cross, a trajectory being the polyline through its states after each step of"
                + " the test solver and two crossing when a segment of one properly intersects a"
                + " segment of the other. It is 0 for the flow of an ODE solved finely enough; the"
                + " trajectory plots below draw such trajectories for Euler.",
            (long) points * (points - 1) / 2, points, "'s"));
    doc.table(header, rows);
  }
}

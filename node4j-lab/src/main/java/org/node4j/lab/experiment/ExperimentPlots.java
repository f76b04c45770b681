package org.node4j.lab.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.node4j.lab.data.Dataset;
import org.node4j.lab.models.OdeClassifierModel;

/** Draws and saves every plot of the experiment, and remembers them for the report. */
final class ExperimentPlots {
  /** Test points drawn in the phase-space plots. */
  static final int POINTS = 160;

  private final Path dir;
  private final String dataset;
  private final List<Plot> written = new ArrayList<>();

  /**
   * One saved plot.
   *
   * @param name the file name without extension ({@code name.png}, {@code name.svg})
   * @param caption what it shows, with the paper's figure it corresponds to
   */
  record Plot(String name, String caption) {}

  ExperimentPlots(Path dir, String dataset) {
    this.dir = dir;
    this.dataset = dataset;
  }

  /** Returns the plots written so far, in order. */
  List<Plot> written() {
    return List.copyOf(written);
  }

  /**
   * Draws the Fig. 4 plots: one per training solver and test solver, and the tolerance over
   * training under tolerance adaptation.
   *
   * @return the files written
   */
  List<Path> writeFig4(FactorTable t, Map<String, List<Double>> toleranceHistories)
      throws IOException {
    List<Path> files = new ArrayList<>();
    for (String train : t.trainSolvers()) {
      for (String test : t.testSolvers(t.trainings(train).get(0))) {
        files.addAll(
            save(
                Fig4Charts.accuracy(t, train, test, dataset),
                "fig4-" + train + "-test-" + test,
                "Trained with "
                    + train
                    + ", tested with "
                    + test
                    + " at the step or tolerance factors, one line per training configuration;"
                    + " bars: sd over seeds (Fig. 4)"));
      }
    }
    if (!toleranceHistories.isEmpty()) {
      files.addAll(
          save(
              Fig4Charts.toleranceHistory(toleranceHistories),
              "tolerance-adaptation",
              "Training tolerance over training under tolerance adaptation (Ott et al. §3)"));
    }
    return files;
  }

  /**
   * Draws every plot the results allow.
   *
   * @param drawn seed-0 models by K_train whose ODE state is 2-D (empty for images)
   * @param xor the XOR section, whose Lady Windermere plots follow the trajectory plots, or null
   * @return the files written
   */
  List<Path> write(
      ResultsTable t,
      Map<Integer, OdeClassifierModel> drawn,
      Dataset test,
      List<AdaptationRun> adaptation,
      XorSection xor)
      throws IOException {
    List<Path> files = new ArrayList<>();
    for (int k : t.trainSteps()) {
      files.addAll(
          save(
              Charts.accuracyVsTestSteps(t, k, dataset),
              "accuracy-ktrain-" + k,
              "Accuracy against the number of test steps for the model trained with "
                  + k
                  + " Euler steps, per test solver (Fig. 1c/d, Fig. 4)"));
    }
    for (String solver : t.testSolvers()) {
      files.addAll(
          save(
              Charts.overview(t, solver, dataset),
              "overview-" + solver,
              "Every K_train tested with " + solver + " at every K_test (Fig. 4)"));
    }
    if (!drawn.isEmpty()) {
      files.addAll(phaseSpace(drawn, test));
    }
    if (xor != null) {
      files.addAll(xor.plots(this));
    }
    if (!adaptation.isEmpty()) {
      files.addAll(
          save(
              stepCounts(adaptation),
              "step-adaptation",
              "Number of Euler steps over training under step adaptation (Fig. 5)"));
    }
    return files;
  }

  private List<Path> phaseSpace(Map<Integer, OdeClassifierModel> drawn, Dataset test)
      throws IOException {
    List<Path> files = new ArrayList<>();
    int coarse = drawn.keySet().stream().min(Integer::compare).orElseThrow();
    int fine = drawn.keySet().stream().max(Integer::compare).orElseThrow();
    for (int k : coarse == fine ? List.of(coarse) : List.of(coarse, fine)) {
      OdeClassifierModel m = drawn.get(k);
      int fineSteps = Math.max(64, 4 * k);
      for (int s : List.of(k, fineSteps)) {
        files.addAll(
            save(
                PhaseSpace.trajectories(m, test, POINTS, s, k),
                "trajectories-ktrain-" + k + "-steps-" + s,
                "Trajectories of test points for the K_train = "
                    + k
                    + " model with "
                    + s
                    + " Euler steps"
                    + (s == k ? " (its training step)" : " (a fine step)")
                    + ", coloured by label (Fig. 1a/b)"));
      }
    }
    OdeClassifierModel m = drawn.get(coarse);
    for (int s : List.of(coarse, 2 * coarse)) {
      files.addAll(
          save(
              PhaseSpace.decisionRegions(m, test, 2 * POINTS, s, coarse),
              "regions-ktrain-" + coarse + "-steps-" + s,
              "ODE outputs and the head's decision regions of the K_train = "
                  + coarse
                  + " model at h_test = 1/"
                  + s
                  + " (Fig. 2)"));
    }
    return files;
  }

  private static XYChart stepCounts(List<AdaptationRun> runs) {
    XYChart c =
        Charts.chart(
            "Step adaptation (released variant): Euler steps per iteration",
            "iteration",
            "number of Euler steps");
    for (int j = 0; j < runs.size(); j++) {
      AdaptationRun r = runs.get(j);
      double[] xs = new double[r.stepCounts().size()];
      double[] ys = new double[xs.length];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = i + 1;
        ys[i] = r.stepCounts().get(i);
      }
      XYSeries s = c.addSeries("seed " + r.seed(), xs, ys);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(Charts.SOLVER_COLOURS[j % Charts.SOLVER_COLOURS.length]);
    }
    return c;
  }

  /** Saves {@code chart} as {@code name}.png and .svg and lists it for the report. */
  List<Path> save(XYChart chart, String name, String caption) throws IOException {
    List<Path> files = Charts.save(chart, dir, name);
    written.add(new Plot(name, caption));
    return files;
  }
}

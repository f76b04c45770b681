package org.node4j.lab.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.config.ToleranceAdaptationMode;
import org.node4j.lab.data.DatasetSplit;
import org.node4j.lab.grid.CellSpec;
import org.node4j.lab.models.OdeClassifierModel;
import org.node4j.lab.train.RunDirectory;
import org.node4j.lab.train.TrainableModel;
import org.node4j.lab.train.TrainingSummary;
import org.node4j.nn.io.ParameterStore;

/**
 * Reads what the report needs back from the finished run directories of a grid, and from nothing
 * else: whichever engine ran the cells, the same directories give the same report.
 */
final class GridResults {
  /** Builds and trains the models; rebuilt from the standard names in any JVM (executors too). */
  private static final org.node4j.lab.train.TrainingRun TRAINING =
      org.node4j.lab.models.StandardModels.training();

  private final List<CellSpec> cells;
  private final Path runs;

  /**
   * Reads the grid {@code cells} whose run directories are under {@code runs}.
   *
   * @param cells the grid, in its order (the order of the rows of {@code results.csv})
   * @param runs the directory of the run directories
   */
  GridResults(List<CellSpec> cells, Path runs) {
    this.cells = List.copyOf(cells);
    this.runs = runs;
  }

  /** Returns every Euler cell's rows, cell by cell in grid order. */
  ResultsTable table() throws IOException {
    List<ResultRow> rows = new ArrayList<>();
    for (CellSpec cell : cells) {
      if (CellConfig.of(cell).kind() == CellConfig.Kind.EULER_GRID) {
        Path f = runs.resolve(cell.id()).resolve(ResnetAfterAllCells.RESULTS);
        rows.addAll(ResultsTable.parse(Files.readString(f), f.toString()).rows());
      }
    }
    return new ResultsTable(rows);
  }

  /** Returns every Fig. 4 cell's rows, cell by cell in grid order. */
  FactorTable factors() throws IOException {
    List<FactorRow> rows = new ArrayList<>();
    for (CellSpec cell : cells) {
      if (CellConfig.of(cell).kind() == CellConfig.Kind.FACTOR_TEST) {
        Path f = runs.resolve(cell.id()).resolve(ResnetAfterAllCells.FACTORS);
        rows.addAll(FactorTable.parse(Files.readString(f), f.toString()).rows());
      }
    }
    return new FactorTable(rows);
  }

  /**
   * Returns the training tolerance at every iteration of each tolerance-adaptation run, keyed by
   * {@code solver, seed N}, in grid order.
   */
  Map<String, List<Double>> toleranceHistories() throws IOException {
    Map<String, List<Double>> out = new java.util.LinkedHashMap<>();
    for (CellSpec cell : cells) {
      CellConfig c = CellConfig.of(cell);
      ExperimentConfig e = c.experiment();
      if (c.kind() == CellConfig.Kind.FACTOR_TEST
          && e.toleranceAdaptation().mode() == ToleranceAdaptationMode.ON) {
        Path metrics = new RunDirectory(runs.resolve(cell.id())).metrics();
        out.put(
            e.integration().solver().name() + ", seed " + e.training().seed(),
            StepHistory.tolerances(metrics));
      }
    }
    return out;
  }

  /** Returns the step-adaptation runs, seed by seed. */
  List<AdaptationRun> adaptation() throws IOException {
    List<AdaptationRun> out = new ArrayList<>();
    for (CellSpec cell : cells) {
      if (CellConfig.of(cell).kind() == CellConfig.Kind.STEP_ADAPTATION) {
        RunDirectory dir = new RunDirectory(runs.resolve(cell.id()));
        TrainingSummary s = dir.readSummary();
        out.add(
            new AdaptationRun(
                dir.readConfig(TRAINING.configs()).training().seed(),
                s.iterations(),
                s.meanEvaluationsForward(),
                s.testAccuracy(),
                s.trainSteps(),
                StepHistory.read(dir.metrics())));
      }
    }
    return out;
  }

  /**
   * Returns the trained models of the lowest seed by K_train, rebuilt from their run directories,
   * when their ODE state can be drawn in the plane (empty otherwise).
   */
  Map<Integer, OdeClassifierModel> drawable(DatasetSplit data) throws IOException {
    Map<Integer, OdeClassifierModel> drawn = new TreeMap<>();
    if (!PhaseSpace.drawable(data.test())) {
      return drawn;
    }
    Long firstSeed = null;
    for (CellSpec cell : cells) {
      CellConfig c = CellConfig.of(cell);
      if (c.kind() != CellConfig.Kind.EULER_GRID) {
        continue;
      }
      ExperimentConfig e = c.experiment();
      long seed = e.training().seed();
      firstSeed = firstSeed == null ? seed : firstSeed;
      if (seed != firstSeed) {
        continue;
      }
      TrainableModel m = TRAINING.build(e, data);
      ParameterStore.load(new RunDirectory(runs.resolve(cell.id())).finalParams(), m.parameters());
      if (m instanceof OdeClassifierModel o) {
        drawn.put(e.integration().steps(), o);
      }
    }
    return drawn;
  }
}

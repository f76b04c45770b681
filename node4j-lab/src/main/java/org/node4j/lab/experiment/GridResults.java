package org.node4j.lab.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.data.DatasetSplit;
import org.node4j.lab.grid.CellSpec;
import org.node4j.lab.models.OdeClassifierModel;
import org.node4j.lab.train.RunDirectory;
import org.node4j.lab.train.TrainableModel;
import org.node4j.lab.train.TrainingRun;
import org.node4j.lab.train.TrainingSummary;
import org.node4j.nn.io.ParameterStore;

/**
 * Reads what the report needs back from the finished run directories of a grid, and from nothing
 * else: whichever engine ran the cells, the same directories give the same report.
 */
final class GridResults {
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

  /** Returns the step-adaptation runs, seed by seed. */
  List<AdaptationRun> adaptation() throws IOException {
    List<AdaptationRun> out = new ArrayList<>();
    for (CellSpec cell : cells) {
      if (CellConfig.of(cell).kind() == CellConfig.Kind.STEP_ADAPTATION) {
        RunDirectory dir = new RunDirectory(runs.resolve(cell.id()));
        TrainingSummary s = dir.readSummary();
        out.add(
            new AdaptationRun(
                dir.readConfig().training().seed(),
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
      TrainableModel m = TrainingRun.build(e, data);
      ParameterStore.load(new RunDirectory(runs.resolve(cell.id())).finalParams(), m.parameters());
      if (m instanceof OdeClassifierModel o) {
        drawn.put(e.integration().steps(), o);
      }
    }
    return drawn;
  }
}

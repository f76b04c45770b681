package org.node4j.lab.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.node4j.lab.config.DataConfig;
import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.data.DatasetSplit;
import org.node4j.lab.grid.CellRunner;
import org.node4j.lab.grid.CellSpec;
import org.node4j.lab.train.Evaluator;
import org.node4j.lab.train.Integration;
import org.node4j.lab.train.RunDirectory;
import org.node4j.lab.train.TrainableModel;
import org.node4j.lab.train.Trainer;
import org.node4j.lab.train.TrainingRun;
import org.node4j.lab.train.TrainingSummary;
import org.node4j.nn.io.AtomicFiles;
import org.node4j.nn.kernel.Parallel;
import org.node4j.ode.solver.Solvers;

/**
 * The grid of the experiment and the runner of its cells. One cell per seed and K_train trains with
 * Euler and tests the model at every test solver and K_test, writing its rows of {@code
 * results.csv} into its run directory ({@link #RESULTS}); one cell per seed trains with step
 * adaptation. A cell resumes from its checkpoints ({@link Trainer}), so a killed grid continues
 * where it stopped, with the same numbers.
 */
final class ResnetAfterAllCells implements CellRunner {
  /** The experiment's name in its cells. */
  static final String EXPERIMENT = "resnet-after-all";

  /** The file of a grid cell's rows of {@code results.csv}, in its run directory. */
  static final String RESULTS = "results.csv";

  private final int threadsPerCell;
  private final Consumer<String> log;
  private final Map<DataConfig, DatasetSplit> data = new HashMap<>();

  /**
   * Creates the runner.
   *
   * @param threadsPerCell the tensor engine's threads in each cell (0: the global setting)
   * @param log receives one line per finished cell
   */
  ResnetAfterAllCells(int threadsPerCell, Consumer<String> log) {
    this.threadsPerCell = threadsPerCell;
    this.log = log;
  }

  /** Returns the grid of {@code s}: Euler cells seed by seed, then the adaptation cells. */
  static List<CellSpec> cells(ResnetAfterAllSettings s) {
    List<CellSpec> cells = new ArrayList<>();
    for (long seed : s.seeds()) {
      for (int k : s.trainSteps()) {
        ExperimentConfig c = ExperimentConfigs.euler(s, k, seed);
        cells.add(
            CellConfig.eulerGrid(c, s.testSolvers(), s.testSteps())
                .spec(EXPERIMENT, eulerId(k, seed)));
      }
    }
    for (long seed : s.seeds()) {
      if (s.adaptationIterations() > 0) {
        cells.add(
            CellConfig.stepAdaptation(ExperimentConfigs.adaptation(s, seed))
                .spec(EXPERIMENT, adaptationId(seed)));
      }
    }
    return cells;
  }

  /**
   * Returns {@code cells} with the costliest first (iterations x steps; about 100 steps for step
   * adaptation), so that several at a time finish together rather than the longest last alone. Only
   * the running order changes; results are read back in grid order.
   */
  static List<CellSpec> costliestFirst(List<CellSpec> cells) {
    List<CellSpec> sorted = new ArrayList<>(cells);
    sorted.sort(java.util.Comparator.comparingDouble(ResnetAfterAllCells::cost).reversed());
    return sorted;
  }

  private static double cost(CellSpec cell) {
    ExperimentConfig c = CellConfig.of(cell).experiment();
    Integer steps = c.integration().steps();
    return (double) c.training().iterations() * (steps != null ? steps : 100);
  }

  /** The id (and run directory name) of the Euler cell of K_train {@code k} and {@code seed}. */
  static String eulerId(int k, long seed) {
    return "euler-" + k + "-seed-" + seed;
  }

  /** The id of the step-adaptation cell of {@code seed}. */
  static String adaptationId(long seed) {
    return "adaptive-seed-" + seed;
  }

  /** Loads (once per configuration) the data a cell trains on. */
  synchronized DatasetSplit data(DataConfig c) throws IOException {
    DatasetSplit d = data.get(c);
    if (d == null) {
      d = ExperimentDataCheck.load(c);
      data.put(c, d);
    }
    return d;
  }

  @Override
  public void run(CellSpec cell, Path runDir) throws Exception {
    CellConfig c = CellConfig.of(cell);
    if (threadsPerCell > 0) {
      Parallel.withThreads(threadsPerCell, () -> runCell(c, runDir));
    } else {
      runCell(c, runDir);
    }
  }

  private Void runCell(CellConfig cell, Path runDir) throws IOException {
    long t = System.nanoTime();
    ExperimentConfig c = cell.experiment();
    DatasetSplit d = data(c.data());
    TrainableModel m = TrainingRun.build(c, d);
    TrainingSummary s = new Trainer(c, m, d, new RunDirectory(runDir), List.of()).run();
    long seed = c.training().seed();
    double seconds;
    switch (cell.kind()) {
      case EULER_GRID -> {
        int k = c.integration().steps();
        double worst = test(cell, c, m, d, s, runDir);
        seconds = (System.nanoTime() - t) * 1e-9;
        log.accept(
            String.format(
                Locale.ROOT,
                "  K_train %4d, seed %d: accuracy %.3f with its training solver, lowest %.3f with"
                    + " finer test solvers (%.0f s)",
                k,
                seed,
                s.testAccuracy(),
                worst,
                seconds));
      }
      case STEP_ADAPTATION -> {
        seconds = (System.nanoTime() - t) * 1e-9;
        log.accept(
            String.format(
                Locale.ROOT,
                "  step adaptation, seed %d: %.1f NFE per iteration, accuracy %.3f, %d steps at the"
                    + " end (%.0f s)",
                seed,
                s.meanEvaluationsForward(),
                s.testAccuracy(),
                s.trainSteps(),
                seconds));
      }
      default -> throw new IllegalStateException("unknown cell kind " + cell.kind());
    }
    return null;
  }

  /** Tests the trained model, writes the cell's rows; returns the worst finer-solver accuracy. */
  private static double test(
      CellConfig cell,
      ExperimentConfig c,
      TrainableModel m,
      DatasetSplit d,
      TrainingSummary s,
      Path runDir)
      throws IOException {
    int k = c.integration().steps();
    long seed = c.training().seed();
    Evaluator evaluator = new Evaluator(m, d.test(), c.training().evalBatchSize());
    List<ResultRow> rows = new ArrayList<>();
    double worst = 1;
    for (String solver : cell.testSolvers()) {
      for (int kt : cell.testSteps()) {
        Evaluator.Result r = evaluator.evaluate(m, Integration.steps(Solvers.byName(solver), kt));
        rows.add(
            new ResultRow(
                seed,
                k,
                s.testAccuracy(),
                solver,
                kt,
                r.accuracy(),
                r.correct(),
                r.count(),
                r.meanEvaluations()));
        worst = kt >= k ? Math.min(worst, r.accuracy()) : worst;
      }
    }
    AtomicFiles.writeString(runDir.resolve(RESULTS), new ResultsTable(rows).csv());
    return worst;
  }
}

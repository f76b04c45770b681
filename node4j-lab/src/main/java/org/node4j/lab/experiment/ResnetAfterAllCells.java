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
import org.node4j.lab.config.ToleranceAdaptationMode;
import org.node4j.lab.data.DatasetSplit;
import org.node4j.lab.grid.CellRunner;
import org.node4j.lab.grid.CellSpec;
import org.node4j.lab.train.Evaluator;
import org.node4j.lab.train.Integration;
import org.node4j.lab.train.RunDirectory;
import org.node4j.lab.train.TestGrid;
import org.node4j.lab.train.TrainableModel;
import org.node4j.lab.train.Trainer;
import org.node4j.lab.train.TrainingSummary;
import org.node4j.nn.io.AtomicFiles;
import org.node4j.nn.kernel.Parallel;
import org.node4j.ode.solver.RungeKutta;
import org.node4j.ode.solver.Solver;
import org.node4j.ode.solver.Solvers;

/**
 * The grid of the experiment and the runner of its cells. One cell per seed and K_train trains with
 * Euler and tests the model at every test solver and K_test, writing its rows of {@code
 * results.csv} into its run directory ({@link #RESULTS}); one cell per seed trains with step
 * adaptation; the Fig. 4 cells train with rk4-38 or an adaptive solver and write their rows of
 * {@code fig4.csv} ({@link #FACTORS}). A cell resumes from its checkpoints ({@link Trainer}), so a
 * killed grid continues where it stopped, with the same numbers.
 */
final class ResnetAfterAllCells implements CellRunner {
  /** Builds and trains the models; rebuilt from the standard names in any JVM (executors too). */
  private static final org.node4j.lab.train.TrainingRun TRAINING =
      org.node4j.lab.models.StandardModels.training();

  /** The experiment's name in its cells. */
  static final String EXPERIMENT = "resnet-after-all";

  /** The file of a grid cell's rows of {@code results.csv}, in its run directory. */
  static final String RESULTS = "results.csv";

  /** The file of a Fig. 4 cell's rows of {@code fig4.csv}, in its run directory. */
  static final String FACTORS = "factors.csv";

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

  /**
   * Returns the grid of {@code s}: Euler cells seed by seed, then the step-adaptation cells, then
   * the Fig. 4 cells ({@link #fig4Cells}).
   */
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
    cells.addAll(fig4Cells(s));
    return cells;
  }

  /**
   * Returns the Fig. 4 cells of {@code s}, seed by seed: rk4-38 at each K_train, each adaptive
   * solver at each tolerance and under tolerance adaptation. Each tests with {@link
   * TestGrid#defaultSolvers} at the default factors, as {@code node4j evaluate} does.
   */
  static List<CellSpec> fig4Cells(ResnetAfterAllSettings s) {
    Fig4Settings f = s.fig4();
    List<CellSpec> cells = new ArrayList<>();
    if (!f.enabled()) {
      return cells;
    }
    Solver rk4 = Solvers.rk4ThreeEighths();
    for (long seed : s.seeds()) {
      for (int k : f.rk4TrainSteps()) {
        ExperimentConfig c = ExperimentConfigs.fixed(s, rk4, k, f.iterations(), seed);
        cells.add(factorCell(c, rk4, TestGrid.STEP_FACTORS, rk4.name() + "-" + k, seed));
      }
      for (Solver solver : f.adaptive()) {
        for (double tol : f.tolerances()) {
          ExperimentConfig c = ExperimentConfigs.tolerance(s, solver, tol, seed);
          String id = solver.name() + "-tol-" + FactorRow.tol(tol);
          cells.add(factorCell(c, solver, TestGrid.TOLERANCE_FACTORS, id, seed));
        }
        if (f.toleranceAdaptation()) {
          ExperimentConfig c = ExperimentConfigs.toleranceAdaptation(s, solver, seed);
          String id = solver.name() + "-tol-adaptation";
          cells.add(factorCell(c, solver, TestGrid.TOLERANCE_FACTORS, id, seed));
        }
      }
    }
    return cells;
  }

  private static CellSpec factorCell(
      ExperimentConfig c, Solver trained, List<Double> factors, String id, long seed) {
    List<String> tests = TestGrid.defaultSolvers(trained).stream().map(Solver::name).toList();
    return CellConfig.factorTest(c, tests, factors).spec(EXPERIMENT, id + "-seed-" + seed);
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

  /**
   * Iterations x evaluations per forward pass: steps x stages for fixed steps; stages x
   * tol^(-1/(order+1)) steps for an adaptive solver (x 1.5 for the test solves of tolerance
   * adaptation); 100 for step adaptation.
   */
  private static double cost(CellSpec cell) {
    ExperimentConfig c = CellConfig.of(cell).experiment();
    Solver solver = c.integration().solver();
    int stages = solver instanceof RungeKutta rk ? rk.tableau().stages() : 1;
    double perIteration;
    if (c.integration().steps() != null) {
      perIteration = c.integration().steps() * stages;
    } else if (!solver.adaptive()) {
      perIteration = 100;
    } else {
      boolean adapted = c.toleranceAdaptation().mode() == ToleranceAdaptationMode.ON;
      double tol = adapted ? c.toleranceAdaptation().initialTol() : c.integration().tolerance();
      perIteration =
          stages * Math.max(1, Math.pow(tol, -1.0 / (solver.order() + 1))) * (adapted ? 1.5 : 1);
    }
    return c.training().iterations() * perIteration;
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
    TrainableModel m = TRAINING.build(c, d);
    TrainingSummary s = TRAINING.trainer(c, m, d, new RunDirectory(runDir), List.of()).run();
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
      case FACTOR_TEST -> {
        FactorRow first = testFactors(cell, c, m, d, s, runDir).get(0);
        seconds = (System.nanoTime() - t) * 1e-9;
        log.accept(
            String.format(
                Locale.ROOT,
                "  %s, seed %d: accuracy %.3f with its training solver, %.1f NFE per iteration"
                    + " (%.0f s)",
                first.training(),
                seed,
                s.testAccuracy(),
                s.meanEvaluationsForward(),
                seconds));
      }
      default -> throw new IllegalStateException("unknown cell kind " + cell.kind());
    }
    return null;
  }

  /** Tests the trained model at every solver and factor of the cell, writes its rows. */
  private static List<FactorRow> testFactors(
      CellConfig cell,
      ExperimentConfig c,
      TrainableModel m,
      DatasetSplit d,
      TrainingSummary s,
      Path runDir)
      throws IOException {
    List<Solver> solvers = cell.testSolvers().stream().<Solver>map(Solvers::byName).toList();
    Evaluator evaluator = new Evaluator(m, d.test(), c.training().evalBatchSize());
    boolean adapted = c.toleranceAdaptation().mode() == ToleranceAdaptationMode.ON;
    List<FactorRow> rows = new ArrayList<>();
    for (TestGrid.TestCase tc : TestGrid.cases(s, c.integration(), solvers, cell.factors())) {
      Evaluator.Result r = evaluator.evaluate(m, tc.integration());
      rows.add(
          new FactorRow(
              c.training().seed(),
              s.trainSolver(),
              s.trainSteps(),
              s.trainTolerance(),
              adapted,
              s.testAccuracy(),
              s.meanEvaluationsForward(),
              tc.solver(),
              tc.factor(),
              tc.steps(),
              tc.tolerance(),
              r.accuracy(),
              r.correct(),
              r.count(),
              r.meanEvaluations()));
    }
    AtomicFiles.writeString(runDir.resolve(FACTORS), new FactorTable(rows).csv());
    return rows;
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

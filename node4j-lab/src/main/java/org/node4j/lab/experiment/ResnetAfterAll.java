package org.node4j.lab.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.data.DatasetSplit;
import org.node4j.lab.models.OdeClassifierModel;
import org.node4j.lab.train.Evaluator;
import org.node4j.lab.train.Integration;
import org.node4j.lab.train.RunDirectory;
import org.node4j.lab.train.TrainableModel;
import org.node4j.lab.train.TrainingRun;
import org.node4j.lab.train.TrainingSummary;
import org.node4j.nn.io.AtomicFiles;

/**
 * Ott et al.'s "ResNet after all?" protocol (ICLR 2021; seeds-spec §1.8): (a) train the model with
 * Euler at each K_train for each seed, (b) test each with every test solver at every K_test, (c)
 * train with the released step-size adaptation; then write {@code results.csv}, the plots and the
 * report into the output directory:
 *
 * <pre>
 *   OUT/results.csv              one row per seed x K_train x test solver x K_test
 *   OUT/adaptation.csv           one row per step-adaptation run
 *   OUT/plots/*.png, *.svg       accuracy vs K_test, trajectories, decision regions, step counts
 *   OUT/report.md, report.html   the critical step range and Table 1, next to the paper's numbers
 *   OUT/runs/...                 every training run (config, metrics, final parameters)
 * </pre>
 *
 * A run directory that already holds the finished run is reused, so an interrupted experiment
 * continues where it stopped. Every file is written atomically.
 */
public final class ResnetAfterAll {
  private final ResnetAfterAllSettings settings;
  private final Path out;
  private final TrainingRun training;
  private final Consumer<String> log;

  /**
   * Prepares the experiment.
   *
   * @param settings how much to run
   * @param out the output directory
   * @param training builds the models and trains them
   * @param log receives one line per finished step (progress)
   */
  public ResnetAfterAll(
      ResnetAfterAllSettings settings, Path out, TrainingRun training, Consumer<String> log) {
    this.settings = settings;
    this.out = out;
    this.training = training;
    this.log = log;
  }

  /**
   * The outcome of a run.
   *
   * @param results every test accuracy
   * @param critical the critical step range found
   * @param adaptation the step-adaptation runs
   * @param files every file written (CSV, plots, reports)
   * @param wallSeconds the time taken
   */
  public record Outcome(
      ResultsTable results,
      CriticalRange critical,
      List<AdaptationRun> adaptation,
      List<Path> files,
      double wallSeconds) {}

  /** Runs the whole protocol and writes every output file. */
  public Outcome run() throws IOException {
    long start = System.nanoTime();
    ExperimentConfig first = ExperimentConfigs.euler(settings, settings.trainSteps().get(0), 0);
    DatasetSplit data = ExperimentDataCheck.load(first.data());
    log.accept(
        String.format(
            Locale.ROOT,
            "resnet-after-all (%s) on %s: %d train / %d test samples",
            settings.mode(),
            settings.dataset().id(),
            data.train().size(),
            data.test().size()));
    List<ResultRow> rows = new ArrayList<>();
    Map<Integer, OdeClassifierModel> drawn = new TreeMap<>();
    for (long seed = 0; seed < settings.seeds(); seed++) {
      for (int k : settings.trainSteps()) {
        TrainableModel m = trainGrid(data, k, seed, rows);
        if (seed == 0 && PhaseSpace.drawable(data.test()) && m instanceof OdeClassifierModel o) {
          drawn.put(k, o);
        }
      }
    }
    List<AdaptationRun> adaptation = new ArrayList<>();
    for (long seed = 0; settings.adaptationIterations() > 0 && seed < settings.seeds(); seed++) {
      adaptation.add(trainAdaptive(data, seed));
    }
    ResultsTable table = new ResultsTable(rows);
    CriticalRange critical =
        CriticalRange.of(table, data.numClasses(), CriticalRange.DEFAULT_TOLERANCE);
    List<Path> files = new ArrayList<>();
    Path csv = out.resolve("results.csv");
    AtomicFiles.writeString(csv, table.csv());
    files.add(csv);
    Path adaptationCsv = out.resolve("adaptation.csv");
    AtomicFiles.writeString(adaptationCsv, ReportWriter.adaptationCsv(adaptation));
    files.add(adaptationCsv);
    ExperimentPlots plots = new ExperimentPlots(out.resolve("plots"), settings.dataset().id());
    files.addAll(plots.write(table, drawn, data.test(), adaptation));
    double seconds = (System.nanoTime() - start) * 1e-9;
    ReportWriter report =
        new ReportWriter(settings, data, table, critical, adaptation, plots.written(), seconds);
    files.addAll(report.write(out));
    log.accept(String.format(Locale.ROOT, "done in %.0f s: %s", seconds, critical.describe()));
    return new Outcome(table, critical, adaptation, files, seconds);
  }

  private TrainableModel trainGrid(DatasetSplit data, int k, long seed, List<ResultRow> rows)
      throws IOException {
    long t = System.nanoTime();
    ExperimentConfig c = ExperimentConfigs.euler(settings, k, seed);
    TrainableModel m = training.build(c, data);
    RunDirectory dir =
        new RunDirectory(out.resolve("runs").resolve("euler-" + k + "-seed-" + seed));
    TrainingSummary summary = training.trainer(c, m, data, dir, List.of()).run();
    Evaluator evaluator = new Evaluator(m, data.test(), c.training().evalBatchSize());
    double worst = 1;
    for (String solver : settings.testSolvers()) {
      for (int kt : settings.testSteps()) {
        Evaluator.Result r =
            evaluator.evaluate(
                m, Integration.steps(training.configs().catalogue().solvers().get(solver), kt));
        rows.add(
            new ResultRow(
                seed,
                k,
                summary.testAccuracy(),
                solver,
                kt,
                r.accuracy(),
                r.correct(),
                r.count(),
                r.meanEvaluations()));
        worst = kt >= k ? Math.min(worst, r.accuracy()) : worst;
      }
    }
    log.accept(
        String.format(
            Locale.ROOT,
            "  K_train %4d, seed %d: accuracy %.3f with its training solver, lowest %.3f with finer"
                + " test solvers (%.0f s)",
            k,
            seed,
            summary.testAccuracy(),
            worst,
            (System.nanoTime() - t) * 1e-9));
    return m;
  }

  private AdaptationRun trainAdaptive(DatasetSplit data, long seed) throws IOException {
    long t = System.nanoTime();
    ExperimentConfig c = ExperimentConfigs.adaptation(settings, seed);
    TrainableModel m = training.build(c, data);
    RunDirectory dir = new RunDirectory(out.resolve("runs").resolve("adaptive-seed-" + seed));
    TrainingSummary s = training.trainer(c, m, data, dir, List.of()).run();
    List<Integer> steps = StepHistory.read(dir.metrics());
    log.accept(
        String.format(
            Locale.ROOT,
            "  step adaptation, seed %d: %.1f NFE per iteration, accuracy %.3f, %d steps at the end"
                + " (%.0f s)",
            seed,
            s.meanEvaluationsForward(),
            s.testAccuracy(),
            s.trainSteps(),
            (System.nanoTime() - t) * 1e-9));
    return new AdaptationRun(
        seed, s.iterations(), s.meanEvaluationsForward(), s.testAccuracy(), s.trainSteps(), steps);
  }
}

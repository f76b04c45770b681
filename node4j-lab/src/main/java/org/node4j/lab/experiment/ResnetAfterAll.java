package org.node4j.lab.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.node4j.lab.config.DatasetName;
import org.node4j.lab.data.DatasetSplit;
import org.node4j.lab.grid.CellSpec;
import org.node4j.lab.grid.GridEngine;
import org.node4j.lab.grid.GridProgress;
import org.node4j.lab.grid.LocalEngine;
import org.node4j.lab.models.OdeClassifierModel;
import org.node4j.nn.io.AtomicFiles;

/**
 * Ott et al.'s "ResNet after all?" protocol (ICLR 2021, §2.4 and §3): (a) train the model with
 * Euler at each K_train for each seed, (b) test each with every test solver at every K_test, (c)
 * train with the released step-size adaptation, (d) for Fig. 4, train with rk4-38 at fixed steps
 * and with fehlberg2 and dopri5 at fixed tolerances and under tolerance adaptation, and test each
 * at the step or tolerance factors ({@link Fig4Settings}); then write {@code results.csv}, the
 * plots and the report into the output directory:
 *
 * <pre>
 *   OUT/results.csv              one row per seed x K_train x test solver x K_test
 *   OUT/adaptation.csv           one row per step-adaptation run
 *   OUT/fig4.csv                 one row per seed x Fig. 4 training x test solver x factor
 *   OUT/plots/*.png, *.svg       accuracy vs K_test, trajectories, decision regions, step counts
 *   OUT/report.md, report.html   the critical step range and Table 1, next to the paper's numbers
 *   OUT/runs/...                 every training run (config, metrics, final parameters)
 * </pre>
 *
 * Each training run is a cell of a {@link org.node4j.lab.grid grid} with its own run directory
 * (checkpoints included), and the CSV files, plots and reports are built from the run directories
 * alone. A finished cell is reused and an unfinished one resumes from its newest checkpoint, so an
 * experiment killed at any moment and started again ends with the same results as one that ran
 * through. Every file is written atomically.
 */
public final class ResnetAfterAll {
  private final ResnetAfterAllSettings settings;
  private final Path out;
  private final GridEngine engine;
  private final int threadsPerCell;
  private final Consumer<String> log;

  /**
   * Prepares the experiment, running one cell at a time.
   *
   * @param settings how much to run
   * @param out the output directory
   * @param log receives one line per finished step (progress)
   */
  public ResnetAfterAll(ResnetAfterAllSettings settings, Path out, Consumer<String> log) {
    this(settings, out, 1, log);
  }

  /**
   * Prepares the experiment.
   *
   * @param settings how much to run
   * @param out the output directory
   * @param jobs how many cells run at once; with more than one, each runs the tensor engine on one
   *     thread (the results do not depend on it)
   * @param log receives one line per finished step (progress)
   */
  public ResnetAfterAll(ResnetAfterAllSettings settings, Path out, int jobs, Consumer<String> log) {
    this(settings, out, new LocalEngine(jobs), jobs > 1 ? 1 : 0, log);
  }

  /**
   * Prepares the experiment on any engine.
   *
   * @param settings how much to run
   * @param out the output directory (reachable from wherever the engine runs the cells)
   * @param engine runs the grid's cells
   * @param threadsPerCell the tensor engine's threads in each cell (0: the global setting; 1 when
   *     several cells run at once)
   * @param log receives one line per finished step (progress)
   */
  public ResnetAfterAll(
      ResnetAfterAllSettings settings,
      Path out,
      GridEngine engine,
      int threadsPerCell,
      Consumer<String> log) {
    this.settings = settings;
    this.out = out;
    this.engine = engine;
    this.threadsPerCell = threadsPerCell;
    this.log = log;
  }

  /**
   * The outcome of a run.
   *
   * @param results every test accuracy
   * @param critical the critical step range found
   * @param adaptation the step-adaptation runs
   * @param fig4 every Fig. 4 test accuracy (no rows when that part is off)
   * @param files every file written (CSV, plots, reports)
   * @param wallSeconds the time taken
   */
  public record Outcome(
      ResultsTable results,
      CriticalRange critical,
      List<AdaptationRun> adaptation,
      FactorTable fig4,
      List<Path> files,
      double wallSeconds) {}

  /** Runs (or finishes) every cell of the grid, then writes every output file from their runs. */
  public Outcome run() throws IOException {
    long start = System.nanoTime();
    List<CellSpec> cells = ResnetAfterAllCells.cells(settings);
    ResnetAfterAllCells runner = new ResnetAfterAllCells(threadsPerCell, log);
    DatasetSplit data = runner.data(CellConfig.of(cells.get(0)).experiment().data());
    log.accept(
        String.format(
            Locale.ROOT,
            "resnet-after-all (%s) on %s: %d train / %d test samples, %d runs, %s",
            settings.mode(),
            settings.dataset().id(),
            data.train().size(),
            data.test().size(),
            cells.size(),
            threadsPerCell == 1 ? "each on one thread" : "one at a time"));
    Path runs = out.resolve("runs");
    List<GridEngine.CellFailure> failed =
        engine.run(ResnetAfterAllCells.costliestFirst(cells), runs, runner, progress());
    if (!failed.isEmpty()) {
      StringBuilder sb = new StringBuilder(failed.size() + " run(s) failed:");
      failed.forEach(f -> sb.append("\n  ").append(f.cell().id()).append(": ").append(f.message()));
      throw new IOException(sb.toString());
    }
    return report(cells, runs, data, start);
  }

  private Outcome report(List<CellSpec> cells, Path runs, DatasetSplit data, long start)
      throws IOException {
    GridResults grid = new GridResults(cells, runs);
    ResultsTable table = grid.table();
    List<AdaptationRun> adaptation = grid.adaptation();
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
    Map<Integer, OdeClassifierModel> drawn = grid.drawable(data);
    int finest = table.testSteps().get(table.testSteps().size() - 1);
    XorSection xor =
        settings.dataset() == DatasetName.XOR ? new XorSection(drawn, data.test(), finest) : null;
    files.addAll(plots.write(table, drawn, data.test(), adaptation, xor));
    FactorTable fig4 = grid.factors();
    if (!fig4.rows().isEmpty()) {
      Path fig4Csv = out.resolve("fig4.csv");
      AtomicFiles.writeString(fig4Csv, fig4.csv());
      files.add(fig4Csv);
      files.addAll(plots.writeFig4(fig4, grid.toleranceHistories()));
    }
    List<ReportSection> sections = new ArrayList<>();
    sections.add(new Fig4Section(settings, fig4, data.numClasses()));
    sections.add(new CrossingSection(drawn, data.test(), table.testSolvers(), finest));
    if (xor != null) {
      sections.add(xor);
    }
    double seconds = (System.nanoTime() - start) * 1e-9;
    ReportWriter report =
        new ReportWriter(
            settings, data, table, critical, adaptation, sections, plots.written(), seconds);
    files.addAll(report.write(out));
    log.accept(String.format(Locale.ROOT, "done in %.0f s: %s", seconds, critical.describe()));
    return new Outcome(table, critical, adaptation, fig4, files, seconds);
  }

  private GridProgress progress() {
    return new GridProgress() {
      @Override
      public void skipped(CellSpec cell) {
        log.accept("  " + cell.id() + ": finished earlier, reused");
      }

      @Override
      public void failed(CellSpec cell, String message) {
        log.accept("  " + cell.id() + ": FAILED: " + message);
      }
    };
  }
}

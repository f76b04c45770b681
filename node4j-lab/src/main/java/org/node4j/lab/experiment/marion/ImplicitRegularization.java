package org.node4j.lab.experiment.marion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.node4j.lab.grid.CellSpec;
import org.node4j.lab.grid.GridEngine;
import org.node4j.lab.grid.GridProgress;

/**
 * Runs the experiment: every cell of {@link MarionGrid} into {@code out/runs/<cell>/} (cells
 * already done are skipped, interrupted ones resume from their checkpoints), then builds the report
 * from those directories alone.
 */
public final class ImplicitRegularization {
  private final MarionSettings settings;
  private final Path out;
  private final GridEngine engine;
  private final Consumer<String> log;

  /**
   * Creates the experiment.
   *
   * @param settings sizes and seed
   * @param out the output directory
   * @param engine runs the cells (e.g. {@code new LocalEngine(2)}: two at a time on this JVM)
   * @param log receives progress lines
   */
  public ImplicitRegularization(
      MarionSettings settings, Path out, GridEngine engine, Consumer<String> log) {
    this.settings = settings;
    this.out = out;
    this.engine = engine;
    this.log = log;
  }

  /** What a finished run reports. */
  public record Outcome(MarionReport.Headline headline, int failedCells, double wallSeconds) {}

  /**
   * Runs the missing cells and writes the report.
   *
   * @throws IOException if a file cannot be written
   */
  public Outcome run() throws IOException {
    long start = System.nanoTime();
    List<CellSpec> cells = MarionGrid.cells(settings).stream().map(MarionCellRunner::spec).toList();
    log.accept(
        String.format(
            Locale.ROOT,
            "implicit-regularization (%s): %d cells into %s",
            settings.mode(),
            cells.size(),
            out.resolve("runs")));
    List<GridEngine.CellFailure> failures =
        engine.run(cells, out.resolve("runs"), new MarionCellRunner(), progress());
    for (GridEngine.CellFailure f : failures) {
      log.accept("cell " + f.cell().id() + " failed: " + f.message());
    }
    MarionReport.Headline h = new MarionReport(settings, out).write();
    return new Outcome(h, failures.size(), (System.nanoTime() - start) * 1e-9);
  }

  private GridProgress progress() {
    return new GridProgress() {
      @Override
      public void skipped(CellSpec cell) {
        log.accept("  " + cell.id() + ": done earlier, skipped");
      }

      @Override
      public void done(CellSpec cell, double seconds) {
        log.accept(String.format(Locale.ROOT, "  %s: %.1f s", cell.id(), seconds));
      }

      @Override
      public void failed(CellSpec cell, String message) {
        log.accept("  " + cell.id() + ": FAILED " + message);
      }
    };
  }
}

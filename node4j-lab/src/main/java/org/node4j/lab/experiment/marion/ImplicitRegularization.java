package org.node4j.lab.experiment.marion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.node4j.lab.experiment.ImageData;
import org.node4j.lab.grid.CellRunner;
import org.node4j.lab.grid.CellRunners;
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
  private final int threadsPerCell;
  private final Consumer<String> log;

  /**
   * Creates the experiment, each cell using the tensor engine's global thread count.
   *
   * @param settings sizes and seed
   * @param out the output directory
   * @param engine runs the cells (e.g. {@code new LocalEngine(2)}: two at a time on this JVM)
   * @param log receives progress lines
   */
  public ImplicitRegularization(
      MarionSettings settings, Path out, GridEngine engine, Consumer<String> log) {
    this(settings, out, engine, 0, log);
  }

  /**
   * Creates the experiment.
   *
   * @param settings sizes and seed
   * @param out the output directory
   * @param engine runs the cells (e.g. {@code new LocalEngine(2)}: two at a time on this JVM)
   * @param threadsPerCell the tensor engine's threads in each cell (0: the global setting; 1 when
   *     the local engine runs one cell per core; see {@link CellRunners#perCell})
   * @param log receives progress lines
   */
  public ImplicitRegularization(
      MarionSettings settings,
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

  /** What a finished run reports. */
  public record Outcome(MarionReport.Headline headline, int failedCells, double wallSeconds) {}

  /**
   * Runs the missing cells and writes the report.
   *
   * @throws IOException if a file cannot be written
   */
  public Outcome run() throws IOException {
    long start = System.nanoTime();
    boolean images = settings.images().enabled() && ImageData.available();
    if (settings.images().enabled() && !images) {
      log.accept(ImageSection.missingData() + "; the other parts run without it");
    }
    List<CellSpec> cells =
        MarionGrid.cells(settings).stream()
            .filter(c -> images || !(c instanceof ImageCell))
            .map(MarionCellRunner::spec)
            .toList();
    log.accept(
        String.format(
            Locale.ROOT,
            "implicit-regularization (%s): %d cells into %s%s",
            settings.mode(),
            cells.size(),
            out.resolve("runs"),
            threadsPerCell == 1 ? ", each on one thread" : ""));
    CellRunner marion = new MarionCellRunner();
    Map<String, Double> cpu = new ConcurrentHashMap<>();
    CellRunner timed = CellRunners.cpuTimed(marion, cpu::put);
    CellRunner runner = CellRunners.perCell(threadsPerCell, timed);
    List<GridEngine.CellFailure> failures =
        engine.run(cells, out.resolve("runs"), runner, progress(cpu));
    for (GridEngine.CellFailure f : failures) {
      log.accept("cell " + f.cell().id() + " failed: " + f.message());
    }
    MarionReport.Headline h = new MarionReport(settings, out).write();
    return new Outcome(h, failures.size(), (System.nanoTime() - start) * 1e-9);
  }

  /**
   * Each cell's line gives its wall time and the CPU time of the thread that ran it (all of its CPU
   * time when it runs on one thread), which stays meaningful on a busy machine.
   */
  private GridProgress progress(Map<String, Double> cpu) {
    return new GridProgress() {
      @Override
      public void skipped(CellSpec cell) {
        log.accept("  " + cell.id() + ": done earlier, skipped");
      }

      @Override
      public void done(CellSpec cell, double seconds) {
        Double c = cpu.get(cell.id());
        log.accept(
            c == null
                ? String.format(Locale.ROOT, "  %s: %.1f s", cell.id(), seconds)
                : String.format(
                    Locale.ROOT, "  %s: %.1f s (%.1f s CPU on its thread)", cell.id(), seconds, c));
      }

      @Override
      public void failed(CellSpec cell, String message) {
        log.accept("  " + cell.id() + ": FAILED " + message);
      }
    };
  }
}

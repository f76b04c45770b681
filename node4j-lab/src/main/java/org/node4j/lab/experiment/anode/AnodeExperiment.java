package org.node4j.lab.experiment.anode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.node4j.lab.data.Datasets;
import org.node4j.lab.data.RealDataset;
import org.node4j.lab.grid.CellSpec;
import org.node4j.lab.grid.GridEngine;
import org.node4j.lab.grid.GridLog;
import org.node4j.lab.grid.GridProgress;
import org.node4j.lab.grid.LocalEngine;

/**
 * {@code node4j experiment anode}: ANODE's gradient-consistency and memory claims (Gholami, Keutzer
 * and Biros, IJCAI 2019, §3) measured as two grids of cells under {@code OUT/runs}, then
 * results.csv, plots and the report built from those run directories alone ({@link AnodeReport}).
 * Done cells are skipped, so a killed run continues where it stopped.
 */
public final class AnodeExperiment {
  private final AnodeSettings settings;
  private final Path out;
  private final GridEngine engine;
  private final Consumer<String> log;
  private final Path dataDir;

  /**
   * Sets up a run into {@code out}, reporting progress lines to {@code log}.
   *
   * @param dataDir where the data sets of the training comparison are
   * @param engine runs the consistency and training cells; the memory cells always run one at a
   *     time in this JVM, since their heap figure needs the JVM to itself
   */
  public AnodeExperiment(
      AnodeSettings settings, GridEngine engine, Path out, Path dataDir, Consumer<String> log) {
    this.settings = settings;
    this.dataDir = dataDir;
    this.engine = engine;
    this.out = out;
    this.log = log;
  }

  /** What a run produced. */
  public record Outcome(AnodeReport.Summary summary, double wallSeconds) {}

  /** Runs the cells not yet done, then writes the report. */
  public Outcome run() throws IOException {
    long start = System.nanoTime();
    Path runs = out.resolve("runs");
    Files.createDirectories(runs);
    List<CellSpec> consistency = AnodeCells.consistencyCells(settings);
    List<CellSpec> memory = AnodeCells.memoryCells(settings);
    RealDataset dataset = trainingData(dataDir);
    List<CellSpec> training =
        dataset == null ? List.of() : AnodeCells.trainingCells(settings, dataset.id(), dataDir);
    if (dataset == null) {
      log.accept(
          "no CIFAR-10, Fashion-MNIST or MNIST under "
              + dataDir
              + ": the training comparison is left out (scripts/fetch-datasets.sh fetches"
              + " MNIST and Fashion-MNIST)");
    }
    List<GridEngine.CellFailure> failures = new ArrayList<>();
    AnodeCells runner = new AnodeCells();
    failures.addAll(engine.run(consistency, runs, runner, progress(consistency.size(), log)));
    // One at a time, here: the retained-heap figure needs the JVM to itself.
    failures.addAll(new LocalEngine(1).run(memory, runs, runner, progress(memory.size(), log)));
    failures.addAll(engine.run(training, runs, runner, progress(training.size(), log)));
    if (!failures.isEmpty()) {
      throw new IOException(
          failures.size()
              + " cell(s) failed, first "
              + failures.get(0).cell().id()
              + ": "
              + failures.get(0).message());
    }
    AnodeReport.Summary summary =
        new AnodeReport(settings, out)
            .write(runs, consistency, memory, training, dataset == null ? null : dataset.id());
    return new Outcome(summary, (System.nanoTime() - start) * 1e-9);
  }

  /**
   * Returns CIFAR-10 when present under {@code dataDir}, else Fashion-MNIST, else MNIST, else null.
   */
  public static RealDataset trainingData(Path dataDir) {
    for (RealDataset d :
        List.of(RealDataset.CIFAR10, RealDataset.FASHION_MNIST, RealDataset.MNIST)) {
      if (Datasets.isAvailable(d, dataDir)) {
        return d;
      }
    }
    return null;
  }

  /** Returns progress that writes one line per cell state change of {@code total} cells. */
  public static GridProgress progress(int total, Consumer<String> log) {
    return new GridLog(log, total);
  }
}

package org.node4j.lab.experiment.anodev2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.node4j.lab.data.RealDataset;
import org.node4j.lab.experiment.anode.AnodeExperiment;
import org.node4j.lab.grid.CellSpec;
import org.node4j.lab.grid.GridEngine;

/**
 * {@code node4j experiment anodev2}: the {@link Anodev2Model}s trained on the same data as one grid
 * of cells under {@code OUT/runs}, then results.csv, plots and the report built from those run
 * directories alone ({@link Anodev2Report}). Done cells are skipped and a cell resumes from its
 * last checkpoint, so a killed run continues where it stopped.
 */
public final class Anodev2Experiment {
  private final Anodev2Settings settings;
  private final Path out;
  private final GridEngine engine;
  private final Consumer<String> log;
  private final Path dataDir;

  /** Sets up a run into {@code out}, reporting progress lines to {@code log}. */
  public Anodev2Experiment(
      Anodev2Settings settings, GridEngine engine, Path out, Path dataDir, Consumer<String> log) {
    this.settings = settings;
    this.engine = engine;
    this.out = out;
    this.dataDir = dataDir;
    this.log = log;
  }

  /** What a run produced. */
  public record Outcome(Anodev2Report.Summary summary, double wallSeconds) {}

  /**
   * Runs the cells not yet done, then writes the report.
   *
   * @throws IOException if no data set is present (naming the script that fetches them) or a cell
   *     failed
   */
  public Outcome run() throws IOException {
    long start = System.nanoTime();
    RealDataset dataset = AnodeExperiment.trainingData(dataDir);
    if (dataset == null) {
      throw new IOException(
          "no CIFAR-10, Fashion-MNIST or MNIST under "
              + dataDir
              + "; scripts/fetch-datasets.sh fetches MNIST and Fashion-MNIST, or pass --data-dir");
    }
    if (dataset != RealDataset.CIFAR10) {
      log.accept("CIFAR-10 not found under " + dataDir + ": training on " + dataset.id());
    }
    Path runs = out.resolve("runs");
    Files.createDirectories(runs);
    List<CellSpec> cells = Anodev2Cells.cells(settings, dataset.id(), dataDir);
    List<GridEngine.CellFailure> failures =
        engine.run(cells, runs, new Anodev2Cells(), AnodeExperiment.progress(cells.size(), log));
    if (!failures.isEmpty()) {
      throw new IOException(
          failures.size()
              + " cell(s) failed, first "
              + failures.get(0).cell().id()
              + ": "
              + failures.get(0).message());
    }
    Anodev2Report.Summary summary =
        new Anodev2Report(settings, out).write(runs, cells, dataset.id());
    return new Outcome(summary, (System.nanoTime() - start) * 1e-9);
  }
}

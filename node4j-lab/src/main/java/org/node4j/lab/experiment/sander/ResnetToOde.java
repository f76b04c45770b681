package org.node4j.lab.experiment.sander;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.node4j.lab.grid.CellRunner;
import org.node4j.lab.grid.CellRunners;
import org.node4j.lab.grid.CellSpec;
import org.node4j.lab.grid.GridEngine;
import org.node4j.lab.grid.GridLog;
import org.node4j.lab.grid.LocalEngine;

/**
 * Runs the experiment: every cell of the {@link SanderSettings} grid into {@code out/runs/<id>/}
 * (done cells skipped, training cells resumed from their checkpoints), then the report from the run
 * directories alone, so the same report comes out whichever engine ran the cells.
 *
 * <p>The measuring and training cells run on the given engine (this JVM or Spark executors). The
 * memory cells (part 3) always run here, one at a time, after the others: each starts a child JVM
 * whose peak resident memory is the figure, and two such children at once, or a child beside a busy
 * executor, would compete for the machine's memory and cores.
 */
public final class ResnetToOde {
  private final SanderSettings settings;
  private final Path out;
  private final GridEngine engine;
  private final int threadsPerCell;
  private final Consumer<String> log;

  /**
   * Creates the run, each cell using the tensor engine's global thread count.
   *
   * @param engine runs every cell but the memory cells, which run one at a time in this JVM
   * @param log receives one line per cell event
   */
  public ResnetToOde(SanderSettings settings, Path out, GridEngine engine, Consumer<String> log) {
    this(settings, out, engine, 0, log);
  }

  /**
   * Creates the run.
   *
   * @param engine runs every cell but the memory cells, which run one at a time in this JVM
   * @param threadsPerCell the tensor engine's threads in each cell the engine runs (0: the global
   *     setting; 1 when the local engine runs one cell per core); the memory cells keep the global
   *     setting
   * @param log receives one line per cell event
   */
  public ResnetToOde(
      SanderSettings settings,
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
   * What a run produced.
   *
   * @param headline the headline rates as one line each
   * @param failed ids of cells that failed, with their messages
   */
  public record Outcome(List<String> headline, List<String> failed, double wallSeconds) {}

  /** Runs the grid and writes the report; cells that fail are listed, the rest reported. */
  public Outcome run() throws IOException {
    long start = System.nanoTime();
    List<CellSpec> cells = new ArrayList<>();
    List<CellSpec> memory = new ArrayList<>();
    for (Cells.Cell c : settings.cells()) {
      (c instanceof Cells.Memory ? memory : cells).add(Cells.spec(c));
    }
    Path runs = out.resolve("runs");
    SanderRunner runner = new SanderRunner();
    CellRunner timed =
        CellRunners.cpuTimed(
            runner,
            (id, cpu) ->
                log.accept(String.format(Locale.ROOT, "  %s: %.1f s CPU on its thread", id, cpu)));
    CellRunner perCell = CellRunners.perCell(threadsPerCell, timed);
    List<GridEngine.CellFailure> failures =
        new ArrayList<>(engine.run(cells, runs, perCell, new GridLog(log, cells.size())));
    failures.addAll(new LocalEngine(1).run(memory, runs, runner, new GridLog(log, memory.size())));
    SanderResults results = SanderResults.load(runs);
    double seconds = (System.nanoTime() - start) * 1e-9;
    SanderReport.Headline h = SanderReport.write(results, settings, out, costNote());
    return new Outcome(
        List.of(
            "distance, smooth weights: " + SanderReport.rate(h.smoothDistance()),
            "distance, alternating:    " + SanderReport.rate(h.alternatingDistance()),
            "distance, i.i.d.:         " + SanderReport.rate(h.iidDistance()),
            "memory-free ResNet error: " + SanderReport.rate(h.eulerSmooth()),
            "memory-free HeunNet:      " + SanderReport.rate(h.heunSmooth())),
        failures.stream().map(f -> f.cell().id() + ": " + f.message()).toList(),
        seconds);
  }

  private String costNote() {
    return switch (settings.mode()) {
      case "quick" ->
          "Quick mode: N = 4..256 (distance), 8..128 (gradients), one seed, 300"
              + " training iterations for the trained-network probe, memory at depths 1, 51, 101,"
              + " 151 with one child JVM per method and depth; part 5 (depth sweep) at depths 2, 4,"
              + " 8 (16..64 would cost about 2, 4 and 8 times depth 8 each), three seeds, 1280"
              + " Fashion-MNIST training and 512 test images, batch 64, 4 epochs (80 SGD"
              + " iterations). Cost, estimated from CPU time on a shared machine (each cell's"
              + " thread CPU time, and user + sys of the whole command with /usr/bin/time): parts"
              + " 1, 2 and 4 and the trained-network probe about 3 CPU-seconds, part 5 about 240"
              + " (30, 65 and 143 at depths 2, 4 and 8, each over 12 cells), part 3's 16 child JVMs"
              + " and the rest (this JVM, the report) about 75, and the jar's build from a fresh"
              + " clone about 27: about 340 CPU-seconds. Without --jobs the cells run one per"
              + " processor, each on one thread, and part 3 runs alone afterwards, so on 2 idle"
              + " cores the command takes about 3 minutes (half the CPU time plus the build), or"
              + " about 3.7 if part 3 keeps only one core busy (estimated, not timed); wall times"
              + " on the shared machine were longer and vary.";
      case "full" ->
          "Full mode: N = 4..1024 (distance) and 8..512 (gradients) with 3 seeds,"
              + " 2000 training iterations for the trained-network probe, memory at depths 1..151 in"
              + " steps of 25 for every method. Cost, estimated from CPU time (user + sys, child JVMs"
              + " included) of one run on a shared machine: about 130 s of CPU, so one to two"
              + " minutes of wall time on 2 idle cores; wall times on the shared machine were"
              + " longer and vary. Part 5 (depth sweep) follows the paper's protocol: depths 2..64,"
              + " 4 seeds, the whole training set, batch 256, 90 epochs. Scaled from the quick"
              + " run's CPU time by the number of images processed (about 900 times more per"
              + " cell) and by depth, it is of the order of a thousand CPU-hours (weeks on 2"
              + " cores); every cell checkpoints each epoch and resumes exactly.";
      default -> "Test-sized run (" + settings.mode() + ").";
    };
  }
}

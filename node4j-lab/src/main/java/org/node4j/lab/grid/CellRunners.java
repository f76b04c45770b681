package org.node4j.lab.grid;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.BiConsumer;
import org.node4j.nn.kernel.Parallel;

/**
 * Finds a cell's runner by its experiment name among the {@link ExperimentCells} on the class path
 * (a {@link ServiceLoader} lookup, made anew on every call: nothing is cached in a static field).
 */
public final class CellRunners {
  private CellRunners() {}

  /**
   * Returns the runner of {@code experiment}'s cells.
   *
   * @throws IllegalArgumentException if no provider on the class path runs that experiment, naming
   *     the ones that do
   */
  public static CellRunner forExperiment(String experiment) {
    List<String> known = new ArrayList<>();
    for (ExperimentCells e : ServiceLoader.load(ExperimentCells.class)) {
      if (e.experiment().equals(experiment)) {
        return e.runner();
      }
      known.add(e.experiment());
    }
    throw new IllegalArgumentException(
        "no cell runner for experiment '"
            + experiment
            + "' on the class path; experiments with grids: "
            + known);
  }

  /** Returns a runner that dispatches each cell to its experiment's runner. */
  public static CellRunner dispatching() {
    return (cell, dir) -> forExperiment(cell.experiment()).run(cell, dir);
  }

  /**
   * Returns {@code runner} with the tensor engine limited to {@code threads} threads inside each
   * cell ({@link Parallel#withThreads}): when a local engine runs one cell per core, a cell that
   * also splits its loops over the shared team only adds hand-over cost, and the results are the
   * same for any thread count.
   *
   * @param threads the thread count of each cell, at least 1
   * @throws IllegalArgumentException if {@code threads} is below 1
   */
  public static CellRunner withThreads(int threads, CellRunner runner) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads per cell must be at least 1, got " + threads);
    }
    return (cell, dir) ->
        Parallel.withThreads(
            threads,
            () -> {
              runner.run(cell, dir);
              return null;
            });
  }

  /**
   * Returns {@code runner} with {@code threadsPerCell} tensor-engine threads in each cell ({@link
   * #withThreads}), or {@code runner} itself for 0 (the engine's global setting).
   *
   * @throws IllegalArgumentException if {@code threadsPerCell} is negative
   */
  public static CellRunner perCell(int threadsPerCell, CellRunner runner) {
    if (threadsPerCell < 0) {
      throw new IllegalArgumentException(
          "threads per cell must be 0 (the global setting) or more, got " + threadsPerCell);
    }
    return threadsPerCell == 0 ? runner : withThreads(threadsPerCell, runner);
  }

  /**
   * Returns {@code runner} reporting, after each cell that ends normally, the CPU seconds of the
   * thread that ran it: all of the cell's CPU time when it runs on one thread ({@link
   * #withThreads}(1, ...)), a figure that stays meaningful on a busy machine where wall times do
   * not.
   *
   * @param cpuSeconds receives the cell's id and its thread's CPU seconds (called on that thread)
   */
  public static CellRunner cpuTimed(CellRunner runner, BiConsumer<String, Double> cpuSeconds) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return (cell, dir) -> {
      long start = threads.getCurrentThreadCpuTime();
      runner.run(cell, dir);
      cpuSeconds.accept(cell.id(), (threads.getCurrentThreadCpuTime() - start) * 1e-9);
    };
  }
}

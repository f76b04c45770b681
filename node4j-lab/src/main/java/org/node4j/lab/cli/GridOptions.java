package org.node4j.lab.cli;

import org.node4j.lab.grid.GridEngine;
import org.node4j.lab.grid.GridEngineProvider.EngineSettings;
import org.node4j.lab.grid.GridEngines;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of every experiment that runs a grid of cells: which engine runs them, where, and how
 * many at a time on this machine. Mix it into a command with {@code @Mixin GridOptions grid;} and
 * call {@link #engine()}.
 */
public final class GridOptions {
  @Option(
      names = "--engine",
      defaultValue = GridEngines.LOCAL,
      description =
          "Where the cells run: local (this JVM, --jobs at a time) or spark (with --master; needs"
              + " the node4j-spark module, which ./node4j adds). Default: ${DEFAULT-VALUE}.")
  String engine;

  @Option(
      names = "--master",
      description =
          "Spark master URL: local[N] (embedded), spark://HOST:PORT, k8s://https://HOST:PORT."
              + " Default local[*].")
  String master;

  @Option(
      names = "--jobs",
      defaultValue = "1",
      description =
          "Cells run at once by the local engine (default ${DEFAULT-VALUE}, or one per processor"
              + " where the command's description says so).")
  int jobs;

  /**
   * Returns the engine the options name.
   *
   * @throws org.node4j.lab.config.UsageException for an unknown engine, a bad master URL or --jobs
   *     below 1
   */
  public GridEngine engine() {
    return engine(jobs);
  }

  /**
   * Returns the engine the options name, running {@code localJobs} cells at a time if local (for a
   * command whose default differs from --jobs's, when --jobs was not given).
   *
   * @throws IllegalArgumentException for an unknown engine, a bad master URL or a job count below 1
   */
  public GridEngine engine(int localJobs) {
    if (master != null && !engine.equalsIgnoreCase("spark")) {
      throw new org.node4j.lab.config.UsageException(
          "--master is for --engine spark; the " + engine + " engine takes --jobs");
    }
    return UserInput.of(
        "--engine/--master/--jobs",
        () -> GridEngines.create(engine, new EngineSettings(master, localJobs)));
  }

  /** Returns whether the cells run on this JVM's local engine. */
  public boolean local() {
    return engine.equalsIgnoreCase(GridEngines.LOCAL);
  }

  /**
   * Returns --jobs when the command line gives it, else the number of processors: for experiments
   * whose cells are many and single-threaded at heart, one cell per core uses the machine better
   * than one cell splitting its small loops.
   *
   * @param spec the command's spec, to see whether --jobs was given
   */
  public int jobsOrProcessors(CommandSpec spec) {
    return spec.commandLine().getParseResult().hasMatchedOption("--jobs")
        ? jobs
        : Runtime.getRuntime().availableProcessors();
  }

  /**
   * Returns the tensor engine's threads per cell for a local engine running {@code localJobs} cells
   * at once: 1 when it runs several (one cell per core), else 0 (the global setting, so a lone cell
   * may use every core).
   */
  public int threadsPerCell(int localJobs) {
    return local() && localJobs > 1 ? 1 : 0;
  }

  /** Returns how many cells the local engine runs at once. */
  public int jobs() {
    return jobs;
  }
}

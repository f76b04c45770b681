package org.node4j.lab.cli;

import org.node4j.lab.grid.GridEngine;
import org.node4j.lab.grid.GridEngineProvider.EngineSettings;
import org.node4j.lab.grid.GridEngines;
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
      description = "Cells run at once by the local engine (default ${DEFAULT-VALUE}).")
  int jobs;

  /**
   * Returns the engine the options name.
   *
   * @throws IllegalArgumentException for an unknown engine, a bad master URL or --jobs below 1
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
      throw new IllegalArgumentException(
          "--master is for --engine spark; the " + engine + " engine takes --jobs");
    }
    return GridEngines.create(engine, new EngineSettings(master, localJobs));
  }

  /** Returns whether the cells run on this JVM's local engine. */
  public boolean local() {
    return engine.equalsIgnoreCase(GridEngines.LOCAL);
  }

  /** Returns how many cells the local engine runs at once. */
  public int jobs() {
    return jobs;
  }
}

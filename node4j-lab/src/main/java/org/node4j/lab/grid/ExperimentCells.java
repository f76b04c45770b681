package org.node4j.lab.grid;

/**
 * How an engine that runs cells in another JVM (a Spark executor) finds the runner of a cell's
 * experiment: each experiment that exposes its grid provides one implementation, listed in {@code
 * META-INF/services/org.node4j.lab.grid.ExperimentCells}, and {@link CellRunners} looks it up by
 * {@link CellSpec#experiment()}. The runner must rebuild everything it needs from the cell's
 * configuration alone.
 */
public interface ExperimentCells {

  /** Returns the experiment's command name, as in {@link CellSpec#experiment()}. */
  String experiment();

  /** Returns a runner for this experiment's cells. */
  CellRunner runner();
}

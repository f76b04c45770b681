package org.node4j.lab.experiment.marion;

import org.node4j.lab.grid.CellRunner;
import org.node4j.lab.grid.ExperimentCells;

/**
 * Lets an engine in another JVM (a Spark executor) run this experiment's cells: listed in {@code
 * META-INF/services/org.node4j.lab.grid.ExperimentCells}.
 */
public final class MarionExperimentCells implements ExperimentCells {

  /** For {@link java.util.ServiceLoader}. */
  public MarionExperimentCells() {}

  @Override
  public String experiment() {
    return MarionCellRunner.EXPERIMENT;
  }

  @Override
  public CellRunner runner() {
    return new MarionCellRunner();
  }
}

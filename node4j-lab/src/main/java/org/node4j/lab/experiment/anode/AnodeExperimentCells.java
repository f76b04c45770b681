package org.node4j.lab.experiment.anode;

import org.node4j.lab.grid.CellRunner;
import org.node4j.lab.grid.ExperimentCells;

/** Lets an engine in another JVM find the runner of {@code anode} cells. */
public final class AnodeExperimentCells implements ExperimentCells {

  @Override
  public String experiment() {
    return AnodeCells.EXPERIMENT;
  }

  @Override
  public CellRunner runner() {
    return new AnodeCells();
  }
}

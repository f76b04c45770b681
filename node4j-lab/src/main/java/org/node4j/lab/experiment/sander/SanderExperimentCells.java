package org.node4j.lab.experiment.sander;

import org.node4j.lab.grid.CellRunner;
import org.node4j.lab.grid.ExperimentCells;

/**
 * Lets an engine in another JVM (a Spark executor) find the runner of {@code resnet-to-ode} cells:
 * every cell's JSON holds its whole configuration (sizes, seeds, iterations, rates; the data are
 * synthetic, drawn from the seed), so the runner needs nothing from the driver.
 */
public final class SanderExperimentCells implements ExperimentCells {

  @Override
  public String experiment() {
    return Cells.EXPERIMENT;
  }

  @Override
  public CellRunner runner() {
    return new SanderRunner();
  }
}

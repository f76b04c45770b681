package org.node4j.lab.experiment;

import org.node4j.lab.grid.CellRunner;
import org.node4j.lab.grid.ExperimentCells;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exposes the cells of {@code resnet-after-all} to engines that run them in other JVMs (Spark
 * executors): each cell there runs on one thread of the tensor engine and logs through SLF4J.
 */
public final class ResnetAfterAllGrid implements ExperimentCells {
  private static final Logger LOG = LoggerFactory.getLogger(ResnetAfterAllGrid.class);

  /** Creates the provider (a {@link java.util.ServiceLoader} needs a public no-arg constructor). */
  public ResnetAfterAllGrid() {}

  @Override
  public String experiment() {
    return ResnetAfterAllCells.EXPERIMENT;
  }

  @Override
  public CellRunner runner() {
    return new ResnetAfterAllCells(1, LOG::info);
  }
}

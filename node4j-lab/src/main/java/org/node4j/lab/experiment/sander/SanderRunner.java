package org.node4j.lab.experiment.sander;

import java.io.IOException;
import java.nio.file.Path;
import org.node4j.lab.grid.CellRunner;
import org.node4j.lab.grid.CellSpec;

/**
 * Runs one cell of the experiment into its run directory: the measuring parts write their result at
 * once; the training parts (the linear ResNet and the trained-network probe) checkpoint every few
 * iterations and resume from the checkpoint after a kill.
 */
final class SanderRunner implements CellRunner {
  private final int stopAfter;

  /** A runner that runs every cell to the end. */
  SanderRunner() {
    this(Integer.MAX_VALUE);
  }

  /**
   * A runner whose training cells stop, as a kill would, after {@code stopAfter} iterations of this
   * attempt (a test hook).
   */
  SanderRunner(int stopAfter) {
    this.stopAfter = stopAfter;
  }

  @Override
  public void run(CellSpec spec, Path runDir) throws IOException {
    Cells.Cell cell = Cells.parse(spec.config());
    Object result;
    if (cell instanceof Cells.Distance c) {
      result = DistanceProbe.measure(c);
    } else if (cell instanceof Cells.Gradient c) {
      result = GradientProbe.measure(c);
    } else if (cell instanceof Cells.Trained c) {
      result = TrainedProbe.run(c, runDir, stopAfter);
    } else if (cell instanceof Cells.Memory c) {
      result = MemoryProbe.measure(c);
    } else if (cell instanceof Cells.Linear c) {
      result = LinearResnet.run(c, runDir, stopAfter);
    } else if (cell instanceof Cells.Sweep c) {
      result = DepthSweep.run(c, runDir, stopAfter);
    } else {
      throw new IllegalArgumentException("unknown cell " + cell);
    }
    CellState.finish(runDir, result);
  }
}

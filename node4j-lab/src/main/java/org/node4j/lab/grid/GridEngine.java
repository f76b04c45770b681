package org.node4j.lab.grid;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs every cell of a grid into {@code root/<cell id>/}, skipping cells already done, and returns
 * when every cell has finished or failed. Engines differ only in where the cells run, never in what
 * they write.
 */
public interface GridEngine {

  /**
   * Runs the grid.
   *
   * @param cells the cells, with unique ids
   * @param root the directory that holds one run directory per cell
   * @param runner runs one cell
   * @param progress told when each cell starts, ends or fails
   * @return the cells that failed (empty when all are done)
   * @throws java.io.IOException if the root cannot be prepared
   */
  List<CellFailure> run(List<CellSpec> cells, Path root, CellRunner runner, GridProgress progress)
      throws java.io.IOException;

  /**
   * A cell that did not finish.
   *
   * @param cell the cell
   * @param message what went wrong
   */
  record CellFailure(CellSpec cell, String message) {}
}

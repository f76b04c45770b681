package org.node4j.lab.grid;

import java.nio.file.Path;

/**
 * Runs the cells of one experiment. An implementation must be resumable and idempotent: given a run
 * directory that holds checkpoints of an earlier, interrupted attempt it continues from them, and
 * the finished directory's result files are the same bytes (apart from timings) whether or not the
 * run was interrupted.
 */
@FunctionalInterface
public interface CellRunner {

  /**
   * Trains and evaluates one cell into {@code runDir}, writing every file atomically. The engine
   * marks the directory done after this returns normally; it never calls this for a done cell.
   *
   * @param cell the cell, whose {@link CellSpec#config()} this runner wrote
   * @param runDir the cell's own directory (created by the engine)
   * @throws Exception on failure; the engine reports the cell failed with the message
   */
  void run(CellSpec cell, Path runDir) throws Exception;
}

package org.node4j.lab.grid;

/** Receives the state changes of a grid's cells (from any thread). */
public interface GridProgress {

  /** A cell found done and skipped. */
  default void skipped(CellSpec cell) {}

  /** A cell started running. */
  default void started(CellSpec cell) {}

  /** A cell finished; {@code seconds} is its wall time. */
  default void done(CellSpec cell, double seconds) {}

  /**
   * An attempt at a cell failed with {@code message} and the engine runs the cell again (it resumes
   * from its checkpoints); engines without retries never call this.
   */
  default void retrying(CellSpec cell, String message) {}

  /** A cell failed for good with {@code message}. */
  default void failed(CellSpec cell, String message) {}

  /** Progress that ignores everything. */
  static GridProgress none() {
    return new GridProgress() {};
  }
}

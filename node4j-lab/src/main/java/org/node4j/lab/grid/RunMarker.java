package org.node4j.lab.grid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.node4j.nn.io.AtomicFiles;

/**
 * The file that marks a cell's run directory done: written atomically, last, holding the cell's
 * configuration, so that a directory reused for a different configuration is detected.
 */
public final class RunMarker {
  /** The marker's file name inside a run directory. */
  public static final String FILE = "cell.done";

  private RunMarker() {}

  /**
   * Returns whether {@code runDir} holds a finished run of {@code cell}.
   *
   * @throws IllegalStateException if it holds a finished run of another configuration
   */
  public static boolean isDone(CellSpec cell, Path runDir) throws IOException {
    Path marker = runDir.resolve(FILE);
    if (!Files.exists(marker)) {
      return false;
    }
    String stored = Files.readString(marker);
    if (!stored.equals(cell.config())) {
      throw new IllegalStateException(
          "run directory "
              + runDir
              + " holds a finished run of another configuration than cell '"
              + cell.id()
              + "'; delete it or choose another output directory");
    }
    return true;
  }

  /** Marks {@code runDir} done for {@code cell}. */
  public static void markDone(CellSpec cell, Path runDir) throws IOException {
    AtomicFiles.writeString(runDir.resolve(FILE), cell.config());
  }
}

package org.node4j.lab.grid;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * The driver's progress lines for a grid, whichever engine runs it: one line when a cell starts
 * running, ends, is found done earlier, or fails (with the reason), and when an engine that retries
 * runs a failed attempt again. Cells that end are counted against the grid's size, so {@code
 * [3/12]} means three cells are over. Safe to call from several threads.
 */
public final class GridLog implements GridProgress {
  private final Consumer<String> out;
  private final int total;
  private int over;

  /**
   * Creates the progress of a grid of {@code total} cells.
   *
   * @param out receives each line (the commands print them to stderr)
   */
  public GridLog(Consumer<String> out, int total) {
    this.out = out;
    this.total = total;
  }

  @Override
  public synchronized void skipped(CellSpec cell) {
    out.accept(line(++over, cell, "(done earlier)"));
  }

  @Override
  public synchronized void started(CellSpec cell) {
    out.accept(line(over, cell, "running"));
  }

  @Override
  public synchronized void done(CellSpec cell, double seconds) {
    out.accept(line(++over, cell, String.format(Locale.ROOT, "done in %.1f s", seconds)));
  }

  @Override
  public synchronized void retrying(CellSpec cell, String message) {
    out.accept(line(over, cell, "attempt failed, retrying: " + message));
  }

  @Override
  public synchronized void failed(CellSpec cell, String message) {
    out.accept(line(++over, cell, "FAILED: " + message));
  }

  private String line(int count, CellSpec cell, String what) {
    return "[" + count + "/" + total + "] " + cell.id() + " " + what;
  }
}

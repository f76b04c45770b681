package org.node4j.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.spark.TaskContext;
import org.node4j.lab.grid.CellRunner;
import org.node4j.lab.grid.CellRunners;
import org.node4j.lab.grid.CellSpec;
import org.node4j.lab.grid.RunMarker;

/**
 * What one Spark task does on its executor: find the cell's runner on the executor's class path,
 * skip the cell if its run directory is already done, else run it (resuming from any checkpoints a
 * failed earlier attempt left) and mark it done. Only strings cross the wire.
 */
final class CellTask implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The prefix of a cell's outcome when its last attempt failed; the message follows. */
  static final String FAILED = "failed: ";

  private final String root;
  private final int maxAttempts;

  /**
   * Creates the task body.
   *
   * @param root the directory that holds the run directories, as a path every executor can reach
   * @param maxAttempts Spark's attempts per task: the last one reports a failure as an outcome
   *     instead of throwing, so that one failed cell does not abort the other cells
   */
  CellTask(String root, int maxAttempts) {
    this.root = root;
    this.maxAttempts = maxAttempts;
  }

  /**
   * Runs one cell; returns "skipped", "done" or {@link #FAILED} and the message.
   *
   * @param cell the cell as {@code experiment \t id \t config}
   */
  String run(String cell) throws Exception {
    CellSpec spec = decode(cell);
    Path dir = Paths.get(root).resolve(spec.id());
    if (RunMarker.isDone(spec, dir)) {
      return "skipped";
    }
    java.nio.file.Files.createDirectories(dir);
    TaskContext ctx = TaskContext.get();
    int attempt = ctx == null ? 0 : ctx.attemptNumber();
    try {
      CellRunner runner = CellRunners.forExperiment(spec.experiment());
      runner.run(spec, dir);
    } catch (Exception e) {
      if (attempt + 1 < maxAttempts) {
        throw e; // Spark runs the task again; the cell resumes from its checkpoints
      }
      String m = e.getMessage() == null ? e.toString() : e.getMessage();
      return FAILED + m.replace('\n', ' ') + " (after " + maxAttempts + " attempts)";
    }
    RunMarker.markDone(spec, dir);
    return "done";
  }

  static String encode(CellSpec c) {
    return c.experiment() + "\t" + c.id() + "\t" + c.config();
  }

  static CellSpec decode(String s) {
    String[] f = s.split("\t", 3);
    return new CellSpec(f[0], f[1], f[2]);
  }
}

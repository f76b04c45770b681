package org.node4j.lab.experiment.sander;

import java.nio.file.Files;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;
import org.node4j.lab.grid.CellRunner;
import org.node4j.lab.grid.CellSpec;
import org.node4j.lab.grid.ExperimentCells;

/**
 * {@code resnet-to-ode}'s cells under another experiment name, {@value #EXPERIMENT}, whose training
 * cells (the linear ResNet and the trained-network probe) stop on a task's first attempt after
 * {@value #STOP_AFTER} iterations, having written a checkpoint, as a killed executor would leave
 * them (the runner's own test hook throws). Spark's retry must resume from that checkpoint.
 *
 * <p>In {@code local[N]} mode Spark runs tasks on threads of the driver's JVM, so a real kill of
 * the executor process is not possible there: the first attempt throws instead, which Spark treats
 * like a lost task (it runs it again, up to {@code spark.task.maxFailures} attempts).
 */
public final class CrashingSanderCells implements ExperimentCells {
  /** The experiment name the crashing cells carry. */
  public static final String EXPERIMENT = "resnet-to-ode-crashing";

  /** Iterations of the first attempt before it stops. */
  static final int STOP_AFTER = 3;

  /** Ids of the cells whose retry found a checkpoint to resume from (tasks share this JVM). */
  public static final Set<String> RESUMED = ConcurrentHashMap.newKeySet();

  /** Returns {@code cell} as a crashing cell: same id and configuration. */
  public static CellSpec crashing(CellSpec cell) {
    return new CellSpec(EXPERIMENT, cell.id(), cell.config());
  }

  @Override
  public String experiment() {
    return EXPERIMENT;
  }

  @Override
  public CellRunner runner() {
    return (cell, dir) -> {
      Cells.Cell c = Cells.parse(cell.config());
      boolean training = c instanceof Cells.Linear || c instanceof Cells.Trained;
      boolean first = TaskContext.get() == null || TaskContext.get().attemptNumber() == 0;
      if (training && first) {
        new SanderRunner(STOP_AFTER).run(cell, dir);
        throw new IllegalStateException("test hook did not stop " + cell.id());
      }
      if (Files.exists(dir.resolve(CellState.FILE))) {
        RESUMED.add(cell.id());
      }
      new SanderRunner().run(cell, dir);
    };
  }
}

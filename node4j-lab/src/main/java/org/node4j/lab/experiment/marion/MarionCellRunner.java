package org.node4j.lab.experiment.marion;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.node4j.lab.grid.CellRunner;
import org.node4j.lab.grid.CellSpec;
import org.node4j.lab.io.Json;

/** Runs any cell of the experiment's grid, by its kind. */
final class MarionCellRunner implements CellRunner {
  /** The experiment's command name, stamped on every cell. */
  static final String EXPERIMENT = "implicit-regularization";

  private static final ObjectMapper MAPPER = Json.newMapper();
  private final int interruptAt;

  /** A runner; {@code interruptAt} is a test hook (-1 in real runs), see {@link #withInterrupt}. */
  MarionCellRunner() {
    this(-1);
  }

  private MarionCellRunner(int interruptAt) {
    this.interruptAt = interruptAt;
  }

  /**
   * Test hook: perceptron and image cells stop right after their checkpoint at iteration {@code t}.
   */
  static MarionCellRunner withInterrupt(int t) {
    return new MarionCellRunner(t);
  }

  /** The cell's grid form, its configuration as JSON. */
  static CellSpec spec(MarionCell cell) {
    try {
      return new CellSpec(EXPERIMENT, cell.id(), MAPPER.writeValueAsString(cell));
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise cell " + cell.id(), e);
    }
  }

  static MarionCell parse(CellSpec spec) throws IOException {
    return MAPPER.readValue(spec.config(), MarionCell.class);
  }

  @Override
  public void run(CellSpec spec, Path runDir) throws Exception {
    MarionCell cell = parse(spec);
    if (cell instanceof PerceptronCell p) {
      new PerceptronCellRunner(interruptAt).run(p, runDir);
    } else if (cell instanceof ReluCounterCell r) {
      Json.writeFile(runDir.resolve(CellOutputs.RESULT), ReluResult.of(r));
    } else if (cell instanceof ImageCell i) {
      ImageTraining.run(i, runDir, interruptAt);
    }
  }
}

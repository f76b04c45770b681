package org.node4j.lab.experiment.sander;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.node4j.lab.io.Json;

/**
 * A training cell's checkpoint: one JSON record in the run directory, written atomically every few
 * iterations and read back when a killed run is resumed. Doubles survive the JSON round trip
 * exactly (Java prints the shortest string that reads back to the same value), so a resumed run
 * continues bit for bit.
 */
final class CellState {
  /** The checkpoint's file name in a run directory. */
  static final String FILE = "checkpoint.json";

  /** The result's file name in a run directory. */
  static final String RESULT = "result.json";

  private CellState() {}

  /** Returns the saved state, if the directory holds one. */
  static <T> Optional<T> load(Path runDir, Class<T> type) throws IOException {
    Path f = runDir.resolve(FILE);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    return Optional.of(Json.newMapper().readValue(f.toFile(), type));
  }

  /** Saves {@code state} atomically. */
  static void save(Path runDir, Object state) throws IOException {
    Json.writeFile(runDir.resolve(FILE), state);
  }

  /** Writes the cell's result atomically and drops its checkpoint. */
  static void finish(Path runDir, Object result) throws IOException {
    Json.writeFile(runDir.resolve(RESULT), result);
    Files.deleteIfExists(runDir.resolve(FILE));
  }

  /** Reads a finished cell's result. */
  static <T> T result(Path runDir, Class<T> type) throws IOException {
    return Json.newMapper().readValue(runDir.resolve(RESULT).toFile(), type);
  }

  /** Thrown by the test hook that stops a training cell as a kill would. */
  static final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Interrupted(int iteration) {
      super("stopped after iteration " + iteration + " (test hook)");
    }
  }
}

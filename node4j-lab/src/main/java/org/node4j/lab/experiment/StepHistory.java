package org.node4j.lab.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the number of Euler steps of every iteration back from a run's {@code metrics.csv}: with
 * Euler, the forward function evaluations of an iteration are its steps (one per step).
 */
final class StepHistory {
  private StepHistory() {}

  /**
   * Returns column {@code nfe_forward} of {@code metrics}, row by row.
   *
   * @throws IOException when the file cannot be read or has no such column
   */
  static List<Integer> read(Path metrics) throws IOException {
    List<String> lines = Files.readAllLines(metrics);
    if (lines.isEmpty()) {
      throw new IOException(metrics + " is empty; expected a metrics.csv with a header");
    }
    int col = Arrays.asList(lines.get(0).split(",")).indexOf("nfe_forward");
    if (col < 0) {
      throw new IOException(metrics + " has no nfe_forward column: " + lines.get(0));
    }
    List<Integer> steps = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        steps.add(Integer.parseInt(line.split(",", -1)[col]));
      }
    }
    return steps;
  }
}

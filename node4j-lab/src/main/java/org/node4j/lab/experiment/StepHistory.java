package org.node4j.lab.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the number of Euler steps of every iteration back from a run's {@code metrics.csv} (with
 * Euler, the forward function evaluations of an iteration are its steps, one per step), or the
 * training tolerance of every iteration of an adaptive run.
 */
final class StepHistory {
  private StepHistory() {}

  /**
   * Returns column {@code nfe_forward} of {@code metrics}, row by row.
   *
   * @throws IOException when the file cannot be read or has no such column
   */
  static List<Integer> read(Path metrics) throws IOException {
    return column(metrics, "nfe_forward").stream().map(Integer::parseInt).toList();
  }

  /**
   * Returns column {@code tolerance} of {@code metrics}, row by row.
   *
   * @throws IOException when the file cannot be read or has no such column
   */
  static List<Double> tolerances(Path metrics) throws IOException {
    return column(metrics, "tolerance").stream().map(Double::parseDouble).toList();
  }

  private static List<String> column(Path metrics, String name) throws IOException {
    List<String> lines = Files.readAllLines(metrics);
    if (lines.isEmpty()) {
      throw new IOException(metrics + " is empty; expected a metrics.csv with a header");
    }
    int col = Arrays.asList(lines.get(0).split(",")).indexOf(name);
    if (col < 0) {
      throw new IOException(metrics + " has no " + name + " column: " + lines.get(0));
    }
    List<String> values = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        values.add(line.split(",", -1)[col]);
      }
    }
    return values;
  }
}

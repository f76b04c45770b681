package org.node4j.lab.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Objects;
import org.node4j.lab.config.ConfigLoader;
import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.grid.CellSpec;
import org.node4j.lab.io.Json;

/**
 * What one cell of the experiment's grid runs, everything its results depend on and nothing else
 * (no list of seeds or of other K_train values), so that a finished cell is reused when the grid
 * grows. Serialised as the {@link CellSpec#config() JSON} of its cell.
 *
 * @param kind what the cell does
 * @param testSolvers the test solvers of a {@link Kind#EULER_GRID} cell (empty otherwise)
 * @param testSteps the K_test values of a {@link Kind#EULER_GRID} cell (empty otherwise)
 * @param experimentYaml the training run's configuration as {@code config.yaml} text
 */
record CellConfig(
    Kind kind, List<String> testSolvers, List<Integer> testSteps, String experimentYaml) {
  private static final ObjectMapper MAPPER = Json.newMapper();

  /** What a cell does. */
  enum Kind {
    /** Train with Euler at constant K_train steps, then test at every solver and K_test. */
    EULER_GRID,
    /** Train with Euler under the released step-size adaptation (Table 1, Fig. 5). */
    STEP_ADAPTATION
  }

  /** Copies the lists. */
  CellConfig {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(experimentYaml, "experimentYaml");
    testSolvers = List.copyOf(testSolvers);
    testSteps = List.copyOf(testSteps);
  }

  /** A cell that trains {@code config} and tests it at every solver and K_test. */
  static CellConfig eulerGrid(ExperimentConfig config, List<String> solvers, List<Integer> steps) {
    return new CellConfig(Kind.EULER_GRID, solvers, steps, ConfigLoader.toYaml(config));
  }

  /** A cell that trains {@code config} with step adaptation. */
  static CellConfig stepAdaptation(ExperimentConfig config) {
    return new CellConfig(Kind.STEP_ADAPTATION, List.of(), List.of(), ConfigLoader.toYaml(config));
  }

  /** Returns the training run's configuration. */
  ExperimentConfig experiment() {
    return ConfigLoader.parse(experimentYaml, false, "the grid cell's configuration", List.of());
  }

  /** Returns the cell {@code id} of experiment {@code experiment} that runs this. */
  CellSpec spec(String experiment, String id) {
    try {
      return new CellSpec(experiment, id, MAPPER.writeValueAsString(this));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise cell " + id, e);
    }
  }

  /**
   * Reads the configuration of {@code cell}.
   *
   * @throws IllegalArgumentException when the cell's JSON is not a configuration of this experiment
   */
  static CellConfig of(CellSpec cell) {
    try {
      return MAPPER.readValue(cell.config(), CellConfig.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cell " + cell.id() + " does not hold a resnet-after-all cell configuration: " + e, e);
    }
  }
}

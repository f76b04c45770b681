package org.node4j.lab.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param factors the step or tolerance factors of a {@link Kind#FACTOR_TEST} cell (empty otherwise,
 *     and then absent from the JSON, so that the other cells' JSON stays as it was)
 */
record CellConfig(
    Kind kind,
    List<String> testSolvers,
    List<Integer> testSteps,
    String experimentYaml,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Double> factors) {
  /** Reads and writes the training configuration (an immutable value over the standard names). */
  private static final ConfigLoader LOADER =
      new ConfigLoader(org.node4j.lab.config.Catalogue.standard());

  private static final ObjectMapper MAPPER = Json.newMapper();

  /** What a cell does. */
  enum Kind {
    /** Train with Euler at constant K_train steps, then test at every solver and K_test. */
    EULER_GRID,
    /** Train with Euler under the released step-size adaptation (Table 1, Fig. 5). */
    STEP_ADAPTATION,
    /**
     * Train with any solver (fixed steps, a tolerance, or tolerance adaptation), then test with the
     * given solvers at the step or tolerance factors (Fig. 4).
     */
    FACTOR_TEST
  }

  /** Copies the lists. */
  CellConfig {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(experimentYaml, "experimentYaml");
    testSolvers = List.copyOf(testSolvers);
    testSteps = List.copyOf(testSteps);
    factors = factors == null ? List.of() : List.copyOf(factors);
  }

  /** A cell that trains {@code config} and tests it at every solver and K_test. */
  static CellConfig eulerGrid(ExperimentConfig config, List<String> solvers, List<Integer> steps) {
    return new CellConfig(Kind.EULER_GRID, solvers, steps, LOADER.toYaml(config), List.of());
  }

  /** A cell that trains {@code config} with step adaptation. */
  static CellConfig stepAdaptation(ExperimentConfig config) {
    return new CellConfig(
        Kind.STEP_ADAPTATION, List.of(), List.of(), LOADER.toYaml(config), List.of());
  }

  /** A cell that trains {@code config}, then tests it with {@code solvers} at {@code factors}. */
  static CellConfig factorTest(
      ExperimentConfig config, List<String> solvers, List<Double> factors) {
    return new CellConfig(Kind.FACTOR_TEST, solvers, List.of(), LOADER.toYaml(config), factors);
  }

  /** Returns the training run's configuration. */
  ExperimentConfig experiment() {
    return LOADER.parse(experimentYaml, false, "the grid cell's configuration", List.of());
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

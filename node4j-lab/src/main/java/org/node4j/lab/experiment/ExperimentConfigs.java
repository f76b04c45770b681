package org.node4j.lab.experiment;

import java.util.Map;
import org.node4j.lab.config.DataConfig;
import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.config.GradientConfig;
import org.node4j.lab.config.IntegrationConfig;
import org.node4j.lab.config.ModelConfig;
import org.node4j.lab.config.OptimizerConfig;
import org.node4j.lab.config.OptimizerName;
import org.node4j.lab.config.StepAdaptationConfig;
import org.node4j.lab.config.StepAdaptationMode;
import org.node4j.lab.config.ToleranceAdaptationConfig;
import org.node4j.lab.config.ToleranceAdaptationMode;
import org.node4j.lab.config.TrainingConfig;
import org.node4j.nn.tensor.DType;
import org.node4j.ode.solver.Solver;
import org.node4j.ode.solver.Solvers;

/**
 * The {@link ExperimentConfig}s of the experiment's training runs: every run directory holds one,
 * so each run can be resumed, inspected or re-evaluated with {@code node4j evaluate}.
 */
final class ExperimentConfigs {
  private ExperimentConfigs() {}

  /** A run trained with {@code steps} constant Euler steps. */
  static ExperimentConfig euler(ResnetAfterAllSettings s, int steps, long seed) {
    return fixed(s, Solvers.euler(), steps, s.iterations(), seed);
  }

  /** A run trained with {@code steps} constant steps of {@code solver}. */
  static ExperimentConfig fixed(
      ResnetAfterAllSettings s, Solver solver, int steps, int iterations, long seed) {
    return of(
        s,
        iterations,
        seed,
        integration(solver, steps, null),
        StepAdaptationMode.OFF,
        ToleranceAdaptationConfig.defaults());
  }

  /** A run trained with Euler under the released step adaptation. */
  static ExperimentConfig adaptation(ResnetAfterAllSettings s, long seed) {
    return of(
        s,
        s.adaptationIterations(),
        seed,
        integration(Solvers.euler(), null, null),
        StepAdaptationMode.RELEASED,
        ToleranceAdaptationConfig.defaults());
  }

  /** A run trained with the adaptive {@code solver} at the constant tolerance {@code tol}. */
  static ExperimentConfig tolerance(
      ResnetAfterAllSettings s, Solver solver, double tol, long seed) {
    return of(
        s,
        s.fig4().iterations(),
        seed,
        integration(solver, null, tol),
        StepAdaptationMode.OFF,
        ToleranceAdaptationConfig.defaults());
  }

  /**
   * A run trained with the adaptive {@code solver} under Ott et al.'s tolerance adaptation (§3,
   * released tol_adaption_algo.py), from the settings' initial tolerance and check interval; the
   * other constants are the released ones.
   */
  static ExperimentConfig toleranceAdaptation(ResnetAfterAllSettings s, Solver solver, long seed) {
    ToleranceAdaptationConfig d = ToleranceAdaptationConfig.defaults();
    Fig4Settings f = s.fig4();
    ToleranceAdaptationConfig on =
        new ToleranceAdaptationConfig(
            ToleranceAdaptationMode.ON,
            f.initialTolerance(),
            f.checkInterval(),
            d.threshold(),
            d.growth(),
            d.shrink(),
            d.nfeHistory(),
            d.maxRefinements());
    return of(s, f.iterations(), seed, integration(solver, null, null), StepAdaptationMode.OFF, on);
  }

  private static IntegrationConfig integration(Solver solver, Integer steps, Double tol) {
    return new IntegrationConfig(solver, steps, null, tol, null, 0.0, 1.0, GradientConfig.stored());
  }

  /**
   * Every run writes about 20 checkpoints, so a killed run loses at most 5 % of its iterations (a
   * Sphere2 checkpoint is a few kilobytes).
   */
  static int checkpointInterval(int iterations) {
    return Math.max(1, iterations / 20);
  }

  private static ExperimentConfig of(
      ResnetAfterAllSettings s,
      int iterations,
      long seed,
      IntegrationConfig integration,
      StepAdaptationMode mode,
      ToleranceAdaptationConfig tolerance) {
    DataConfig data =
        new DataConfig(s.dataset(), 2, s.trainSamples(), s.testSamples(), 0L, 0.1, s.dataDir());
    String modelName = s.images() ? "image-block" : "sphere2";
    ModelConfig model = new ModelConfig(modelName, s.width(), DType.FLOAT32, Map.of());
    OptimizerConfig optimizer =
        new OptimizerConfig(OptimizerName.ADAM, s.lr(), 0.9, 0.999, 1e-8, 0.0, false, 0.0);
    int evalBatch = s.images() ? 250 : 1000;
    TrainingConfig training =
        new TrainingConfig(
            s.batchSize(), iterations, seed, 0, checkpointInterval(iterations), 1, evalBatch, 50);
    return new ExperimentConfig(
        data,
        model,
        integration,
        optimizer,
        training,
        StepAdaptationConfig.defaults().withMode(mode),
        tolerance);
  }
}

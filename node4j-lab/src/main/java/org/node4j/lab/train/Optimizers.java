package org.node4j.lab.train;

import java.util.List;
import org.node4j.lab.config.OptimizerConfig;
import org.node4j.nn.optim.Adam;
import org.node4j.nn.optim.AdamOptions;
import org.node4j.nn.optim.LrSchedule;
import org.node4j.nn.optim.LrSchedules;
import org.node4j.nn.optim.Optimizer;
import org.node4j.nn.optim.ParamGroup;
import org.node4j.nn.optim.Sgd;
import org.node4j.nn.optim.SgdOptions;
import org.node4j.nn.param.Parameter;

/**
 * Builds the optimiser and the learning-rate schedule an {@link OptimizerConfig} describes, over
 * one parameter group.
 */
public final class Optimizers {
  private Optimizers() {}

  /**
   * Creates the optimiser.
   *
   * @param c the configuration
   * @param params the model's parameters
   * @return a fresh optimiser at step 0
   */
  public static Optimizer create(OptimizerConfig c, List<Parameter> params) {
    List<ParamGroup> groups = List.of(ParamGroup.of(params, c.lr(), c.weightDecay()));
    return switch (c.name()) {
      case ADAM ->
          new Adam(AdamOptions.adam().withBetas(c.beta1(), c.beta2()).withEps(c.eps()), groups);
      case ADAMW ->
          new Adam(AdamOptions.adamW().withBetas(c.beta1(), c.beta2()).withEps(c.eps()), groups);
      case SGD ->
          new Sgd(
              c.nesterov()
                  ? SgdOptions.nesterov(c.momentum())
                  : c.momentum() > 0 ? SgdOptions.momentum(c.momentum()) : SgdOptions.plain(),
              groups);
    };
  }

  /**
   * Returns the per-iteration schedule: iteration n (1-based) of a run of {@code iterations} uses
   * {@code schedule.lr(lr, n - 1)}.
   *
   * @param c the configuration
   * @param iterations the length of the run (the cosine's half period)
   */
  public static LrSchedule schedule(OptimizerConfig c, int iterations) {
    return switch (c.schedule()) {
      case CONSTANT -> LrSchedules.constant();
      case COSINE -> LrSchedules.cosine(iterations, c.etaMin());
      case STEP -> LrSchedules.step(c.decayInterval(), c.gamma());
    };
  }
}

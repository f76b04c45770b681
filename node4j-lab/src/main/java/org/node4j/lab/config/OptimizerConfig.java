package org.node4j.lab.config;

import java.util.Objects;

/**
 * The optimiser and its hyperparameters; the defaults are the seeds' (Adam, lr 1e-4, PyTorch betas
 * and eps, no weight decay; Ott et al. 2021, §2.4).
 *
 * @param name the optimiser
 * @param lr the learning rate
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param eps Adam's denominator offset
 * @param momentum SGD's momentum (0 for plain SGD)
 * @param nesterov whether SGD uses Nesterov momentum
 * @param weightDecay L2 (Adam, SGD) or decoupled (AdamW) weight decay
 * @param schedule the learning-rate schedule, stepped once per iteration
 * @param decayInterval iterations between decays of the {@code step} schedule
 * @param gamma the decay factor of the {@code step} schedule
 * @param etaMin the final rate of the {@code cosine} schedule
 */
public record OptimizerConfig(
    OptimizerName name,
    double lr,
    double beta1,
    double beta2,
    double eps,
    double momentum,
    boolean nesterov,
    double weightDecay,
    LrScheduleName schedule,
    int decayInterval,
    double gamma,
    double etaMin) {

  /** Validates the values. */
  public OptimizerConfig {
    Objects.requireNonNull(name, "optimizer.name");
    Checks.positive("optimizer.lr", lr);
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException(
          "optimizer.beta1 and beta2 must be in [0, 1), got " + beta1 + " and " + beta2);
    }
    Checks.nonNegative("optimizer.eps", eps);
    Checks.nonNegative("optimizer.momentum", momentum);
    Checks.nonNegative("optimizer.weightDecay", weightDecay);
    Objects.requireNonNull(schedule, "optimizer.schedule");
    Checks.atLeast("optimizer.decayInterval", decayInterval, 1);
    Checks.nonNegative("optimizer.gamma", gamma);
    Checks.nonNegative("optimizer.etaMin", etaMin);
    if (nesterov && (name != OptimizerName.SGD || momentum == 0)) {
      throw new IllegalArgumentException(
          "optimizer.nesterov needs name: sgd and momentum > 0, got "
              + name.id()
              + ", "
              + momentum);
    }
  }

  /** The same optimiser at a constant rate. */
  public OptimizerConfig(
      OptimizerName name,
      double lr,
      double beta1,
      double beta2,
      double eps,
      double momentum,
      boolean nesterov,
      double weightDecay) {
    this(
        name,
        lr,
        beta1,
        beta2,
        eps,
        momentum,
        nesterov,
        weightDecay,
        LrScheduleName.CONSTANT,
        1000,
        0.1,
        0.0);
  }

  /**
   * Returns the seeds' Adam: lr 1e-4, betas (0.9, 0.999), eps 1e-8, constant rate (a {@code step}
   * schedule would decay by 0.1 every 1000 iterations; a {@code cosine} one would end at 0).
   */
  public static OptimizerConfig defaults() {
    return new OptimizerConfig(
        OptimizerName.ADAM,
        1e-4,
        0.9,
        0.999,
        1e-8,
        0.0,
        false,
        0.0,
        LrScheduleName.CONSTANT,
        1000,
        0.1,
        0.0);
  }
}

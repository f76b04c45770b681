package org.node4j.nn.optim;

/**
 * A learning rate as a closed-form function of the epoch (or iteration) count; {@link LrScheduler}
 * applies it to an optimiser's groups. Implementations come from {@link LrSchedules}.
 */
@FunctionalInterface
public interface LrSchedule {

  /**
   * Returns the learning rate after {@code epoch} scheduler steps.
   *
   * @param baseLr the group's initial learning rate
   * @param epoch the number of scheduler steps taken, {@code >= 0}
   */
  double lr(double baseLr, long epoch);
}

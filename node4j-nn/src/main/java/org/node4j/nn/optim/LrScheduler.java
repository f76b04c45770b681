package org.node4j.nn.optim;

/**
 * Drives the learning rates of an optimiser's groups from a schedule, as a {@code
 * torch.optim.lr_scheduler} object: each group gets {@code schedule.lr(group.initialLr(), epoch)}.
 *
 * <p>Construction applies epoch 0; call {@link #step()} once per epoch (or per iteration, for
 * per-iteration schedules) after the optimiser's step. To resume, restore the optimiser's state and
 * call {@link #setEpoch(long)} with the saved {@link #epoch()}.
 */
public final class LrScheduler {
  private final Optimizer optimizer;
  private final LrSchedule schedule;
  private long epoch;

  /** Binds {@code schedule} to {@code optimizer} and sets every group's rate for epoch 0. */
  public LrScheduler(Optimizer optimizer, LrSchedule schedule) {
    this.optimizer = optimizer;
    this.schedule = schedule;
    apply();
  }

  /** Advances one epoch and updates every group's learning rate. */
  public void step() {
    epoch++;
    apply();
  }

  /** Returns the number of scheduler steps taken. */
  public long epoch() {
    return epoch;
  }

  /** Jumps to {@code epoch} (for resuming) and updates every group's learning rate. */
  public void setEpoch(long epoch) {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
    }
    this.epoch = epoch;
    apply();
  }

  private void apply() {
    for (ParamGroup g : optimizer.groups()) {
      g.setLr(schedule.lr(g.initialLr(), epoch));
    }
  }
}

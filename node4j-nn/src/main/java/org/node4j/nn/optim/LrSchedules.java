package org.node4j.nn.optim;

import java.util.Arrays;

/**
 * The learning-rate schedules of {@code torch.optim.lr_scheduler}, in their closed forms ({@code
 * _get_closed_form_lr}), so that a resumed run recomputes the same rate from the epoch alone.
 */
public final class LrSchedules {
  private LrSchedules() {}

  /** The base rate at every epoch. */
  public static LrSchedule constant() {
    return new Constant();
  }

  /**
   * {@code StepLR}: {@code base * gamma^floor(epoch / stepSize)}.
   *
   * @param stepSize epochs between decays, {@code >= 1}
   * @param gamma the decay factor, finite and {@code >= 0}
   */
  public static LrSchedule step(int stepSize, double gamma) {
    if (stepSize < 1) {
      throw new IllegalArgumentException("step size must be >= 1, got " + stepSize);
    }
    ParamGroup.requireRate("gamma", gamma);
    return new Step(stepSize, gamma);
  }

  /**
   * {@code MultiStepLR}: {@code base * gamma^(number of milestones <= epoch)}; a repeated milestone
   * decays twice, as with PyTorch's {@code Counter}.
   *
   * @param milestones epochs at which to decay, each {@code >= 0}, in any order
   * @param gamma the decay factor, finite and {@code >= 0}
   */
  public static LrSchedule multiStep(double gamma, int... milestones) {
    int[] sorted = milestones.clone();
    Arrays.sort(sorted);
    if (sorted.length > 0 && sorted[0] < 0) {
      throw new IllegalArgumentException(
          "milestones must be >= 0, got " + Arrays.toString(milestones));
    }
    ParamGroup.requireRate("gamma", gamma);
    return new MultiStep(sorted, gamma);
  }

  /**
   * {@code CosineAnnealingLR}: {@code etaMin + (base - etaMin) (1 + cos(π epoch / tMax)) / 2}. It
   * reaches {@code etaMin} at {@code tMax} and, like PyTorch's closed form, continues as a cosine
   * (rising again) beyond it.
   *
   * @param tMax the half period in epochs, {@code >= 1}
   * @param etaMin the floor, finite and {@code >= 0}
   */
  public static LrSchedule cosine(int tMax, double etaMin) {
    if (tMax < 1) {
      throw new IllegalArgumentException("T_max must be >= 1, got " + tMax);
    }
    ParamGroup.requireRate("eta_min", etaMin);
    return new Cosine(tMax, etaMin);
  }

  private record Constant() implements LrSchedule {
    @Override
    public double lr(double baseLr, long epoch) {
      return baseLr;
    }
  }

  private record Step(int stepSize, double gamma) implements LrSchedule {
    @Override
    public double lr(double baseLr, long epoch) {
      return baseLr * Math.pow(gamma, epoch / stepSize);
    }
  }

  private record MultiStep(int[] milestones, double gamma) implements LrSchedule {
    @Override
    public double lr(double baseLr, long epoch) {
      int passed = 0;
      while (passed < milestones.length && milestones[passed] <= epoch) {
        passed++;
      }
      return baseLr * Math.pow(gamma, passed);
    }

    @Override
    public String toString() {
      return "MultiStep[milestones=" + Arrays.toString(milestones) + ", gamma=" + gamma + "]";
    }
  }

  private record Cosine(int tMax, double etaMin) implements LrSchedule {
    @Override
    public double lr(double baseLr, long epoch) {
      return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
    }
  }
}

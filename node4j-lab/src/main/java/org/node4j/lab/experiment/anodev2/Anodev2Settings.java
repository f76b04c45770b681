package org.node4j.lab.experiment.anodev2;

import java.util.List;
import org.node4j.lab.experiment.anode.AnodeSettings;

/**
 * What {@code node4j experiment anodev2} runs: every {@link Anodev2Model} at every seed of {@code
 * training}, its ODE blocks with Euler and N_t = {@code training.steps()} (the paper's schematic
 * and ANODE's default: 2).
 *
 * @param mode "quick", "full" or "tiny", for the report
 * @param lambda the fixed decay rate of the gain-drift q
 * @param training the protocol, as in {@code experiment anode}'s training comparison
 */
public record Anodev2Settings(String mode, double lambda, AnodeSettings.Training training) {

  /** Checks the values. */
  public Anodev2Settings {
    if (training.steps().size() != 1 || training.seeds().isEmpty()) {
      throw new IllegalArgumentException(
          "the anodev2 experiment needs one N_t and at least one seed, got N_t "
              + training.steps()
              + " and seeds "
              + training.seeds());
    }
  }

  /** Returns the ODE blocks' N_t. */
  public int steps() {
    return training.steps().get(0);
  }

  /** 2 seeds, 300 iterations on 6000 training and 1000 test images, N_t = 2. */
  public static Anodev2Settings quick() {
    return new Anodev2Settings(
        "quick",
        0.1,
        new AnodeSettings.Training(List.of(2), List.of(1L, 2L), 300, 25, 32, 6000, 1000, 2e-3));
  }

  /** 3 seeds, 3000 iterations on the whole data set, N_t = 2. */
  public static Anodev2Settings full() {
    return new Anodev2Settings(
        "full",
        0.1,
        new AnodeSettings.Training(
            List.of(2), List.of(1L, 2L, 3L), 3000, 100, 32, 60000, 10000, 2e-3));
  }

  /** A seconds-long run for tests. */
  public static Anodev2Settings tiny() {
    return new Anodev2Settings(
        "tiny", 0.1, new AnodeSettings.Training(List.of(2), List.of(1L), 4, 2, 16, 128, 64, 2e-3));
  }
}

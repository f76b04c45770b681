package org.node4j.lab.experiment.anode;

import java.util.List;

/**
 * What {@code node4j experiment anode} runs.
 *
 * @param mode "quick" or "full", for the report
 * @param seeds the seeds of the consistency study (weights, inputs and cotangent)
 * @param steps the N_t of the consistency study
 * @param fitFrom the smallest N_t of the order fits
 * @param memoryBlocks the L of the memory study
 * @param memorySteps the N_t of the memory study
 * @param measureHeap whether the memory cells also measure the retained heap
 */
public record AnodeSettings(
    String mode,
    List<Long> seeds,
    List<Integer> steps,
    int fitFrom,
    List<Integer> memoryBlocks,
    List<Integer> memorySteps,
    boolean measureHeap) {

  /** Checks the values. */
  public AnodeSettings {
    seeds = List.copyOf(seeds);
    steps = List.copyOf(steps);
    memoryBlocks = List.copyOf(memoryBlocks);
    memorySteps = List.copyOf(memorySteps);
    if (seeds.isEmpty() || steps.size() < 3 || memoryBlocks.size() < 2 || memorySteps.size() < 2) {
      throw new IllegalArgumentException(
          "the anode experiment needs a seed, 3 or more N_t and 2 or more L and memory N_t");
    }
  }

  /** N_t = 1 .. 64, 1 seed; memory at L = 1, 2, 4 and N_t = 2, 4, 8, 16. */
  public static AnodeSettings quick() {
    return new AnodeSettings(
        "quick",
        List.of(1L),
        List.of(1, 2, 4, 8, 16, 32, 64),
        4,
        List.of(1, 2, 4),
        List.of(2, 4, 8, 16),
        true);
  }

  /** N_t = 1 .. 64 over 3 seeds; memory at L = 1, 2, 4, 8 and N_t = 2 .. 64. */
  public static AnodeSettings full() {
    return new AnodeSettings(
        "full",
        List.of(1L, 2L, 3L),
        List.of(1, 2, 4, 8, 16, 32, 64),
        4,
        List.of(1, 2, 4, 8),
        List.of(2, 4, 8, 16, 32, 64),
        true);
  }

  /** A seconds-long run for tests. */
  public static AnodeSettings tiny() {
    return new AnodeSettings(
        "tiny", List.of(1L), List.of(1, 2, 4, 8), 2, List.of(1, 2), List.of(2, 4), false);
  }
}

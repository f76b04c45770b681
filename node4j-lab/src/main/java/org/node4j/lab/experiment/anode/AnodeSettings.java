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
 * @param rssBlocks the L at which the memory cells also measure peak RSS in a child JVM (with
 *     {@code rssSteps}; empty for none)
 * @param rssSteps the N_t at which they do
 * @param training the training comparison
 */
public record AnodeSettings(
    String mode,
    List<Long> seeds,
    List<Integer> steps,
    int fitFrom,
    List<Integer> memoryBlocks,
    List<Integer> memorySteps,
    boolean measureHeap,
    List<Integer> rssBlocks,
    List<Integer> rssSteps,
    Training training) {

  /** Checks the values. */
  public AnodeSettings {
    seeds = List.copyOf(seeds);
    steps = List.copyOf(steps);
    memoryBlocks = List.copyOf(memoryBlocks);
    memorySteps = List.copyOf(memorySteps);
    rssBlocks = List.copyOf(rssBlocks);
    rssSteps = List.copyOf(rssSteps);
    if (seeds.isEmpty() || steps.size() < 3 || memoryBlocks.size() < 2 || memorySteps.size() < 2) {
      throw new IllegalArgumentException(
          "the anode experiment needs a seed, 3 or more N_t and 2 or more L and memory N_t");
    }
  }

  /**
   * The training comparison: every {@link TrainingMethod} at every N_t of {@code steps} (Euler; the
   * paper's default is N_t = 2) and seed.
   *
   * @param steps the N_t
   * @param seeds the seeds
   * @param iterations training iterations per cell
   * @param logEvery iterations between log points
   * @param batch the batch size
   * @param trainSize training images used
   * @param testSize test images used
   * @param lr Adam's learning rate
   */
  public record Training(
      List<Integer> steps,
      List<Long> seeds,
      int iterations,
      int logEvery,
      int batch,
      int trainSize,
      int testSize,
      double lr) {
    /**
     * Returns the reports' sentence naming the data set and its subset, e.g. "Data:
     * **fashion-mnist** (CIFAR-10, the paper's data, was not found; ...), the first 6000 training
     * and 1000 test images."
     */
    public String dataSentence(String dataset) {
      return "Data: **"
          + dataset
          + "**"
          + ("cifar10".equals(dataset)
              ? ""
              : " (CIFAR-10, the paper's data, was not found; the first available of"
                  + " Fashion-MNIST and MNIST is used)")
          + ", the first "
          + trainSize()
          + " training and "
          + testSize()
          + " test images.";
    }

    /** Copies the lists. */
    public Training {
      steps = List.copyOf(steps);
      seeds = List.copyOf(seeds);
    }
  }

  /** Returns whether the memory cell (L, N_t) measures peak RSS in a child JVM. */
  public boolean measuresRss(int blocks, int steps) {
    return rssBlocks.contains(blocks) && rssSteps.contains(steps);
  }

  /**
   * N_t = 1 .. 64, 1 seed; memory at L = 1, 2, 4 and N_t = 2, 4, 8, 16, peak RSS at L = 2, 4 and
   * N_t = 8, 16 (16 child JVMs); training 300 iterations on 6000 images at N_t = 2 and 8, 1 seed.
   */
  public static AnodeSettings quick() {
    return new AnodeSettings(
        "quick",
        List.of(1L),
        List.of(1, 2, 4, 8, 16, 32, 64),
        4,
        List.of(1, 2, 4),
        List.of(2, 4, 8, 16),
        true,
        List.of(2, 4),
        List.of(8, 16),
        new Training(List.of(2, 8), List.of(1L), 300, 25, 32, 6000, 1000, 2e-3));
  }

  /**
   * N_t = 1 .. 64 over 3 seeds; memory, peak RSS included, at L = 1, 2, 4, 8 and N_t = 2 .. 64;
   * training 3000 iterations on the whole training set at N_t = 2 and 8, 3 seeds.
   */
  public static AnodeSettings full() {
    return new AnodeSettings(
        "full",
        List.of(1L, 2L, 3L),
        List.of(1, 2, 4, 8, 16, 32, 64),
        4,
        List.of(1, 2, 4, 8),
        List.of(2, 4, 8, 16, 32, 64),
        true,
        List.of(1, 2, 4, 8),
        List.of(2, 4, 8, 16, 32, 64),
        new Training(List.of(2, 8), List.of(1L, 2L, 3L), 3000, 100, 32, 60000, 10000, 2e-3));
  }

  /** A seconds-long run for tests. */
  public static AnodeSettings tiny() {
    return new AnodeSettings(
        "tiny",
        List.of(1L),
        List.of(1, 2, 4, 8),
        2,
        List.of(1, 2),
        List.of(2, 4),
        false,
        List.of(),
        List.of(),
        new Training(List.of(2), List.of(1L), 4, 2, 16, 128, 64, 2e-3));
  }
}

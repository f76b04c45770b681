package org.node4j.lab.config;

/**
 * The training loop: batches, length, seed and the cadence of evaluation, checkpoints and logs.
 *
 * @param batchSize samples per training batch (the seeds: 128 for Sphere2, 256 for CIFAR-10)
 * @param iterations optimiser steps (the seeds: 10 000 for Sphere2, 7 800 for CIFAR-10)
 * @param seed the seed of the batch shuffling and of the model's initialisation
 * @param evalInterval evaluate on the test set every this many iterations (and at the end); 0
 *     evaluates only at the end
 * @param checkpointInterval write a checkpoint every this many iterations (and at the end); 0
 *     writes one only at the end
 * @param keepCheckpoints how many of the newest checkpoints to keep, at least 1
 * @param evalBatchSize samples per batch when evaluating
 * @param flushInterval flush the metrics CSV every this many rows (and before every checkpoint)
 */
public record TrainingConfig(
    int batchSize,
    int iterations,
    long seed,
    int evalInterval,
    int checkpointInterval,
    int keepCheckpoints,
    int evalBatchSize,
    int flushInterval) {

  /** Validates the values. */
  public TrainingConfig {
    Checks.atLeast("training.batchSize", batchSize, 1);
    Checks.atLeast("training.iterations", iterations, 1);
    Checks.atLeast("training.evalInterval", evalInterval, 0);
    Checks.atLeast("training.checkpointInterval", checkpointInterval, 0);
    Checks.atLeast("training.keepCheckpoints", keepCheckpoints, 1);
    Checks.atLeast("training.evalBatchSize", evalBatchSize, 1);
    Checks.atLeast("training.flushInterval", flushInterval, 1);
  }

  /** Returns the seeds' Sphere2 loop: batch 128, 10 000 iterations, seed 0. */
  public static TrainingConfig defaults() {
    return new TrainingConfig(128, 10_000, 0L, 500, 500, 2, 1000, 50);
  }
}

package org.node4j.lab.experiment.marion;

import java.util.ArrayList;
import java.util.List;

/**
 * The sizes of the image experiment (Marion et al., ICLR 2024, §5.2 and App. 11, Table 1). The
 * paper: depth L = 256, SGD at rate 4e-2 with momentum 0.9 and weight decay 5e-4, cosine annealing
 * over 180 epochs, batch 64, the whole of CIFAR-10, 5 runs.
 *
 * @param depth L
 * @param runs runs (seeds) per activation and initialisation
 * @param trainSamples the first training images used ({@link Integer#MAX_VALUE}: all)
 * @param testSamples the first test images used
 * @param batch images per batch (training and testing)
 * @param epochs epochs of the cosine schedule
 * @param checkpointEvery every how many iterations a cell saves a checkpoint
 */
public record ImageSettings(
    int depth,
    int runs,
    int trainSamples,
    int testSamples,
    int batch,
    int epochs,
    int checkpointEvery) {

  /** The paper's rate. */
  static final double RATE = 4e-2;

  /** The paper's momentum. */
  static final double MOMENTUM = 0.9;

  /** The paper's weight decay. */
  static final double WEIGHT_DECAY = 5e-4;

  /**
   * The paper's protocol: L = 256, 180 epochs of 781 batches of 64 CIFAR-10 images, 5 runs of each
   * of the 6 (σ, init) pairs. Expected cost, extrapolated from the quick cells (about 0.25
   * CPU-seconds per iteration of the depth-16 network on 9 × 9 maps, evaluation included): about
   * 4.5 CPU-seconds per iteration at depth 256 on CIFAR-10's 10 × 10 maps, so about a CPU-week per
   * cell's 140 580 iterations and some 220 CPU-days for the 30 cells. GPU work, as the authors';
   * supported and resumable (checkpoints every 200 iterations), not meant for a 2-core machine.
   */
  public static ImageSettings full() {
    return new ImageSettings(256, 5, Integer.MAX_VALUE, Integer.MAX_VALUE, 64, 180, 200);
  }

  /**
   * CPU-sized: L = 16, one run, the first 1024 training and 512 test images, batch 64, 4 epochs (64
   * iterations); about 85 CPU-seconds for the 6 cells (12 for identity or ReLU, 19 for GELU, each
   * measured as the CPU time of the one thread that ran it), so about 45 s of the quick run's wall
   * time on 2 cores.
   */
  public static ImageSettings quick() {
    return new ImageSettings(16, 1, 1024, 512, 64, 4, 16);
  }

  /** Seconds-long sizes, for tests of the pipeline (not a measurement). */
  public static ImageSettings tiny() {
    return new ImageSettings(3, 1, 48, 32, 16, 2, 2);
  }

  /** No image experiment. */
  public static ImageSettings none() {
    return new ImageSettings(1, 0, 2, 2, 2, 1, 1);
  }

  /** Whether there is anything to run. */
  public boolean enabled() {
    return runs > 0;
  }

  /** The cells: every activation × {tied, i.i.d.} × run, seeds {@code seed}, {@code seed + 1}... */
  List<ImageCell> cells(long seed) {
    List<ImageCell> cells = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      for (Sigma sigma : List.of(Sigma.IDENTITY, Sigma.GELU, Sigma.RELU)) {
        for (WeightInit init : List.of(WeightInit.TIED, WeightInit.IID)) {
          cells.add(
              new ImageCell(
                  sigma,
                  init,
                  depth,
                  trainSamples,
                  testSamples,
                  batch,
                  epochs,
                  RATE,
                  MOMENTUM,
                  WEIGHT_DECAY,
                  seed + r,
                  checkpointEvery));
        }
      }
    }
    return cells;
  }
}

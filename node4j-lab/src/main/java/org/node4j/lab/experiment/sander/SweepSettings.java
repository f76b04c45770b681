package org.node4j.lab.experiment.sander;

import java.util.ArrayList;
import java.util.List;
import org.node4j.nn.model.ResidualNetwork;

/**
 * The sizes of part 5, the image depth sweep (Sander et al., NeurIPS 2022, Fig. 3c / 4). The paper:
 * depths 2..64, 4 seeds, SGD rate 0.1, momentum 0.9, weight decay 5e-4, batch 256, 90 epochs with
 * the rate / 10 at epochs 30 and 60, the whole of CIFAR-10.
 *
 * @param depths the depths N
 * @param seeds seeds per (scheme, gradient, depth)
 * @param trainSamples the first training samples used (the whole set when larger)
 * @param testSamples the first test samples used
 * @param milestones epochs at which the rate is divided by 10
 */
public record SweepSettings(
    List<Integer> depths,
    int seeds,
    int trainSamples,
    int testSamples,
    int batch,
    int epochs,
    List<Integer> milestones) {

  /** The paper's initial rate. */
  static final double RATE = 0.1;

  /** The paper's momentum. */
  static final double MOMENTUM = 0.9;

  /** The paper's weight decay. */
  static final double WEIGHT_DECAY = 5e-4;

  /** The paper's protocol on the whole training and test sets. */
  public static SweepSettings full() {
    return new SweepSettings(
        List.of(2, 4, 8, 16, 32, 64),
        4,
        Integer.MAX_VALUE,
        Integer.MAX_VALUE,
        256,
        90,
        List.of(30, 60));
  }

  /**
   * CPU-sized: depths 2, 4, 8, three seeds (the fewest that give a band: the report's 25–75 %
   * quantiles), 1280 training and 512 test samples, batch 64, 4 epochs (80 iterations) with the
   * rate / 10 at epochs 2 and 3. The smaller subsets and the shorter schedule pay for two of the
   * three seeds: the sweep costs about twice the one-seed sweep on 1536 / 1024 images for 5 epochs.
   */
  public static SweepSettings quick() {
    return new SweepSettings(List.of(2, 4, 8), 3, 1280, 512, 64, 4, List.of(2, 3));
  }

  /** No depth sweep (for tests of the other parts). */
  public static SweepSettings none() {
    return new SweepSettings(List.of(), 0, 0, 0, 2, 1, List.of());
  }

  /** The cells: every scheme, gradient method, depth and seed. */
  List<Cells.Cell> cells() {
    List<Cells.Cell> cells = new ArrayList<>();
    for (int n : depths) {
      for (ResidualNetwork.Scheme scheme : ResidualNetwork.Scheme.values()) {
        if (scheme == ResidualNetwork.Scheme.HEUN && n < 2) {
          continue;
        }
        for (MemoryMethod g : List.of(MemoryMethod.BACKPROP, MemoryMethod.MEMORY_FREE)) {
          for (int s = 0; s < seeds; s++) {
            cells.add(
                new Cells.Sweep(
                    scheme,
                    g,
                    n,
                    s,
                    trainSamples,
                    testSamples,
                    batch,
                    epochs,
                    RATE,
                    MOMENTUM,
                    WEIGHT_DECAY,
                    milestones));
          }
        }
      }
    }
    return cells;
  }
}

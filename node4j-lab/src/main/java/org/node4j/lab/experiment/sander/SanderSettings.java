package org.node4j.lab.experiment.sander;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.node4j.nn.model.ResidualNetwork;

/**
 * The sizes of one run of the experiment: the paper's protocol ({@link #full()}), the reduced one
 * that finishes within minutes ({@link #quick()}), and a seconds-long one for tests.
 *
 * @param mode "full", "quick" or "tiny"
 * @param width d, the perceptron's state width (parts 1 and 2)
 * @param hidden m, its hidden width
 * @param batch inputs per measurement
 * @param distanceDepths part 1's depths N
 * @param distanceSeeds part 1's weight draws per kind and depth
 * @param substeps RK4 steps per layer interval of the associated ODE
 * @param gradientDepths part 2's depths N
 * @param gradientSeeds part 2's weight draws
 * @param fitFrom the smallest N of every slope fit
 * @param trainedIterations gradient-descent iterations of the trained-network probe
 * @param trainedDepths the depths d of its copies
 * @param memoryDepths part 3's depths
 * @param memoryMethods part 3's methods
 * @param memoryInChild whether part 3 measures peak RSS in child JVMs
 * @param memoryWidth the probe MLP's width (500 in the paper)
 * @param memoryBatch the probe's batch (500)
 * @param linearDepths part 4's depths
 * @param sweep part 5's sizes
 */
public record SanderSettings(
    String mode,
    int width,
    int hidden,
    int batch,
    List<Integer> distanceDepths,
    int distanceSeeds,
    int substeps,
    List<Integer> gradientDepths,
    int gradientSeeds,
    int fitFrom,
    int trainedIterations,
    List<Integer> trainedDepths,
    List<Integer> memoryDepths,
    List<MemoryMethod> memoryMethods,
    boolean memoryInChild,
    int memoryWidth,
    int memoryBatch,
    List<Integer> linearDepths,
    SweepSettings sweep) {

  /** The perceptron's hidden width of the memory probe (8 in the paper). */
  static final int MEMORY_HIDDEN = 8;

  /** The depth the trained-network probe trains at (32 in the paper). */
  static final int TRAIN_DEPTH = 32;

  /** Synthetic regression samples of the trained-network probe. */
  static final int TRAIN_SAMPLES = 64;

  /** Its gradient-descent rate scale c (rate c N). */
  static final double TRAIN_RATE = 0.05;

  /** Part 4's rate scale c (rate c N; the authors' 100 at N = 100). */
  static final double LINEAR_RATE_SCALE = 1.0;

  /** Part 4's iteration cap (the authors' script). */
  static final int LINEAR_MAX_ITERATIONS = 10_000;

  /** Part 4's stopping loss. */
  static final double LINEAR_TOLERANCE = 1e-5;

  /** The paper's protocol: N = 4..1024, 8..512, depths 1..151 in steps of 25, 3 seeds. */
  public static SanderSettings full() {
    return new SanderSettings(
        "full",
        8,
        16,
        16,
        powers(4, 1024),
        3,
        8,
        powers(8, 512),
        3,
        32,
        2000,
        List.of(4, 8, 16, 32, 64),
        List.of(1, 26, 51, 76, 101, 126, 151),
        List.of(MemoryMethod.values()),
        true,
        500,
        500,
        List.of(50, 100, 200, 400),
        SweepSettings.full());
  }

  /** The reduced protocol: N = 4..256 and 8..128, one seed, memory at depths 1, 51, 101, 151. */
  public static SanderSettings quick() {
    return new SanderSettings(
        "quick",
        8,
        16,
        16,
        powers(4, 256),
        1,
        8,
        powers(8, 128),
        1,
        32,
        300,
        List.of(4, 8, 16, 32, 64),
        List.of(1, 51, 101, 151),
        List.of(MemoryMethod.values()),
        true,
        500,
        500,
        List.of(50, 100, 200, 400),
        SweepSettings.quick());
  }

  /** A seconds-long run for tests: small sizes, no child JVMs. */
  public static SanderSettings tiny() {
    return new SanderSettings(
        "tiny",
        4,
        8,
        4,
        powers(4, 64),
        1,
        4,
        powers(8, 64),
        1,
        8,
        20,
        List.of(8, 32),
        List.of(1, 9),
        List.of(MemoryMethod.BACKPROP, MemoryMethod.MEMORY_FREE),
        false,
        32,
        16,
        List.of(50, 100),
        SweepSettings.none());
  }

  /** A grid of a few seconds for tests of the whole run: every part, toy sizes, no child JVMs. */
  static SanderSettings toy() {
    return new SanderSettings(
        "toy",
        4,
        8,
        4,
        List.of(32, 64, 128),
        1,
        4,
        List.of(8, 16),
        1,
        8,
        6,
        List.of(8),
        List.of(1, 5),
        List.of(MemoryMethod.BACKPROP, MemoryMethod.MEMORY_FREE),
        false,
        16,
        4,
        List.of(50, 100),
        SweepSettings.none());
  }

  static List<Integer> powers(int from, int to) {
    return IntStream.iterate(from, n -> n <= to, n -> n * 2).boxed().toList();
  }

  /** Every cell of the grid, cheap parts first. */
  List<Cells.Cell> cells() {
    List<Cells.Cell> cells = new ArrayList<>();
    for (WeightKind kind : WeightKind.values()) {
      for (int n : distanceDepths) {
        for (int s = 0; s < distanceSeeds; s++) {
          cells.add(new Cells.Distance(kind, n, s, width, hidden, batch, substeps));
        }
      }
    }
    for (ResidualNetwork.Scheme scheme : ResidualNetwork.Scheme.values()) {
      for (WeightKind kind : List.of(WeightKind.SMOOTH, WeightKind.IID)) {
        for (int n : gradientDepths) {
          for (int s = 0; s < gradientSeeds; s++) {
            cells.add(new Cells.Gradient(scheme, kind, n, s, width, hidden, batch));
          }
        }
      }
    }
    for (int n : linearDepths) {
      cells.add(
          new Cells.Linear(n, 0, LINEAR_RATE_SCALE, LINEAR_MAX_ITERATIONS, LINEAR_TOLERANCE, 200));
    }
    for (ResidualNetwork.Scheme scheme : ResidualNetwork.Scheme.values()) {
      cells.add(
          new Cells.Trained(
              scheme,
              TRAIN_DEPTH,
              trainedDepths,
              trainedIterations,
              TRAIN_RATE,
              0,
              width,
              hidden,
              TRAIN_SAMPLES));
    }
    for (MemoryMethod m : memoryMethods) {
      for (int n : memoryDepths) {
        cells.add(new Cells.Memory(m, n, memoryWidth, MEMORY_HIDDEN, memoryBatch, memoryInChild));
      }
    }
    cells.addAll(sweep.cells());
    return cells;
  }
}

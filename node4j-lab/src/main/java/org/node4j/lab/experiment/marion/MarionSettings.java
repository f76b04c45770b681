package org.node4j.lab.experiment.marion;

import java.util.List;

/**
 * The sizes of every part of the experiment, for the full protocol (Marion et al., ICLR 2024, §5.1
 * and App. 11) and for the CPU-sized {@code --quick} run.
 *
 * @param mode "full" or "quick", for the report
 * @param seed seeds every run's data and weights
 * @param depths Fig. 1-left depths
 * @param horizon T of Fig. 1 (iterations of every large-depth run)
 * @param horizons the several T at which max_{k, t ≤ T} ‖Z_{k+1} − Z_k‖_F is reported
 * @param snapshots the training times t of Fig. 1-right
 * @param referenceDepth the depth that stands for the limit in Fig. 1-right
 * @param longDepth L of the long-time run (Fig. 2)
 * @param longIterations its iterations
 * @param entryEvery every how many iterations its weight entries are recorded
 * @param agreementDepths the depths of the long-time check at rate 5L × 10⁻³
 * @param agreementIterations their iterations (at most {@code longIterations})
 * @param activationDepths the depths of the σ × initialisation table
 * @param activationIterations their iterations
 * @param gpLengthScale the Gaussian-process init's length scale in s = k / L (the paper gives none;
 *     at 0.1, layers of depth 8 are 1.25 length scales apart, nearly independent, and layers of
 *     depth 32 a third of one)
 * @param reluHalves the ReLU counter-example's L (depth 2L)
 * @param checkpointEvery every how many iterations a run saves a checkpoint
 * @param images the sizes of the image experiment (Table 1), {@link ImageSettings#none()} to skip
 *     it
 */
public record MarionSettings(
    String mode,
    long seed,
    List<Integer> depths,
    int horizon,
    List<Integer> horizons,
    List<Integer> snapshots,
    int referenceDepth,
    int longDepth,
    int longIterations,
    int entryEvery,
    List<Integer> agreementDepths,
    int agreementIterations,
    List<Integer> activationDepths,
    int activationIterations,
    double gpLengthScale,
    List<Integer> reluHalves,
    int checkpointEvery,
    ImageSettings images) {

  /** Fig. 1: n = 100, d = 16, m = 32. */
  static final int N1 = 100;

  /** Fig. 2: n = 50, m = 64. */
  static final int N2 = 50;

  static final int D = 16;
  static final int M1 = 32;
  static final int M2 = 64;

  /** Checks that the reference depth is a multiple of every compared depth. */
  public MarionSettings {
    depths = List.copyOf(depths);
    horizons = List.copyOf(horizons);
    snapshots = List.copyOf(snapshots);
    agreementDepths = List.copyOf(agreementDepths);
    activationDepths = List.copyOf(activationDepths);
    reluHalves = List.copyOf(reluHalves);
    for (int l : depths) {
      if (referenceDepth % l != 0 || l > referenceDepth) {
        throw new IllegalArgumentException(
            "reference depth " + referenceDepth + " must be a multiple of depth " + l);
      }
    }
    for (int t : horizons) {
      if (t < 1 || t > horizon) {
        throw new IllegalArgumentException("horizon " + t + " outside 1.." + horizon);
      }
    }
    if (agreementIterations > longIterations) {
      throw new IllegalArgumentException(
          "the depth-agreement check reuses the long run, so it needs agreementIterations <= "
              + longIterations);
    }
  }

  /**
   * The paper's protocol: Fig. 1 at L = 2 .. 1024 (2^1 .. 2^10 for Fig. 1-right, against 2^14), T =
   * 500; Fig. 2 at L = 64 for 80 000 iterations; the check at L = 32, 64, 128 for 10 000; the image
   * experiment at L = 256 ({@link ImageSettings#full()}).
   */
  public static MarionSettings full() {
    return new MarionSettings(
        "full",
        0,
        List.of(2, 4, 8, 16, 32, 64, 128, 256, 512, 1024),
        500,
        List.of(50, 100, 250, 500),
        List.of(100, 500),
        1 << 14,
        64,
        80_000,
        500,
        List.of(32, 64, 128),
        10_000,
        List.of(64, 256),
        500,
        0.1,
        List.of(4, 16, 64, 256),
        200,
        ImageSettings.full());
  }

  /**
   * Fig. 1 at L = 2 .. 64 with T = 500 against a reference of depth 256; Fig. 2 for the issue's
   * quick size, 10&nbsp;000 iterations; the check at L = 16, 32, 64 for 1000; the σ × init table at
   * L = 8, 32 for 200; the CPU-sized image experiment ({@link ImageSettings#quick()}; drop it with
   * {@link #withImages} {@code (ImageSettings.none())}).
   */
  public static MarionSettings quick() {
    return new MarionSettings(
        "quick",
        0,
        List.of(2, 4, 8, 16, 32, 64),
        500,
        List.of(50, 100, 250, 500),
        List.of(100, 500),
        256,
        64,
        10_000,
        100,
        List.of(16, 32, 64),
        1000,
        List.of(8, 32),
        200,
        0.1,
        List.of(4, 16, 64, 256),
        200,
        ImageSettings.quick());
  }

  /** Seconds-long sizes, for tests of the whole pipeline (not a measurement). */
  public static MarionSettings tiny() {
    return new MarionSettings(
        "tiny",
        0,
        List.of(2, 4, 8),
        40,
        List.of(20, 40),
        List.of(40),
        16,
        4,
        40,
        10,
        List.of(2, 4),
        30,
        List.of(2, 4),
        10,
        0.1,
        List.of(2, 8),
        25,
        ImageSettings.none());
  }

  /** The same settings with another seed. */
  public MarionSettings withSeed(long newSeed) {
    return copy(newSeed, images);
  }

  /** The same settings with another image experiment. */
  public MarionSettings withImages(ImageSettings newImages) {
    return copy(seed, newImages);
  }

  private MarionSettings copy(long newSeed, ImageSettings newImages) {
    return new MarionSettings(
        mode,
        newSeed,
        depths,
        horizon,
        horizons,
        snapshots,
        referenceDepth,
        longDepth,
        longIterations,
        entryEvery,
        agreementDepths,
        agreementIterations,
        activationDepths,
        activationIterations,
        gpLengthScale,
        reluHalves,
        checkpointEvery,
        newImages);
  }
}

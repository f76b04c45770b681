package org.node4j.lab.experiment;

import java.util.List;
import java.util.Objects;
import org.node4j.lab.config.DatasetName;

/**
 * How much of Ott et al.'s protocol {@link ResnetAfterAll} runs. {@link #full} is the paper's (ICLR
 * 2021, §2.4), {@link #quick} a few-minute version on a laptop CPU, {@link #tiny} a seconds-long
 * version for tests.
 *
 * @param mode a label for the report: {@code full}, {@code quick} or {@code tiny}
 * @param dataset the data: sphere2 (the paper's Fig. 1) or mnist, fashion-mnist, cifar10
 * @param seeds the training seeds, one model per seed and K_train (the data stay the same)
 * @param iterations training iterations of every model
 * @param lr Adam's learning rate
 * @param batchSize training batch size
 * @param trainSteps the Euler step counts K_train to train with
 * @param testSteps the step counts K_test to test every model with
 * @param testSolvers the test solvers (Euler, midpoint, and torchdiffeq's rk4, here {@code rk4-38})
 * @param adaptationIterations iterations of the step-adaptation runs; 0 skips them
 * @param trainSamples training samples (0: the data set's default size)
 * @param testSamples test samples (0: the data set's default size)
 * @param width the hidden width of the ODE block (32 for Sphere2; the image block's channels)
 * @param dataDir the directory of the real data sets, or null for the default
 * @param fig4 the Fig. 4 part: rk4-38 and adaptive-solver training, tolerance adaptation
 */
public record ResnetAfterAllSettings(
    String mode,
    DatasetName dataset,
    List<Long> seeds,
    int iterations,
    double lr,
    int batchSize,
    List<Integer> trainSteps,
    List<Integer> testSteps,
    List<String> testSolvers,
    int adaptationIterations,
    int trainSamples,
    int testSamples,
    int width,
    String dataDir,
    Fig4Settings fig4) {

  /** The test solvers of Euler-trained models (Ott et al. 2021, §2.4). */
  public static final List<String> TEST_SOLVERS =
      org.node4j.lab.train.TestGrid.defaultSolvers(org.node4j.ode.solver.Solvers.euler()).stream()
          .map(s -> s.name())
          .toList();

  /** K_test = 1, 2, 4, ..., 1024, as in the paper's Fig. 1. */
  public static final List<Integer> FULL_TEST_STEPS = powersOfTwo(0, 10);

  /** Checks the values. */
  public ResnetAfterAllSettings {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(fig4, "fig4");
    seeds = List.copyOf(new java.util.TreeSet<>(seeds));
    trainSteps = List.copyOf(new java.util.TreeSet<>(trainSteps));
    testSteps = List.copyOf(testSteps);
    testSolvers = List.copyOf(testSolvers);
    require(!seeds.isEmpty(), "give at least one seed");
    require(seeds.stream().allMatch(x -> x >= 0), "seeds must be >= 0: " + seeds);
    require(iterations >= 1, "--iterations must be >= 1, got " + iterations);
    require(lr > 0 && Double.isFinite(lr), "the learning rate must be > 0, got " + lr);
    require(batchSize >= 1, "the batch size must be >= 1, got " + batchSize);
    require(!trainSteps.isEmpty(), "give at least one K_train");
    require(!testSteps.isEmpty(), "give at least one K_test");
    require(trainSteps.stream().allMatch(k -> k >= 1), "K_train must be >= 1: " + trainSteps);
    require(testSteps.stream().allMatch(k -> k >= 1), "K_test must be >= 1: " + testSteps);
    require(adaptationIterations >= 0, "adaptation iterations must be >= 0");
    require(width >= 1, "the width must be >= 1, got " + width);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Returns 2^from, ..., 2^to. */
  static List<Integer> powersOfTwo(int from, int to) {
    return java.util.stream.IntStream.rangeClosed(from, to).mapToObj(i -> 1 << i).toList();
  }

  /** Returns whether the data are images (the image block) rather than Sphere2. */
  public boolean images() {
    return !planar(dataset);
  }

  /**
   * Returns whether {@code d} is one of the paper's planar sets (Sphere2, three minima, XOR), whose
   * models share Sphere2's Conv1d block and whose ODE state can be drawn.
   */
  public static boolean planar(DatasetName d) {
    return d == DatasetName.SPHERE2 || d == DatasetName.THREE_MINIMA || d == DatasetName.XOR;
  }

  /**
   * The paper's protocol: 5 seeds, Adam lr 1e-4, batch 128, 10 000 iterations, K_train = 2 .. 256
   * on the planar sets (2 .. 32 with lr 1e-3 on images, batch 256, 7 800 iterations as on
   * CIFAR-10), K_test = 1 .. 1024, step adaptation as long as the grid runs; on the planar sets
   * also Fig. 4 ({@link Fig4Settings#full}).
   */
  public static ResnetAfterAllSettings full(DatasetName dataset) {
    if (planar(dataset)) {
      return new ResnetAfterAllSettings(
          "full",
          dataset,
          seedRange(5),
          10_000,
          1e-4,
          128,
          powersOfTwo(1, 8),
          FULL_TEST_STEPS,
          TEST_SOLVERS,
          10_000,
          0,
          0,
          32,
          null,
          Fig4Settings.full(10_000));
    }
    return new ResnetAfterAllSettings(
        "full",
        requireImages(dataset),
        seedRange(5),
        7_800,
        1e-3,
        256,
        powersOfTwo(1, 5),
        powersOfTwo(0, 7),
        TEST_SOLVERS,
        7_800,
        0,
        0,
        128,
        null,
        Fig4Settings.off());
  }

  /**
   * A few minutes on two cores, chosen to show both sides of the paper's result: 1 seed; Sphere2
   * with K_train = 2, 8, 32, 64, 128, Adam lr 1e-3 and 1000 iterations (the paper: lr 1e-4, 10 000
   * iterations; ten times the rate for a tenth of the iterations trains the models as far in a
   * tenth of the time), K_test = 1 .. 256, 1000 step-adaptation iterations; images with K_train =
   * 2, 8, 4000 training and 500 test images, width 8, lr 1e-3, 150 iterations of batch 64, K_test =
   * 1 .. 16; on the planar sets also Fig. 4 at {@link Fig4Settings#quick} (about half of the quick
   * run's 270 s of CPU time).
   */
  public static ResnetAfterAllSettings quick(DatasetName dataset) {
    if (planar(dataset)) {
      return new ResnetAfterAllSettings(
          "quick",
          dataset,
          seedRange(1),
          1000,
          1e-3,
          128,
          List.of(2, 8, 32, 64, 128),
          powersOfTwo(0, 8),
          TEST_SOLVERS,
          1000,
          0,
          0,
          32,
          null,
          Fig4Settings.quick(1000));
    }
    return new ResnetAfterAllSettings(
        "quick",
        requireImages(dataset),
        seedRange(1),
        150,
        1e-3,
        64,
        List.of(2, 8),
        powersOfTwo(0, 4),
        TEST_SOLVERS,
        0,
        4000,
        500,
        8,
        null,
        Fig4Settings.off());
  }

  /**
   * A seconds-long run for tests: 2 K_train values, K_test = 1, 2, 4, 8, 150 iterations (enough for
   * both models to train and collapse).
   */
  public static ResnetAfterAllSettings tiny() {
    return new ResnetAfterAllSettings(
        "tiny",
        DatasetName.SPHERE2,
        seedRange(1),
        150,
        1e-2,
        64,
        List.of(2, 4),
        powersOfTwo(0, 3),
        TEST_SOLVERS,
        50,
        256,
        200,
        32,
        null,
        Fig4Settings.off());
  }

  private static DatasetName requireImages(DatasetName d) {
    if (d != DatasetName.MNIST && d != DatasetName.FASHION_MNIST && d != DatasetName.CIFAR10) {
      throw new IllegalArgumentException(
          "resnet-after-all runs on sphere2, three-minima, xor, mnist, fashion-mnist or cifar10,"
              + " got "
              + d.id());
    }
    return d;
  }

  /** Returns seeds 0 .. n-1. */
  public static List<Long> seedRange(int n) {
    return java.util.stream.LongStream.range(0, n).boxed().toList();
  }

  /** Returns these settings with the training seeds {@code seeds}. */
  public ResnetAfterAllSettings withSeeds(List<Long> seeds) {
    return toBuilder().seeds(seeds).build();
  }

  /** Returns these settings with the Euler step counts {@code steps} to train with. */
  public ResnetAfterAllSettings withTrainSteps(List<Integer> steps) {
    return toBuilder().trainSteps(steps).build();
  }

  /** Returns these settings with Adam's learning rate {@code lr}. */
  public ResnetAfterAllSettings withLearningRate(double lr) {
    return toBuilder().lr(lr).build();
  }

  /** Returns these settings with {@code n} iterations for the grid and the adaptation runs. */
  public ResnetAfterAllSettings withIterations(int n) {
    return toBuilder()
        .iterations(n)
        .adaptationIterations(adaptationIterations == 0 ? 0 : n)
        .fig4(fig4.withIterations(fig4.iterations() == 0 ? 0 : n))
        .build();
  }

  /** Returns these settings reading real data from {@code dir}. */
  public ResnetAfterAllSettings withDataDir(String dir) {
    return toBuilder().dataDir(dir).build();
  }

  /** Returns a builder that starts from these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes some settings of a copy; {@link #build} checks the result. */
  public static final class Builder {
    private String mode;
    private DatasetName dataset;
    private List<Long> seeds;
    private int iterations;
    private double lr;
    private int batchSize;
    private List<Integer> trainSteps;
    private List<Integer> testSteps;
    private List<String> testSolvers;
    private int adaptationIterations;
    private int trainSamples;
    private int testSamples;
    private int width;
    private String dataDir;
    private Fig4Settings fig4;

    private Builder(ResnetAfterAllSettings s) {
      mode = s.mode;
      dataset = s.dataset;
      seeds = s.seeds;
      iterations = s.iterations;
      lr = s.lr;
      batchSize = s.batchSize;
      trainSteps = s.trainSteps;
      testSteps = s.testSteps;
      testSolvers = s.testSolvers;
      adaptationIterations = s.adaptationIterations;
      trainSamples = s.trainSamples;
      testSamples = s.testSamples;
      width = s.width;
      dataDir = s.dataDir;
      fig4 = s.fig4;
    }

    /** Sets the mode label. */
    public Builder mode(String v) {
      mode = v;
      return this;
    }

    /** Sets the data set. */
    public Builder dataset(DatasetName v) {
      dataset = v;
      return this;
    }

    /** Sets the seeds. */
    public Builder seeds(List<Long> v) {
      seeds = v;
      return this;
    }

    /** Sets the iterations of the grid's runs. */
    public Builder iterations(int v) {
      iterations = v;
      return this;
    }

    /** Sets the learning rate. */
    public Builder lr(double v) {
      lr = v;
      return this;
    }

    /** Sets the K_train values. */
    public Builder trainSteps(List<Integer> v) {
      trainSteps = v;
      return this;
    }

    /** Sets the K_test values. */
    public Builder testSteps(List<Integer> v) {
      testSteps = v;
      return this;
    }

    /** Sets the iterations of the step-adaptation runs (0 skips them). */
    public Builder adaptationIterations(int v) {
      adaptationIterations = v;
      return this;
    }

    /** Sets the number of training and test samples (0: the data set's default). */
    public Builder samples(int train, int test) {
      trainSamples = train;
      testSamples = test;
      return this;
    }

    /** Sets the directory of the real data sets. */
    public Builder dataDir(String v) {
      dataDir = v;
      return this;
    }

    /** Sets the Fig. 4 part ({@link Fig4Settings#off} to skip it). */
    public Builder fig4(Fig4Settings v) {
      fig4 = v;
      return this;
    }

    /** Returns the checked settings. */
    public ResnetAfterAllSettings build() {
      return new ResnetAfterAllSettings(
          mode,
          dataset,
          seeds,
          iterations,
          lr,
          batchSize,
          trainSteps,
          testSteps,
          testSolvers,
          adaptationIterations,
          trainSamples,
          testSamples,
          width,
          dataDir,
          fig4);
    }
  }
}

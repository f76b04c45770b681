package org.node4j.lab.train;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.node4j.lab.config.ConfigLoader;
import org.node4j.lab.config.ExperimentConfig;
import org.node4j.lab.config.StepAdaptationMode;
import org.node4j.lab.config.ToleranceAdaptationMode;
import org.node4j.lab.config.TrainingConfig;
import org.node4j.lab.config.UsageException;
import org.node4j.lab.data.Augmentation;
import org.node4j.lab.data.BatchOptions;
import org.node4j.lab.data.DatasetSplit;
import org.node4j.lab.data.MiniBatches;
import org.node4j.lab.io.Json;
import org.node4j.nn.io.ParameterStore;
import org.node4j.nn.optim.LrScheduler;
import org.node4j.nn.optim.Optimizer;
import org.node4j.nn.tensor.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link TrainableModel} as an {@link ExperimentConfig} says and writes a {@link
 * RunDirectory}; resumes from the run's newest checkpoint when there is one.
 *
 * <p>Iteration n (1-based): the batch of iteration n-1 of the seeded {@link MiniBatches}, cropped
 * and flipped as {@code data.augment} says ({@link Augmentation}, draws of iteration n), zeroed
 * gradients, forward and backward ({@link TrainableModel#trainBatch}), the due step or tolerance
 * adaptation check on that batch (after backward, before the optimiser step, as the seeds' code
 * does), the learning rate of the schedule at n - 1, the optimiser step, a metrics row; then the
 * due test evaluation and checkpoint. Everything that influences later iterations is in the
 * checkpoint, so an interrupted and resumed run produces the same numbers as an uninterrupted one
 * (wall times aside).
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  private final ExperimentConfig config;
  private final TrainableModel model;
  private final DatasetSplit data;
  private final RunDirectory run;
  private final ConfigLoader configs;
  private final List<TrainingListener> listeners;

  /**
   * Prepares a run; nothing happens before {@link #run}.
   *
   * @param config the experiment
   * @param model a freshly built model (a checkpoint, if any, overwrites its parameters)
   * @param data the train/test split the configuration describes
   * @param run the run directory
   * @param configs writes the run's {@code config.yaml} and reads it back when resuming
   * @param listeners observers, e.g. a progress bar
   */
  public Trainer(
      ExperimentConfig config,
      TrainableModel model,
      DatasetSplit data,
      RunDirectory run,
      ConfigLoader configs,
      List<TrainingListener> listeners) {
    this.config = config;
    this.model = model;
    this.data = data;
    this.run = run;
    this.configs = configs;
    this.listeners = List.copyOf(listeners);
  }

  /**
   * Trains to the configured number of iterations (or finishes a run already trained that far).
   *
   * @return the summary, also written to {@code summary.json}
   * @throws IllegalArgumentException when the directory holds a run of another configuration
   * @throws IOException when the run directory cannot be written
   */
  public TrainingSummary run() throws IOException {
    Files.createDirectories(run.root());
    Optimizer optimizer = Optimizers.create(config.optimizer(), model.parameters());
    TrainingConfig t = config.training();
    Checkpoints checkpoints = new Checkpoints(run.checkpoints(), t.keepCheckpoints());
    Optional<Checkpoints.Restored> restored = Optional.empty();
    if (checkpoints.any()) {
      requireSameConfig();
      restored = checkpoints.restoreLatest(model.parameters(), optimizer);
    }
    TrainerState start = restored.map(Checkpoints.Restored::state).orElse(null);
    if (start == null) {
      run.writeConfig(config, configs);
    } else {
      LOG.info("resuming {} at iteration {}", run.root(), start.iteration());
    }
    try (Session s = new Session(optimizer, checkpoints, start)) {
      return s.train();
    }
  }

  private void requireSameConfig() {
    ExperimentConfig stored = run.readConfig(configs);
    if (!stored.equals(config)) {
      throw new UsageException(
          run.root()
              + " holds a run of another configuration; resume it with its own config.yaml,"
              + " or train into another --out directory");
    }
  }

  /** The mutable state of one training session: buffers, logs, clocks and sums. */
  private final class Session implements AutoCloseable {
    private final Optimizer optimizer;
    private final LrScheduler scheduler;
    private final Checkpoints checkpoints;
    private final MiniBatches batches;
    private final Augmentation augmentation;
    private final Tensor x;
    private final int[] y;
    private final Tensor targets;
    private final Evaluator evaluator;
    private final CsvLog metrics;
    private final CsvLog evaluations;
    private final long startNanos = System.nanoTime();
    private final double wallOffset;
    private final Adaptation adaptation;
    private long iteration;
    private long sumForward;
    private long sumBackward;
    private double lastLoss;
    private double lastAccuracy;
    private int count;

    Session(Optimizer optimizer, Checkpoints checkpoints, TrainerState start) throws IOException {
      TrainingConfig t = config.training();
      this.optimizer = optimizer;
      this.scheduler =
          new LrScheduler(optimizer, Optimizers.schedule(config.optimizer(), t.iterations()));
      this.checkpoints = checkpoints;
      this.batches = new MiniBatches(data.train(), BatchOptions.training(t.batchSize(), t.seed()));
      this.augmentation = new Augmentation(config.data().augment(), data.sampleShape(), t.seed());
      int[] shape = new int[data.sampleShape().length + 1];
      shape[0] = t.batchSize();
      System.arraycopy(data.sampleShape(), 0, shape, 1, shape.length - 1);
      this.x = Tensor.zeros(model.dtype(), shape);
      this.y = new int[t.batchSize()];
      this.targets =
          data.train().isRegression()
              ? Tensor.zeros(model.dtype(), t.batchSize(), data.numClasses())
              : null;
      this.evaluator = new Evaluator(model, data.test(), t.evalBatchSize());
      this.iteration = start == null ? 0 : start.iteration();
      this.wallOffset = start == null ? 0 : start.wallSeconds();
      this.sumForward = start == null ? 0 : start.sumEvaluationsForward();
      this.sumBackward = start == null ? 0 : start.sumEvaluationsBackward();
      this.lastLoss = start == null ? Double.NaN : start.lastLoss();
      this.lastAccuracy = start == null ? Double.NaN : start.lastAccuracy();
      this.metrics = CsvLog.open(run.metrics(), IterationRecord.HEADER, iteration);
      this.evaluations = CsvLog.open(run.evaluations(), EvaluationRecord.HEADER, iteration);
      int firstCount = start == null ? batches.fill(0, x, y) : 0;
      if (targets != null
          && (config.stepAdaptation().mode() != StepAdaptationMode.OFF
              || config.toleranceAdaptation().mode() == ToleranceAdaptationMode.ON)) {
        throw new UsageException(
            "step and tolerance adaptation test classification accuracy (Ott et al.); "
                + config.data().name().id()
                + " is a regression set: set stepAdaptation.mode: off and"
                + " toleranceAdaptation.mode: off");
      }
      this.adaptation = Adaptation.start(config, model, start, x, firstCount);
    }

    TrainingSummary train() throws IOException {
      TrainingConfig t = config.training();
      listeners.forEach(l -> l.onStart(iteration, t.iterations()));
      while (iteration < t.iterations()) {
        step();
        if (due(t.evalInterval())) {
          evaluate();
        }
        if (due(t.checkpointInterval())) {
          checkpoint();
        }
      }
      return finish();
    }

    private boolean due(int interval) {
      long total = config.training().iterations();
      return iteration == total || (interval > 0 && iteration % interval == 0);
    }

    private void step() throws IOException {
      long n = iteration + 1;
      count = batches.fill(n - 1, x, y, targets);
      augmentation.apply(x, count, n);
      Integration used = model.integration();
      optimizer.zeroGrad();
      TrainableModel.BatchStats last =
          targets == null
              ? model.trainBatch(x, y, count)
              : model.trainRegressionBatch(x, targets, count);
      lastLoss = last.loss();
      lastAccuracy = last.accuracy();
      adaptation.afterBackward(n, model, last, in -> model.evaluate(x, y, count, in));
      scheduler.setEpoch(n - 1);
      optimizer.step();
      iteration = n;
      sumForward += last.evaluationsForward();
      sumBackward += last.evaluationsBackward();
      double t0 = config.integration().t0();
      double t1 = config.integration().t1();
      IterationRecord r =
          new IterationRecord(
              n,
              last.loss(),
              last.accuracy(),
              last.evaluationsForward(),
              last.evaluationsBackward(),
              Integrations.stepSize(used, t0, t1),
              Integrations.tolerance(used),
              wallSeconds());
      metrics.append(r.csv());
      if (n % config.training().flushInterval() == 0) {
        metrics.flush();
      }
      listeners.forEach(l -> l.onIteration(r));
    }

    private EvaluationRecord evaluate() throws IOException {
      Evaluator.Result e = evaluator.evaluate(model, model.integration());
      EvaluationRecord r =
          new EvaluationRecord(
              iteration,
              e.accuracy(),
              e.correct(),
              e.count(),
              e.meanEvaluations(),
              e.meanSquaredError(),
              wallSeconds());
      evaluations.append(r.csv());
      evaluations.flush();
      if (e.meanSquaredError() == null) {
        LOG.info("iteration {}: test accuracy {}", iteration, e.accuracy());
      } else {
        LOG.info("iteration {}: test mean squared error {}", iteration, e.meanSquaredError());
      }
      listeners.forEach(l -> l.onEvaluation(r));
      return r;
    }

    private void checkpoint() throws IOException {
      metrics.sync();
      evaluations.sync();
      TrainerState s =
          new TrainerState(
              iteration,
              wallSeconds(),
              adaptation.stepSize(),
              adaptation.tolerance(),
              adaptation.history(),
              sumForward,
              sumBackward,
              lastLoss,
              lastAccuracy);
      checkpoints.save(model.parameters(), optimizer, s);
      listeners.forEach(l -> l.onCheckpoint(iteration));
    }

    private TrainingSummary finish() throws IOException {
      ParameterStore.save(run.finalParams(), model.parameters());
      Evaluator.Result test = evaluator.evaluate(model, model.integration());
      Integration end = model.integration();
      double t0 = config.integration().t0();
      double t1 = config.integration().t1();
      boolean adaptive = end.solver().adaptive();
      TrainingSummary summary =
          new TrainingSummary(
              iteration,
              lastLoss,
              lastAccuracy,
              test.accuracy(),
              (double) sumForward / iteration,
              (double) sumBackward / iteration,
              end.solver().name(),
              adaptive ? null : Integrations.steps(end, t0, t1),
              adaptive ? null : Integrations.stepSize(end, t0, t1),
              adaptive ? Integrations.tolerance(end) : null,
              wallSeconds(),
              test.meanSquaredError());
      Json.writeFile(run.summary(), summary);
      listeners.forEach(l -> l.onFinish(summary));
      return summary;
    }

    private double wallSeconds() {
      return wallOffset + (System.nanoTime() - startNanos) * 1e-9;
    }

    @Override
    public void close() throws IOException {
      try (metrics;
          evaluations) {
        // closes both logs, flushing their rows
      }
    }
  }
}

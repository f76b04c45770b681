package org.node4j.lab.experiment.anode;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.node4j.lab.data.BatchOptions;
import org.node4j.lab.data.Dataset;
import org.node4j.lab.data.DatasetSplit;
import org.node4j.lab.data.Datasets;
import org.node4j.lab.data.MiniBatches;
import org.node4j.lab.data.RealDataset;
import org.node4j.lab.io.Json;
import org.node4j.nn.io.ParameterStore;
import org.node4j.nn.io.TensorFile;
import org.node4j.nn.model.OdeResNet;
import org.node4j.nn.optim.Adam;
import org.node4j.nn.optim.AdamOptions;
import org.node4j.nn.optim.Optimizer;
import org.node4j.nn.optim.OptimizerState;
import org.node4j.nn.optim.ParamGroup;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.integrate.SolveSetup;

/**
 * ANODE's training comparison (Gholami et al., IJCAI 2019, Figure 4 and the comparison table) for
 * one cell: an {@link OdeResNet} with two stages (stem 8 channels, stages of 8 and 16 channels at
 * stride 2) whose ODE blocks use Euler with N_t steps, trained with one {@link TrainingMethod} by
 * Adam on a real data set, its training loss and test accuracy logged every few iterations.
 *
 * <p>The cell checkpoints (parameters, batch-norm statistics, Adam's state and the curve so far) at
 * every logged iteration and resumes from the last checkpoint exactly: the batch of iteration i
 * depends only on i and the seed. A non-finite loss ends the run early, marked diverged.
 */
public final class TrainingStudy {
  /** The cell's curve file. */
  public static final String CURVE_FILE = "curve.json";

  private static final String CHECKPOINT = "checkpoint.n4j";
  private static final ObjectMapper MAPPER = Json.newMapper();

  /** The last data set loaded, kept while memory allows: the cells of a run share it. */
  private static java.lang.ref.SoftReference<Loaded> lastLoaded =
      new java.lang.ref.SoftReference<>(null);

  private record Loaded(String dataset, String dir, DatasetSplit split) {}

  private TrainingStudy() {}

  private static synchronized DatasetSplit load(String dataset, String dir) throws IOException {
    Loaded l = lastLoaded.get();
    if (l == null || !l.dataset().equals(dataset) || !l.dir().equals(dir)) {
      l = new Loaded(dataset, dir, Datasets.load(RealDataset.fromId(dataset), Path.of(dir)));
      lastLoaded = new java.lang.ref.SoftReference<>(l);
    }
    return l.split();
  }

  /**
   * A training cell's configuration.
   *
   * @param dataset the data set's id (mnist, fashion-mnist, cifar10)
   * @param dataDir where the data sets are
   * @param method the training method's id
   * @param steps N_t of every block
   * @param iterations training iterations
   * @param logEvery iterations between log points (and checkpoints)
   * @param batch the batch size
   * @param trainSize training images used (the first ones)
   * @param testSize test images used (the first ones)
   * @param lr Adam's learning rate
   * @param seed the initialisation and shuffling seed
   */
  public record Cell(
      String dataset,
      String dataDir,
      String method,
      int steps,
      int iterations,
      int logEvery,
      int batch,
      int trainSize,
      int testSize,
      double lr,
      long seed) {}

  /**
   * One log point.
   *
   * @param iteration iterations done
   * @param trainLoss mean training loss since the previous point
   * @param testAccuracy accuracy on the test images
   */
  public record LogPoint(int iteration, double trainLoss, double testAccuracy) {}

  /**
   * A cell's result.
   *
   * @param cell the configuration
   * @param points the log points
   * @param diverged whether the loss became non-finite
   */
  public record Curve(Cell cell, List<LogPoint> points, boolean diverged) {}

  /** Trains {@code c} into {@code runDir}, resuming from a checkpoint there. */
  public static Curve run(Cell c, Path runDir) throws IOException {
    return run(c, runDir, UnaryOperator.identity());
  }

  /**
   * As {@link #run(Cell, Path)} with the network's builder passed through {@code variant} before it
   * builds (ANODEV2's weight dynamics, {@code node4j experiment anodev2}).
   */
  public static Curve run(Cell c, Path runDir, UnaryOperator<OdeResNet.Builder> variant)
      throws IOException {
    DatasetSplit data = load(c.dataset(), c.dataDir()).subset(c.trainSize(), c.testSize());
    OdeResNet net =
        variant
            .apply(
                OdeResNet.builder(data.sampleShape(), data.numClasses())
                    .stemChannels(8)
                    .stage(8, 2)
                    .stage(16, 2)
                    .setup(SolveSetup.steps(Scheme.EULER.solver(), c.steps()))
                    .method(TrainingMethod.byId(c.method()).method(c.steps()))
                    .seed(c.seed()))
            .build();
    Optimizer opt = new Adam(AdamOptions.adam(), List.of(ParamGroup.of(net.parameters(), c.lr())));
    MiniBatches batches = new MiniBatches(data.train(), BatchOptions.training(c.batch(), c.seed()));
    int[] shape = batchShape(c.batch(), data.sampleShape());
    Tensor x = Tensor.zeros(DType.FLOAT32, shape);
    int[] y = new int[c.batch()];
    List<LogPoint> points = new ArrayList<>();
    int start = restore(runDir, net, opt, points);
    double lossSum = 0;
    int lossCount = 0;
    for (int i = start; i < c.iterations(); i++) {
      batches.fill(i, x, y);
      net.zeroGrad();
      double loss = net.trainBatch(x, y).loss();
      if (!Double.isFinite(loss)) {
        Curve d = new Curve(c, points, true);
        Json.writeFile(runDir.resolve(CURVE_FILE), d);
        return d;
      }
      opt.step();
      lossSum += loss;
      lossCount++;
      if ((i + 1) % c.logEvery() == 0 || i + 1 == c.iterations()) {
        points.add(new LogPoint(i + 1, lossSum / lossCount, accuracy(net, data.test(), c.batch())));
        lossSum = 0;
        lossCount = 0;
        save(runDir, net, opt, points);
      }
    }
    Curve done = new Curve(c, points, false);
    Json.writeFile(runDir.resolve(CURVE_FILE), done);
    return done;
  }

  /** Reads a finished cell's curve. */
  public static Curve read(Path runDir) throws IOException {
    return MAPPER.readValue(runDir.resolve(CURVE_FILE).toFile(), Curve.class);
  }

  private static double accuracy(OdeResNet net, Dataset test, int batch) {
    MiniBatches b = new MiniBatches(test, BatchOptions.evaluation(batch));
    Tensor x = Tensor.zeros(DType.FLOAT32, batchShape(batch, test.sampleShape()));
    int[] y = new int[batch];
    int correct = 0;
    for (int i = 0; i < b.batchesPerEpoch(); i++) {
      int count = b.fill(i, x, y);
      correct += net.countCorrect(x, y, count);
    }
    return (double) correct / test.size();
  }

  private static int[] batchShape(int batch, int[] sample) {
    int[] s = new int[sample.length + 1];
    s[0] = batch;
    System.arraycopy(sample, 0, s, 1, sample.length);
    return s;
  }

  private static void save(Path dir, OdeResNet net, Optimizer opt, List<LogPoint> points)
      throws IOException {
    Map<String, Tensor> t = new LinkedHashMap<>();
    ParameterStore.toMap(net.parameters()).forEach((k, v) -> t.put("param." + k, v));
    net.stateBuffers().forEach((k, v) -> t.put("buffer." + k, v));
    opt.exportState().tensors().forEach((k, v) -> t.put("optim." + k, v));
    double[] log = new double[3 * points.size()];
    for (int i = 0; i < points.size(); i++) {
      log[3 * i] = points.get(i).iteration();
      log[3 * i + 1] = points.get(i).trainLoss();
      log[3 * i + 2] = points.get(i).testAccuracy();
    }
    t.put("log", Tensor.wrap(log.length == 0 ? new double[1] : log, Math.max(1, log.length)));
    TensorFile.write(dir.resolve(CHECKPOINT), t);
  }

  /** Restores the checkpoint if there is one; returns the iteration to continue from. */
  private static int restore(Path dir, OdeResNet net, Optimizer opt, List<LogPoint> points)
      throws IOException {
    Path file = dir.resolve(CHECKPOINT);
    if (!Files.exists(file)) {
      return 0;
    }
    Map<String, Tensor> t = TensorFile.read(file);
    ParameterStore.copyInto("checkpoint " + file, strip(t, "param."), net.parameters());
    strip(t, "buffer.").forEach((k, v) -> net.stateBuffers().get(k).copyFrom(v));
    opt.importState(new OptimizerState(strip(t, "optim.")));
    Tensor log = t.get("log");
    for (int i = 0; i + 2 < log.size(); i += 3) {
      points.add(new LogPoint((int) log.get(i), log.get(i + 1), log.get(i + 2)));
    }
    return points.isEmpty() ? 0 : points.get(points.size() - 1).iteration();
  }

  private static Map<String, Tensor> strip(Map<String, Tensor> all, String prefix) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    all.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            out.put(k.substring(prefix.length()), v);
          }
        });
    return out;
  }
}

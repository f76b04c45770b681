package org.node4j.lab.experiment.marion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.node4j.lab.config.AugmentationConfig;
import org.node4j.lab.data.Augmentation;
import org.node4j.lab.data.BatchOptions;
import org.node4j.lab.data.Dataset;
import org.node4j.lab.data.DatasetSplit;
import org.node4j.lab.data.MiniBatches;
import org.node4j.lab.experiment.ImageData;
import org.node4j.lab.experiment.TinyResnet;
import org.node4j.lab.io.Json;
import org.node4j.nn.io.AtomicFiles;
import org.node4j.nn.io.TensorFile;
import org.node4j.nn.model.DepthInit;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.optim.LrSchedule;
import org.node4j.nn.optim.LrSchedules;
import org.node4j.nn.optim.OptimizerState;
import org.node4j.nn.optim.ParamGroup;
import org.node4j.nn.optim.Sgd;
import org.node4j.nn.optim.SgdOptions;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Trains one {@link ImageCell} into its run directory (Marion et al., ICLR 2024, §5.2 and App. 11;
 * their released code, michaelsdr/implicit-regularization-resnets-nodes, {@code train_tiny.py}):
 * the {@link TinyResnet} with σ in its residual functions, bn2 scale and shift 0 at the start,
 * convolutions from PyTorch's defaults drawn once and copied into every layer (tied) or drawn per
 * layer (i.i.d.); SGD with momentum and weight decay on every parameter (the paper's two groups
 * share rate and decay, so one group is the same), the rate annealed by a cosine over the epochs
 * (stepped per epoch, as {@code CosineAnnealingLR}); random crops with padding 4 and horizontal
 * flips of the training batches; every image normalised per channel (CIFAR-10 with the paper's
 * means and deviations, the Fashion-MNIST stand-in with its training subset's).
 *
 * <p>Every {@code checkpointEvery} iterations it saves the parameters, the optimiser's momentum,
 * the stem BatchNorm's running statistics, the iteration and the epoch losses in one atomic file; a
 * killed run resumes from it bit for bit (the batches and the augmentation of iteration n are drawn
 * from (seed, n) alone). At the end it writes {@code coefficients.csv} (three random coefficients
 * of each convolution against the layer index, at the start and the end) and {@code result.json}.
 */
final class ImageTraining {
  /** The coefficient plot's data: k, then conv1 and conv2 coefficients at t = 0 and at the end. */
  static final String COEFFICIENTS = "coefficients.csv";

  /** Random coefficients recorded per convolution. */
  static final int TRACKED = 3;

  /**
   * The paper's CIFAR-10 normalisation (their released code,
   * michaelsdr/implicit-regularization-resnets-nodes, {@code train_tiny.py}).
   */
  static final List<Double> CIFAR_MEAN = List.of(0.4914, 0.4822, 0.4465);

  static final List<Double> CIFAR_STD = List.of(0.2023, 0.1994, 0.2010);

  /** The paper's augmentation: random crop with padding 4, horizontal flip. */
  static final int CROP_PADDING = 4;

  private static final String ITERATION = "_iteration";
  private static final String LOSSES = "_epochLoss";
  private static final String STEM_MEAN = "_stem.runningMean";
  private static final String STEM_VAR = "_stem.runningVar";
  private static final String OPT = "_opt.";

  private ImageTraining() {}

  /**
   * Trains the cell (resuming from a checkpoint in {@code dir}) and writes its outputs.
   *
   * @param interruptAt test hook: stop with an exception right after the checkpoint at this
   *     iteration (-1: never)
   */
  static ImageResult run(ImageCell cell, Path dir, int interruptAt) throws IOException {
    DatasetSplit raw =
        ImageData.load("the image experiment", cell.trainSamples(), cell.testSamples());
    AugmentationConfig aug = augmentation(raw.train());
    Dataset train = Augmentation.normalize(raw.train(), aug);
    Dataset test = Augmentation.normalize(raw.test(), aug);
    int[] shape = train.sampleShape();
    TinyResnet net = network(cell, shape, train.numClasses());
    double[][] initial = {meanGaps(net, 0), meanGaps(net, 1)};
    List<List<Tensor>> origin = List.of(weights(net, 0), weights(net, 1));
    double[][] start = coefficients(net, cell);
    List<Parameter> params = net.parameters();
    Sgd sgd =
        new Sgd(
            SgdOptions.momentum(cell.momentum()),
            List.of(ParamGroup.of(params, cell.rate(), cell.weightDecay())));
    LrSchedule cosine = LrSchedules.cosine(cell.epochs(), 0);
    MiniBatches batches = new MiniBatches(train, BatchOptions.training(cell.batch(), cell.seed()));
    Augmentation random = new Augmentation(aug, shape, cell.seed());
    int perEpoch = batches.batchesPerEpoch();
    int total = perEpoch * cell.epochs();
    double[] epochLoss = new double[cell.epochs()];
    Path checkpoint = dir.resolve(CellOutputs.CHECKPOINT);
    int it = Files.exists(checkpoint) ? restore(checkpoint, net, sgd, epochLoss) : 0;
    Tensor x = Tensor.zeros(DType.FLOAT32, cell.batch(), shape[0], shape[1], shape[2]);
    int[] y = new int[cell.batch()];
    while (it < total) {
      int epoch = it / perEpoch;
      sgd.groups().get(0).setLr(cosine.lr(cell.rate(), epoch));
      batches.fill(it, x, y);
      random.apply(x, cell.batch(), it);
      epochLoss[epoch] += net.lossAndGradient(x, y) / perEpoch;
      sgd.step();
      it++;
      if (it % cell.checkpointEvery() == 0 && it < total) {
        save(checkpoint, net, sgd, it, epochLoss);
        if (it == interruptAt) {
          throw new IllegalStateException("interrupted at iteration " + it + " (test hook)");
        }
      }
    }
    ImageResult result =
        new ImageResult(
            cell,
            train.name(),
            total,
            net.accuracy(train, cell.batch()),
            net.accuracy(test, cell.batch()),
            mean(meanGaps(net, 0)),
            mean(meanGaps(net, 1)),
            mean(initial[0]),
            mean(initial[1]),
            mean(gaps(net, 0, origin.get(0))),
            mean(gaps(net, 1, origin.get(1))),
            epochLoss);
    writeCoefficients(dir.resolve(COEFFICIENTS), start, coefficients(net, cell));
    Json.writeFile(dir.resolve(CellOutputs.RESULT), result);
    Files.deleteIfExists(checkpoint);
    return result;
  }

  /** The network of {@code cell}, initialised from its seed. */
  static TinyResnet network(ImageCell cell, int[] shape, int classes) {
    var base = TinyResnet.residualInit(0.0);
    DepthInit init = cell.init() == WeightInit.TIED ? DepthInit.tied(base) : DepthInit.iid(base);
    return new TinyResnet(
        shape,
        classes,
        ResidualNetwork.Scheme.EULER,
        cell.depth(),
        DType.FLOAT32,
        cell.sigma()::layer,
        init,
        new SplittableRandom(cell.seed() * 7919L + cell.depth()));
  }

  /**
   * The paper's augmentation, normalising CIFAR-10 with the paper's constants and any other image
   * set with the per-channel mean and deviation of its training images.
   */
  static AugmentationConfig augmentation(Dataset train) {
    if (train.sampleShape()[0] == CIFAR_MEAN.size() && train.name().startsWith("cifar")) {
      return new AugmentationConfig(CROP_PADDING, true, CIFAR_MEAN, CIFAR_STD);
    }
    int channels = train.sampleShape()[0];
    int per = train.sampleSize() / channels;
    double[] sum = new double[channels];
    double[] sq = new double[channels];
    for (int i = 0; i < train.size(); i++) {
      for (int j = 0; j < train.sampleSize(); j++) {
        double v = train.feature(i, j);
        sum[j / per] += v;
        sq[j / per] += v * v;
      }
    }
    Double[] mean = new Double[channels];
    Double[] std = new Double[channels];
    double n = (double) train.size() * per;
    for (int c = 0; c < channels; c++) {
      mean[c] = sum[c] / n;
      std[c] = Math.sqrt(Math.max(sq[c] / n - mean[c] * mean[c], 1e-12));
    }
    return new AugmentationConfig(CROP_PADDING, true, List.of(mean), List.of(std));
  }

  /** ‖W_{k+1} − W_k‖_F for k = 0..L-2 of convolution {@code conv} (0: conv1, 1: conv2). */
  static double[] meanGaps(TinyResnet net, int conv) {
    return gaps(net, conv, null);
  }

  /**
   * ‖ΔW_{k+1} − ΔW_k‖_F for k = 0..L-2 with ΔW_k = W_k − origin_k ({@code origin} null: ΔW_k =
   * W_k).
   */
  static double[] gaps(TinyResnet net, int conv, List<Tensor> origin) {
    ResidualNetwork body = net.body();
    double[] gaps = new double[Math.max(0, body.depth() - 1)];
    for (int k = 0; k + 1 < body.depth(); k++) {
      Tensor a = weight(body, k, conv);
      Tensor b = weight(body, k + 1, conv);
      double s = 0;
      for (int i = 0; i < a.size(); i++) {
        double d = b.get(i) - a.get(i);
        if (origin != null) {
          d -= origin.get(k + 1).get(i) - origin.get(k).get(i);
        }
        s += d * d;
      }
      gaps[k] = Math.sqrt(s);
    }
    return gaps;
  }

  /** Copies of every layer's weight of convolution {@code conv}. */
  private static List<Tensor> weights(TinyResnet net, int conv) {
    List<Tensor> w = new java.util.ArrayList<>();
    for (int k = 0; k < net.body().depth(); k++) {
      w.add(weight(net.body(), k, conv).copy());
    }
    return w;
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return v.length == 0 ? 0 : s / v.length;
  }

  /** The weight tensor of convolution {@code conv} (0 or 1) of layer k. */
  private static Tensor weight(ResidualNetwork body, int k, int conv) {
    String name = "f" + k + ".conv" + (conv + 1) + ".weight";
    for (Parameter p : body.function(k).parameters()) {
      if (p.name().equals(name)) {
        return p.value();
      }
    }
    throw new IllegalStateException("layer " + k + " has no parameter " + name);
  }

  /**
   * [k][c]: the {@link #TRACKED} coefficients of conv1 then of conv2 at layer k, at indices drawn
   * from the cell's seed (the same for every σ and initialisation of one seed).
   */
  private static double[][] coefficients(TinyResnet net, ImageCell cell) {
    ResidualNetwork body = net.body();
    Random r = new Random(cell.seed() * 1_000_003L + 29);
    int size = weight(body, 0, 0).size();
    int[] at = new int[2 * TRACKED];
    for (int i = 0; i < at.length; i++) {
      at[i] = r.nextInt(size);
    }
    double[][] out = new double[body.depth()][at.length];
    for (int k = 0; k < body.depth(); k++) {
      for (int i = 0; i < at.length; i++) {
        out[k][i] = weight(body, k, i / TRACKED).get(at[i]);
      }
    }
    return out;
  }

  private static void writeCoefficients(Path file, double[][] start, double[][] end)
      throws IOException {
    StringBuilder sb = new StringBuilder("k");
    for (String when : List.of("t0", "end")) {
      for (int i = 0; i < 2 * TRACKED; i++) {
        sb.append(String.format(Locale.ROOT, ",conv%d_c%d_%s", 1 + i / TRACKED, i % TRACKED, when));
      }
    }
    sb.append('\n');
    for (int k = 0; k < start.length; k++) {
      sb.append(k);
      for (double[] row : List.of(start[k], end[k])) {
        for (double v : row) {
          sb.append(',').append(v);
        }
      }
      sb.append('\n');
    }
    AtomicFiles.writeString(file, sb);
  }

  private static void save(Path file, TinyResnet net, Sgd sgd, int it, double[] epochLoss)
      throws IOException {
    Map<String, Tensor> m = new LinkedHashMap<>();
    for (Parameter p : net.parameters()) {
      m.put(p.name(), p.value().copy());
    }
    sgd.exportState().tensors().forEach((k, v) -> m.put(OPT + k, v));
    m.put(STEM_MEAN, net.stemNorm().runningMean().copy());
    m.put(STEM_VAR, net.stemNorm().runningVar().copy());
    m.put(ITERATION, Tensor.wrap(new double[] {it}, 1));
    m.put(LOSSES, Tensor.wrap(epochLoss.clone(), epochLoss.length));
    TensorFile.write(file, m);
  }

  private static int restore(Path file, TinyResnet net, Sgd sgd, double[] epochLoss)
      throws IOException {
    Map<String, Tensor> m = TensorFile.read(file);
    for (Parameter p : net.parameters()) {
      p.value().copyFrom(require(m, p.name()));
    }
    Map<String, Tensor> opt = new LinkedHashMap<>();
    m.forEach(
        (k, v) -> {
          if (k.startsWith(OPT)) {
            opt.put(k.substring(OPT.length()), v);
          }
        });
    sgd.importState(new OptimizerState(opt));
    net.stemNorm().runningMean().copyFrom(require(m, STEM_MEAN));
    net.stemNorm().runningVar().copyFrom(require(m, STEM_VAR));
    Tensor losses = require(m, LOSSES);
    for (int i = 0; i < epochLoss.length; i++) {
      epochLoss[i] = losses.get(i);
    }
    return (int) require(m, ITERATION).get(0);
  }

  private static Tensor require(Map<String, Tensor> m, String key) throws IOException {
    Tensor t = m.get(key);
    if (t == null) {
      throw new IOException("checkpoint lacks " + key + "; delete it to restart the cell");
    }
    return t;
  }
}

package org.node4j.lab.experiment.sander;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.node4j.lab.data.Dataset;
import org.node4j.lab.data.DatasetSplit;
import org.node4j.lab.experiment.ImageData;
import org.node4j.lab.experiment.TinyResnet;
import org.node4j.nn.model.DepthInit;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Part 5, one cell of the depth sweep (Sander et al., NeurIPS 2022, Fig. 3c / 4): the {@link
 * TinyResnet} of one depth trained with one scheme and one gradient method by SGD with momentum and
 * weight decay (PyTorch's update: g + wd p into the momentum buffer) and a step schedule (rate / 10
 * at each milestone epoch); the test accuracy after every epoch. The metric is the paper's: test
 * error = 100 − the best test accuracy over epochs.
 *
 * <p>Resumable bit for bit: the batches of epoch e are a permutation drawn from (seed, e) alone,
 * and the checkpoint (every epoch, and when the test hook stops the run) holds the iteration, the
 * parameters, the momentum buffers, the stem BatchNorm's running statistics and the accuracies so
 * far. The residual BatchNorms' running statistics are never read (see {@link TinyResnet}).
 */
final class DepthSweep {
  private DepthSweep() {}

  /**
   * A finished cell.
   *
   * @param testAccuracy test accuracy in percent after each epoch
   * @param trainLoss mean training loss of each epoch
   */
  record Result(
      String dataset,
      double bestAccuracy,
      double testError,
      double[] testAccuracy,
      double[] trainLoss) {}

  /** What a checkpoint holds. */
  record State(
      int iteration,
      double[][] parameters,
      double[][] momentum,
      double[] runningMean,
      double[] runningVar,
      double[] testAccuracy,
      double[] trainLoss,
      double epochLoss) {}

  /** Trains {@code cell} in {@code runDir}, resuming from its checkpoint. */
  static Result run(Cells.Sweep cell, Path runDir, int stopAfter) throws IOException {
    DatasetSplit data = load(cell);
    Dataset train = data.train();
    Dataset test = data.test();
    int[] shape = train.sampleShape();
    TinyResnet net =
        new TinyResnet(
            shape,
            train.numClasses(),
            cell.scheme(),
            cell.depth(),
            DType.FLOAT32,
            DepthInit.iid(TinyResnet.residualInit(0.0)),
            new SplittableRandom(cell.seed() * 7919L + cell.depth()));
    net.body().setMethod(cell.gradient().method(cell.depth(), cell.scheme()));
    List<Parameter> params = net.parameters();
    List<double[]> momentum = new ArrayList<>();
    for (Parameter p : params) {
      momentum.add(new double[p.value().size()]);
    }
    int perEpoch = train.size() / cell.batch();
    int total = perEpoch * cell.epochs();
    double[] acc = new double[cell.epochs()];
    double[] losses = new double[cell.epochs()];
    int it = 0;
    double epochLoss = 0;
    State s = CellState.load(runDir, State.class).orElse(null);
    if (s != null) {
      it = s.iteration();
      for (int j = 0; j < params.size(); j++) {
        set(params.get(j).value(), s.parameters()[j]);
        System.arraycopy(s.momentum()[j], 0, momentum.get(j), 0, momentum.get(j).length);
      }
      set(net.stemNorm().runningMean(), s.runningMean());
      set(net.stemNorm().runningVar(), s.runningVar());
      acc = s.testAccuracy().clone();
      losses = s.trainLoss().clone();
      epochLoss = s.epochLoss();
    }
    int sampleSize = train.sampleSize();
    Tensor x = Tensor.zeros(DType.FLOAT32, cell.batch(), shape[0], shape[1], shape[2]);
    int[] labels = new int[cell.batch()];
    float[] buf = new float[sampleSize];
    int done = 0;
    while (it < total) {
      int epoch = it / perEpoch;
      int[] order = permutation(train.size(), cell.seed(), epoch);
      int start = (it % perEpoch) * cell.batch();
      for (int b = 0; b < cell.batch(); b++) {
        int i = order[start + b];
        fill(train, i, x, b, buf);
        labels[b] = train.label(i);
      }
      epochLoss += net.lossAndGradient(x, labels);
      step(params, momentum, cell, rate(cell, epoch));
      it++;
      if (it % perEpoch == 0) {
        losses[epoch] = epochLoss / perEpoch;
        epochLoss = 0;
        acc[epoch] = accuracy(net, test, cell.batch());
      }
      boolean stop = ++done >= stopAfter;
      if (stop || it % perEpoch == 0) {
        CellState.save(runDir, state(it, net, params, momentum, acc, losses, epochLoss));
      }
      if (stop && it < total) {
        throw new CellState.Interrupted(it);
      }
    }
    double best = 0;
    for (double a : acc) {
      best = Math.max(best, a);
    }
    return new Result(test.name(), best, 100 - best, acc, losses);
  }

  /** CIFAR-10 when present, else Fashion-MNIST ({@link ImageData}); subsets as configured. */
  static DatasetSplit load(Cells.Sweep cell) throws IOException {
    return ImageData.load("the depth sweep", cell.trainSamples(), cell.testSamples());
  }

  /** The step schedule: {@code lr} divided by 10 at each milestone epoch passed. */
  static double rate(Cells.Sweep cell, int epoch) {
    double r = cell.rate();
    for (int m : cell.milestones()) {
      if (epoch >= m) {
        r /= 10;
      }
    }
    return r;
  }

  private static void step(
      List<Parameter> params, List<double[]> momentum, Cells.Sweep c, double lr) {
    for (int j = 0; j < params.size(); j++) {
      Tensor v = params.get(j).value();
      Tensor g = params.get(j).grad();
      double[] m = momentum.get(j);
      for (int i = 0; i < m.length; i++) {
        double p = v.get(i);
        double d = g.get(i) + c.weightDecay() * p;
        m[i] = c.momentum() * m[i] + d;
        v.set(i, p - lr * m[i]);
      }
    }
  }

  /** Test accuracy in percent, in batches of the training size (a short last batch is dropped). */
  private static double accuracy(TinyResnet net, Dataset test, int batch) {
    int[] shape = test.sampleShape();
    Tensor x = Tensor.zeros(DType.FLOAT32, batch, shape[0], shape[1], shape[2]);
    int[] labels = new int[batch];
    float[] buf = new float[test.sampleSize()];
    int correct = 0;
    int seen = 0;
    for (int start = 0; start + batch <= test.size(); start += batch) {
      for (int b = 0; b < batch; b++) {
        fill(test, start + b, x, b, buf);
        labels[b] = test.label(start + b);
      }
      correct += net.correct(x, labels);
      seen += batch;
    }
    return 100.0 * correct / seen;
  }

  /** Copies sample i, centred and scaled to about unit range ((v - 0.5) / 0.5), into row b. */
  private static void fill(Dataset d, int i, Tensor x, int b, float[] buf) {
    d.copySample(i, buf, 0);
    int off = b * buf.length;
    for (int k = 0; k < buf.length; k++) {
      x.set(off + k, (buf[k] - 0.5) / 0.5);
    }
  }

  static int[] permutation(int n, int seed, int epoch) {
    SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + epoch);
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private static State state(
      int it,
      TinyResnet net,
      List<Parameter> params,
      List<double[]> momentum,
      double[] acc,
      double[] losses,
      double epochLoss) {
    double[][] values = new double[params.size()][];
    double[][] mom = new double[params.size()][];
    for (int j = 0; j < params.size(); j++) {
      values[j] = get(params.get(j).value());
      mom[j] = momentum.get(j).clone();
    }
    return new State(
        it,
        values,
        mom,
        get(net.stemNorm().runningMean()),
        get(net.stemNorm().runningVar()),
        acc.clone(),
        losses.clone(),
        epochLoss);
  }

  private static double[] get(Tensor t) {
    double[] v = new double[t.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = t.get(i);
    }
    return v;
  }

  private static void set(Tensor t, double[] v) {
    for (int i = 0; i < v.length; i++) {
      t.set(i, v[i]);
    }
  }
}

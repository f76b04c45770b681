package org.node4j.lab.experiment.sander;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.StoredStages;

/**
 * Part 2's trained-network probe (Sander et al., NeurIPS 2022, §4; their released code,
 * michaelsdr/resnet_nodes, {@code resnet_cifar/compare_gradients.py}): train a network of residual
 * perceptrons at depth 32, build depth-d copies whose layer i is trained layer floor(32 i / d), and
 * compare, per parameter tensor, the memory-free gradient with backpropagation's by the relative
 * squared error mean((g_bp - g_mf)^2) / mean(g_bp^2). The task is a synthetic regression instead of
 * the paper's CIFAR-10 network: Gaussian inputs x and linear targets y = M x with M = I + G / (2
 * sqrt d), mean squared error, full-batch gradient descent with the depth-scaled rate c N from
 * i.i.d. weights.
 */
final class TrainedProbe {
  private TrainedProbe() {}

  /**
   * One copy's errors.
   *
   * @param errors the relative squared error of each parameter tensor, layer by layer
   */
  record DepthErrors(int depth, double median, double max, double[] errors) {}

  /** The outcome: training losses and the errors per depth. */
  record Result(double initialLoss, double finalLoss, List<DepthErrors> depths) {}

  /** The training state that a checkpoint holds: the parameter values of every layer. */
  record State(int iteration, double initialLoss, double[][] parameters) {}

  /** Trains (resuming from a checkpoint) and probes {@code cell} in {@code runDir}. */
  static Result run(Cells.Trained cell, Path runDir, int stopAfter) throws IOException {
    ResidualNetwork net =
        ProbeNetworks.perceptron(
            cell.scheme(),
            WeightKind.IID,
            cell.trainDepth(),
            cell.width(),
            cell.hidden(),
            cell.seed());
    Tensor x = ProbeNetworks.gaussianBatch(cell.samples(), cell.width(), cell.seed() + 7L);
    Tensor y = targets(x, cell.seed());
    List<Parameter> params = net.parameters();
    State s = CellState.load(runDir, State.class).orElse(null);
    int it = 0;
    double initial = Double.NaN;
    if (s != null) {
      for (int j = 0; j < params.size(); j++) {
        Tensor v = params.get(j).value();
        for (int i = 0; i < v.size(); i++) {
          v.set(i, s.parameters()[j][i]);
        }
      }
      it = s.iteration();
      initial = s.initialLoss();
    }
    double rate = cell.rate() * cell.trainDepth();
    int done = 0;
    double loss = Double.NaN;
    net.setMethod(StoredStages.create());
    while (it < cell.iterations()) {
      loss = lossAndGradient(net, x, y);
      if (it == 0) {
        initial = loss;
      }
      for (Parameter p : params) {
        Tensor v = p.value();
        Tensor g = p.grad();
        for (int i = 0; i < v.size(); i++) {
          v.set(i, v.get(i) - rate * g.get(i));
        }
      }
      it++;
      boolean stop = ++done >= stopAfter;
      if (stop || it % 50 == 0) {
        CellState.save(runDir, new State(it, initial, values(params)));
      }
      if (stop) {
        throw new CellState.Interrupted(it);
      }
    }
    double finalLoss = lossAndGradient(net, x, y);
    List<DepthErrors> out = new ArrayList<>();
    for (int d : cell.depths()) {
      out.add(probe(net, cell, d, x, y));
    }
    return new Result(initial, finalLoss, out);
  }

  private static double[][] values(List<Parameter> params) {
    double[][] v = new double[params.size()][];
    for (int j = 0; j < params.size(); j++) {
      v[j] = params.get(j).value().doubles().clone();
    }
    return v;
  }

  /** y = M x row by row, M = I + G / (2 sqrt d). */
  static Tensor targets(Tensor x, int seed) {
    int n = x.dim(0);
    int d = x.dim(1);
    SplittableRandom rng = new SplittableRandom(seed + 11L);
    double[] m = new double[d * d];
    for (int i = 0; i < d * d; i++) {
      m[i] = (i % (d + 1) == 0 ? 1 : 0) + rng.nextGaussian() / (2 * Math.sqrt(d));
    }
    Tensor y = x.zerosLike();
    for (int b = 0; b < n; b++) {
      for (int i = 0; i < d; i++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += m[i * d + j] * x.get(b * d + j);
        }
        y.set(b * d + i, s);
      }
    }
    return y;
  }

  /** Zeroes the gradients, then runs mean((out - y)^2) forward and backward; returns the loss. */
  static double lossAndGradient(ResidualNetwork net, Tensor x, Tensor y) {
    net.parameters().forEach(Parameter::zeroGrad);
    Tensor out = net.forward(x);
    Tensor dLdo = out.zerosLike();
    double loss = 0;
    for (int i = 0; i < out.size(); i++) {
      double r = out.get(i) - y.get(i);
      loss += r * r;
      dLdo.set(i, 2 * r / out.size());
    }
    net.backward(dLdo, x.zerosLike());
    return loss / out.size();
  }

  private static DepthErrors probe(
      ResidualNetwork trained, Cells.Trained cell, int d, Tensor x, Tensor y) {
    ResidualNetwork copy =
        ProbeNetworks.perceptron(cell.scheme(), WeightKind.IID, d, cell.width(), cell.hidden(), 0);
    int per = trained.function(0).parameters().size();
    for (int i = 0; i < d; i++) {
      int src = (int) ((long) cell.trainDepth() * i / d);
      for (int j = 0; j < per; j++) {
        copy.function(i)
            .parameters()
            .get(j)
            .value()
            .copyFrom(trained.function(src).parameters().get(j).value());
      }
    }
    copy.setMethod(StoredStages.create());
    lossAndGradient(copy, x, y);
    List<double[]> exact = grads(copy);
    copy.setMethod(GradientProbe.memoryFree(cell.scheme()));
    lossAndGradient(copy, x, y);
    List<double[]> approx = grads(copy);
    double[] errors = new double[exact.size()];
    for (int t = 0; t < errors.length; t++) {
      double num = 0;
      double den = 0;
      for (int i = 0; i < exact.get(t).length; i++) {
        double e = exact.get(t)[i] - approx.get(t)[i];
        num += e * e;
        den += exact.get(t)[i] * exact.get(t)[i];
      }
      errors[t] = num / den;
    }
    double[] sorted = errors.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return new DepthErrors(d, median, sorted[n - 1], errors);
  }

  private static List<double[]> grads(ResidualNetwork net) {
    List<double[]> g = new ArrayList<>();
    for (Parameter p : net.parameters()) {
      g.add(p.grad().doubles().clone());
    }
    return g;
  }
}

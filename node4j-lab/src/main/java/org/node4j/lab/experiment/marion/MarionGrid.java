package org.node4j.lab.experiment.marion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.node4j.lab.experiment.marion.PerceptronCell.Part;

/** The experiment's cells for given settings, longest first so that parallel runs pack well. */
final class MarionGrid {
  /** The ReLU counter-example's target factor C and input x. */
  static final double RELU_C = 2.0;

  static final double RELU_X = 1.0;
  static final double RELU_RATE = 0.02;
  static final int RELU_ITERATIONS = 2000;

  private MarionGrid() {}

  /** Fig. 1's run: n = 100, d = 16, m = 32, rate L × 10⁻², W ~ N(0, 1), V = 0. */
  static PerceptronSpec largeDepth(MarionSettings s, int depth, int iterations) {
    return activation(s, Sigma.GELU, WeightInit.TIED, depth, iterations);
  }

  /** Fig. 1's run with another activation and initialisation. */
  static PerceptronSpec activation(
      MarionSettings s, Sigma sigma, WeightInit init, int depth, int iterations) {
    return new PerceptronSpec(
        MarionSettings.N1,
        MarionSettings.D,
        MarionSettings.M1,
        sigma,
        init,
        s.gpLengthScale(),
        depth,
        depth * 1e-2,
        iterations,
        s.seed());
  }

  /** Fig. 2's run: n = 50, d = 16, m = 64, rate 5L × 10⁻³ (0.32 at L = 64). */
  static PerceptronSpec longTime(MarionSettings s, int depth, int iterations) {
    return new PerceptronSpec(
        MarionSettings.N2,
        MarionSettings.D,
        MarionSettings.M2,
        Sigma.GELU,
        WeightInit.TIED,
        s.gpLengthScale(),
        depth,
        depth * 5e-3,
        iterations,
        s.seed());
  }

  static List<MarionCell> cells(MarionSettings s) {
    List<PerceptronCell> p = new ArrayList<>();
    int every = s.checkpointEvery();
    for (int l : s.depths()) {
      p.add(
          new PerceptronCell(
              Part.LARGE_DEPTH, largeDepth(s, l, s.horizon()), s.snapshots(), 1, 0, every));
    }
    int stride = s.referenceDepth() / Collections.max(s.depths());
    p.add(
        new PerceptronCell(
            Part.REFERENCE,
            largeDepth(s, s.referenceDepth(), s.horizon()),
            s.snapshots(),
            stride,
            0,
            every));
    p.add(
        new PerceptronCell(
            Part.LONG_TIME,
            longTime(s, s.longDepth(), s.longIterations()),
            List.of(),
            1,
            s.entryEvery(),
            every));
    for (int l : s.agreementDepths()) {
      if (l != s.longDepth()) {
        p.add(
            new PerceptronCell(
                Part.DEPTH_AGREEMENT,
                longTime(s, l, s.agreementIterations()),
                List.of(),
                1,
                0,
                every));
      }
    }
    for (Sigma sigma : Sigma.values()) {
      for (WeightInit init : WeightInit.values()) {
        for (int l : s.activationDepths()) {
          PerceptronSpec spec = activation(s, sigma, init, l, s.activationIterations());
          if (p.stream().noneMatch(c -> c.spec().equals(spec))) {
            p.add(new PerceptronCell(Part.ACTIVATION_INIT, spec, List.of(), 1, 0, every));
          }
        }
      }
    }
    List<MarionCell> all = new ArrayList<>(s.images().cells(s.seed()));
    all.addAll(p);
    all.sort(Comparator.comparingDouble(MarionGrid::cpuSeconds).reversed());
    for (int half : s.reluHalves()) {
      all.add(new ReluCounterCell(half, RELU_C, RELU_X, RELU_RATE, RELU_ITERATIONS));
    }
    return all;
  }

  /** Depth × iterations summed over the perceptron cells of {@code s}: the grid's work. */
  static long layerIterations(MarionSettings s) {
    long sum = 0;
    for (MarionCell c : cells(s)) {
      if (c instanceof PerceptronCell p) {
        sum += (long) p.spec().depth() * p.spec().iterations();
      }
    }
    return sum;
  }

  /**
   * A rough estimate of the cell's CPU seconds on one core, only to order the grid longest first
   * (so that a parallel engine ends its cores at about the same time): layer-iterations times n·m
   * for a perceptron, images times layers for an image cell, each times a per-unit cost measured
   * with {@code /usr/bin/time} on the quick run (GELU about twice as dear as ReLU and the identity:
   * its forward and backward pass each evaluate fdlibm's erf per element).
   */
  static double cpuSeconds(MarionCell cell) {
    if (cell instanceof PerceptronCell c) {
      PerceptronSpec s = c.spec();
      double units = (double) s.depth() * s.iterations() * s.n() * s.m();
      return units * (s.sigma() == Sigma.GELU ? GELU_UNIT : OTHER_UNIT);
    }
    if (cell instanceof ImageCell c) {
      double trained = (double) c.epochs() * Math.min(c.trainSamples(), IMAGE_SET) * c.depth();
      double tested =
          (double) Math.min(c.trainSamples() + c.testSamples(), 2 * IMAGE_SET) * c.depth();
      return (trained + tested / 3) * (c.sigma() == Sigma.GELU ? GELU_IMAGE : OTHER_IMAGE);
    }
    return 0;
  }

  /**
   * The estimated CPU seconds ({@link #cpuSeconds}) of the perceptron cells (index 0) and of the
   * image cells (index 1) of {@code s}.
   */
  static double[] cpuByKind(MarionSettings s) {
    double[] sum = new double[2];
    for (MarionCell c : cells(s)) {
      sum[c instanceof ImageCell ? 1 : 0] += cpuSeconds(c);
    }
    return sum;
  }

  /** CPU seconds per perceptron unit (a layer-iteration times n·m), with GELU and without. */
  private static final double GELU_UNIT = 5.7e-8;

  private static final double OTHER_UNIT = 3e-8;

  /** CPU seconds per image and layer of a training pass, with GELU and without. */
  private static final double GELU_IMAGE = 2.6e-4;

  private static final double OTHER_IMAGE = 1.6e-4;

  /** Training images at most (CIFAR-10's 50 000 and Fashion-MNIST's 60 000, about). */
  private static final int IMAGE_SET = 60_000;
}

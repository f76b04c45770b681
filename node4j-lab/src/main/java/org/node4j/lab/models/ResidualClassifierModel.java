package org.node4j.lab.models;

import java.util.List;
import java.util.Objects;
import org.node4j.lab.train.Integration;
import org.node4j.lab.train.TrainableModel;
import org.node4j.nn.model.OdeClassifier;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.GradientReport;

/**
 * A {@link TrainableModel} over a {@link ResidualNetwork} and a classifier head: each sample is
 * viewed as one row of q = prod(sample shape) features (a view, no copy), passed through the
 * network and the head. The network's depth grid is its training integration, which neither step
 * nor tolerance adaptation may change; {@link #evaluate} accepts any integration of the same span
 * (Ott et al.'s test with other solvers). Not thread-safe.
 */
public final class ResidualClassifierModel implements TrainableModel {
  private final ResidualNetwork network;
  private final OdeClassifier classifier;
  private final DType dtype;
  private final int[] sampleShape;
  private final Integration integration;
  private final Integration configured;
  private Tensor lastInput;
  private Tensor lastRows;

  ResidualClassifierModel(
      ResidualNetwork network,
      OdeClassifier classifier,
      DType dtype,
      int[] sampleShape,
      Integration configured) {
    this.network = Objects.requireNonNull(network, "network");
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.dtype = dtype;
    this.sampleShape = sampleShape.clone();
    this.integration = new Integration(network.block().setup());
    this.configured = Objects.requireNonNull(configured, "configured");
  }

  /** Returns the residual network (its layers and depth-indexed field). */
  public ResidualNetwork network() {
    return network;
  }

  /** Returns the network and head as one classifier. */
  public OdeClassifier classifier() {
    return classifier;
  }

  @Override
  public List<Parameter> parameters() {
    return classifier.parameters();
  }

  @Override
  public DType dtype() {
    return dtype;
  }

  @Override
  public int[] sampleShape() {
    return sampleShape.clone();
  }

  @Override
  public Integration integration() {
    return integration;
  }

  /**
   * Accepts only the configured integration (which the factory checked against the depth) or the
   * network's own grid; either leaves the grid in place.
   *
   * @throws IllegalArgumentException for any other: a residual network's depth is its step count
   */
  @Override
  public void setIntegration(Integration value) {
    if (!same(value, configured) && !same(value, integration)) {
      throw new IllegalArgumentException(
          "a residual network is its own discretisation ("
              + integration.label()
              + "); it cannot train with "
              + value.label()
              + ", so step and tolerance adaptation do not apply to it");
    }
  }

  private static boolean same(Integration a, Integration b) {
    return a.solver().name().equals(b.solver().name()) && a.controller().equals(b.controller());
  }

  @Override
  public BatchStats trainBatch(Tensor x, int[] labels, int count) {
    OdeClassifier.Step s = classifier.trainBatch(rows(x), labels, count);
    GradientReport r = s.report();
    return new BatchStats(
        s.loss(), s.correct(), s.count(), r.forwardEvaluations(), r.backwardEvaluations());
  }

  @Override
  public EvalStats evaluate(Tensor x, int[] labels, int count, Integration in) {
    OdeClassifier.Evaluation e = classifier.evaluate(rows(x), labels, count, in.setup());
    return new EvalStats(e.correct(), e.count(), e.evaluations());
  }

  /** The [B, 1, q] view of a [B, sample shape...] batch, kept while the batch tensor is reused. */
  private Tensor rows(Tensor x) {
    if (x != lastInput) {
      int features = x.size() / x.dim(0);
      lastRows = x.reshape(x.dim(0), 1, features);
      lastInput = x;
    }
    return lastRows;
  }
}

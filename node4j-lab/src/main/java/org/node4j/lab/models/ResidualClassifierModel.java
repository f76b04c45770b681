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

/**
 * A {@link TrainableModel} over a {@link ResidualNetwork} and a classifier head: each sample is
 * viewed as one row of q = prod(sample shape) features (a view, no copy) and handed to an {@link
 * OdeClassifierModel} of the network's block and the head. The network's depth grid is its training
 * integration, which neither step nor tolerance adaptation may change; {@link #evaluate} accepts
 * any integration of the same span (Ott et al.'s test with other solvers). Not thread-safe.
 */
public final class ResidualClassifierModel implements TrainableModel {
  private final ResidualNetwork network;
  private final OdeClassifierModel rowModel;
  private final int[] sampleShape;
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
    int features = 1;
    for (int d : sampleShape) {
      features *= d;
    }
    this.rowModel =
        new OdeClassifierModel(
            classifier, dtype, new int[] {1, features}, new Integration(network.block().setup()));
    this.sampleShape = sampleShape.clone();
    this.configured = Objects.requireNonNull(configured, "configured");
  }

  /** Returns the residual network (its layers and depth-indexed field). */
  public ResidualNetwork network() {
    return network;
  }

  /** Returns the network and head as one classifier. */
  public OdeClassifier classifier() {
    return rowModel.classifier();
  }

  @Override
  public List<Parameter> parameters() {
    return rowModel.parameters();
  }

  @Override
  public DType dtype() {
    return rowModel.dtype();
  }

  @Override
  public int[] sampleShape() {
    return sampleShape.clone();
  }

  /** Returns the network's depth grid: N Euler steps over [0, 1], or N - 1 Heun steps. */
  @Override
  public Integration integration() {
    return rowModel.integration();
  }

  /**
   * Accepts only the configured integration (which the factory checked against the depth) or the
   * network's own grid; either leaves the grid in place.
   *
   * @throws IllegalArgumentException for any other: a residual network's depth is its step count
   */
  @Override
  public void setIntegration(Integration value) {
    Integration grid = rowModel.integration();
    if (!same(value, configured) && !same(value, grid)) {
      throw new IllegalArgumentException(
          "a residual network is its own discretisation ("
              + grid.label()
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
    return rowModel.trainBatch(rows(x), labels, count);
  }

  @Override
  public BatchStats trainRegressionBatch(Tensor x, Tensor targets, int count) {
    return rowModel.trainRegressionBatch(rows(x), targets, count);
  }

  @Override
  public double squaredError(Tensor x, Tensor targets, int count, Integration in) {
    return rowModel.squaredError(rows(x), targets, count, in);
  }

  @Override
  public EvalStats evaluate(Tensor x, int[] labels, int count, Integration in) {
    return rowModel.evaluate(rows(x), labels, count, in);
  }

  /** The [B, 1, q] view of a [B, sample shape...] batch, kept while the batch tensor is reused. */
  private Tensor rows(Tensor x) {
    if (x != lastInput) {
      lastRows = x.reshape(x.dim(0), 1, x.size() / x.dim(0));
      lastInput = x;
    }
    return lastRows;
  }
}

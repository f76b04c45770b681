package org.node4j.lab.models;

import java.util.List;
import java.util.Objects;
import org.node4j.lab.train.Integration;
import org.node4j.lab.train.ReleasedInitialStep;
import org.node4j.lab.train.TrainableModel;
import org.node4j.nn.field.NeuralField;
import org.node4j.nn.model.OdeClassifier;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.GradientReport;

/**
 * A {@link TrainableModel} over an {@link OdeClassifier}: Ott et al.'s f = head ∘ flow (ICLR 2021,
 * §2), trained with the block's gradient method, evaluated with any solver and controller.
 *
 * <p>The integration set here is the block's training integration; {@link #evaluate} leaves it
 * untouched. The classifier owns and reuses every buffer. Not thread-safe.
 */
public final class OdeClassifierModel implements TrainableModel {
  private final OdeClassifier classifier;
  private final DType dtype;
  private final int[] sampleShape;
  private Integration integration;

  /**
   * Wraps {@code classifier} and sets its training integration.
   *
   * @param classifier the block and head, parameters already initialised
   * @param dtype the element type of inputs and parameters
   * @param sampleShape the shape of one input sample
   * @param integration the training integration to start with
   * @throws IllegalArgumentException if the block's gradient method cannot work with it
   */
  public OdeClassifierModel(
      OdeClassifier classifier, DType dtype, int[] sampleShape, Integration integration) {
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.dtype = Objects.requireNonNull(dtype, "dtype");
    this.sampleShape = sampleShape.clone();
    setIntegration(integration);
  }

  /** Returns the wrapped classifier (trajectories, the head, the block's field). */
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

  @Override
  public void setIntegration(Integration value) {
    Objects.requireNonNull(value, "integration");
    classifier.block().setIntegration(value.setup());
    this.integration = value;
  }

  @Override
  public BatchStats trainBatch(Tensor x, int[] labels, int count) {
    OdeClassifier.Step s = classifier.trainBatch(x, labels, count);
    GradientReport r = s.report();
    return new BatchStats(
        s.loss(), s.correct(), s.count(), r.forwardEvaluations(), r.backwardEvaluations());
  }

  @Override
  public BatchStats trainRegressionBatch(Tensor x, Tensor targets, int count) {
    OdeClassifier.Step s = classifier.trainRegression(x, targets, count);
    GradientReport r = s.report();
    return new BatchStats(s.loss(), 0, s.count(), r.forwardEvaluations(), r.backwardEvaluations());
  }

  @Override
  public double squaredError(Tensor x, Tensor targets, int count, Integration in) {
    return classifier.squaredError(x, targets, count, in.setup());
  }

  @Override
  public EvalStats evaluate(Tensor x, int[] labels, int count, Integration in) {
    OdeClassifier.Evaluation e = classifier.evaluate(x, labels, count, in.setup());
    return new EvalStats(e.correct(), e.count(), e.evaluations());
  }

  /**
   * Hairer's initial step on the block's vector field at t0 (the field is autonomous in Ott et
   * al.'s models, so t0 is only a formality), through {@link ReleasedInitialStep#estimate}.
   */
  @Override
  public double initialStepEstimate(Tensor x, int count, int order) {
    NeuralField field = classifier.block().field();
    double t0 = classifier.block().t0();
    return ReleasedInitialStep.estimate(x, count, order, (z, dz) -> field.evaluate(t0, z, dz));
  }
}

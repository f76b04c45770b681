package org.node4j.lab.train;

import java.util.List;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * What the trainer and the experiments need from a classifier whose hidden part is an ODE block (or
 * a ResNet, its Euler discretisation): f = head ∘ flow ∘ (no upstream block), as in Ott et al.
 *
 * <p>Implementations own their buffers and reuse them across batches; a batch tensor has shape [B,
 * sample shape...] and only its first {@code count} rows are meaningful (a short last batch).
 */
public interface TrainableModel {

  /** Returns the trainable parameters, in a stable order with unique names. */
  List<Parameter> parameters();

  /** Returns the element type of inputs and parameters. */
  DType dtype();

  /** Returns the shape of one sample, without the batch dimension. */
  int[] sampleShape();

  /** Returns the integration used by {@link #trainBatch}. */
  Integration integration();

  /** Sets the integration used by {@link #trainBatch} (step or tolerance adaptation change it). */
  void setIntegration(Integration integration);

  /**
   * Runs forward, the mean cross-entropy loss over the first {@code count} rows, and backward,
   * adding the parameter gradients into {@link Parameter#grad()} (the caller zeroes them).
   */
  BatchStats trainBatch(Tensor x, int[] labels, int count);

  /**
   * Regression (the {@code gaussian-regression} and {@code linear-regression} sets): forward, the
   * mean squared error over every output of the first {@code count} rows against {@code targets}
   * ([B, outputs]), and backward, adding the parameter gradients. The stats' {@code correct} is 0.
   *
   * <p>The default throws: a model that does not override it trains classifiers only.
   */
  default BatchStats trainRegressionBatch(Tensor x, Tensor targets, int count) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName()
            + " trains classifiers only; the regression data sets need a model that implements"
            + " trainRegressionBatch (resnet, heunnet and the ODE classifier models do)");
  }

  /**
   * Runs forward only with {@code integration} and returns the sum of squared errors over every
   * output of the first {@code count} rows; the default throws, as {@link #trainRegressionBatch}.
   */
  default double squaredError(Tensor x, Tensor targets, int count, Integration integration) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " trains classifiers only; it cannot evaluate a regression");
  }

  /** Runs forward only with {@code integration}, and counts correct predictions. */
  EvalStats evaluate(Tensor x, int[] labels, int count, Integration integration);

  /**
   * Returns the released step adaptation's initial step for the ODE block on this batch (Ott et al.
   * 2021, released code): Hairer's procedure with plain Euclidean norms over the last axis.
   * Implementations evaluate their vector field through {@link ReleasedInitialStep#estimate}, which
   * does the arithmetic; {@code x} is the batch before the ODE block (there is no upstream block in
   * Ott et al.'s models).
   *
   * <p>The default throws: a model that does not override it cannot train with {@code
   * stepAdaptation.mode: released} (the paper variant and fixed steps still work).
   *
   * @param x the batch, of which the first {@code count} rows are meaningful
   * @param count the number of meaningful rows
   * @param order the order p of the training solver
   * @return the initial step size, > 0
   */
  default double initialStepEstimate(Tensor x, int count, int order) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName()
            + " does not implement initialStepEstimate, which stepAdaptation.mode: released needs;"
            + " use mode: paper with integration.steps, or implement it with"
            + " ReleasedInitialStep.estimate");
  }

  /** Statistics of one training batch. */
  record BatchStats(
      double loss, int correct, int count, long evaluationsForward, long evaluationsBackward) {
    /** Returns the batch accuracy, correct / count. */
    public double accuracy() {
      return count == 0 ? 0 : (double) correct / count;
    }
  }

  /** Statistics of one evaluation batch. */
  record EvalStats(int correct, int count, long evaluations) {
    /** Returns the accuracy, correct / count. */
    public double accuracy() {
      return count == 0 ? 0 : (double) correct / count;
    }
  }
}

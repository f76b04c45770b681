package org.node4j.lab.train;

/**
 * Evaluates the current training batch with a given integration, without touching the parameters or
 * their gradients. The adaptation algorithms ({@link StepAdaptation}, {@link ToleranceAdaptation})
 * ask their questions through it, so they can be tested on scripted accuracies and evaluation
 * counts without a model.
 */
@FunctionalInterface
public interface BatchProbe {

  /**
   * Runs the model forward on the current batch with {@code integration}.
   *
   * @param integration the solver and step-size controller to use
   * @return the number of correct predictions, the batch size and the forward evaluations
   */
  TrainableModel.EvalStats evaluate(Integration integration);
}

package org.node4j.lab.train;

import org.node4j.lab.data.BatchOptions;
import org.node4j.lab.data.Dataset;
import org.node4j.lab.data.MiniBatches;
import org.node4j.nn.tensor.Tensor;

/**
 * Evaluates a model on a whole data set, batch by batch in the stored order, and reports the
 * <b>true</b> accuracy: correct predictions over the number of samples, short last batch included
 * (not the seeds' nominal-batch denominator, quirk Q2). Owns and reuses its batch buffers.
 */
public final class Evaluator {
  private final Dataset data;
  private final MiniBatches batches;
  private final Tensor x;
  private final int[] y;
  private final Tensor targets;

  /**
   * The result of one evaluation.
   *
   * @param correct correct predictions
   * @param count samples evaluated
   * @param meanEvaluations the mean number of function evaluations per batch solve
   * @param meanSquaredError the mean over every test output of the squared error, for a regression
   *     set; null for a classification set
   */
  public record Result(long correct, long count, double meanEvaluations, Double meanSquaredError) {
    /** Returns the true accuracy, correct / count (0 for a regression set). */
    public double accuracy() {
      return count == 0 ? 0 : (double) correct / count;
    }
  }

  /**
   * Allocates the buffers for {@code data} in the model's dtype.
   *
   * @param model the model (for its dtype)
   * @param data the data set to evaluate on
   * @param batchSize samples per batch
   */
  public Evaluator(TrainableModel model, Dataset data, int batchSize) {
    this.data = data;
    int b = Math.min(batchSize, data.size());
    this.batches = new MiniBatches(data, BatchOptions.evaluation(b));
    int[] shape = new int[data.sampleShape().length + 1];
    shape[0] = b;
    System.arraycopy(data.sampleShape(), 0, shape, 1, shape.length - 1);
    this.x = Tensor.zeros(model.dtype(), shape);
    this.y = new int[b];
    this.targets = data.isRegression() ? Tensor.zeros(model.dtype(), b, data.numClasses()) : null;
  }

  /** Evaluates {@code model} with {@code integration} on every sample. */
  public Result evaluate(TrainableModel model, Integration integration) {
    long correct = 0;
    long count = 0;
    long evaluations = 0;
    double squares = 0;
    int n = batches.batchesPerEpoch();
    for (int i = 0; i < n; i++) {
      int c = batches.fill(i, x, y, targets);
      if (targets != null) {
        squares += model.squaredError(x, targets, c, integration);
        count += c;
        continue;
      }
      TrainableModel.EvalStats s = model.evaluate(x, y, c, integration);
      correct += s.correct();
      count += s.count();
      evaluations += s.evaluations();
    }
    if (count != data.size()) {
      throw new IllegalStateException(
          "the model counted " + count + " samples of " + data.size() + " in " + data.name());
    }
    Double mse = targets == null ? null : squares / ((double) count * data.numClasses());
    return new Result(correct, count, (double) evaluations / n, mse);
  }
}

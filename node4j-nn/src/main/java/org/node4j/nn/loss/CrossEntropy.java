package org.node4j.nn.loss;

import org.node4j.nn.ops.Shapes;
import org.node4j.nn.tensor.Tensor;

/**
 * Cross-entropy of integer class labels under the softmax of logits, averaged over the batch:
 * PyTorch's {@code F.cross_entropy(logits, labels)} with the default mean reduction. The softmax
 * lives inside the loss, as in the seeds' classifiers.
 *
 * <p>Each row is evaluated with the log-sum-exp shifted by the row maximum, in double, so large
 * logits neither overflow nor lose the small probabilities; the gradient is {@code (softmax -
 * onehot) / N}. Nothing is allocated.
 */
public final class CrossEntropy {
  private CrossEntropy() {}

  /**
   * Returns the mean loss and, when {@code grad} is not null, writes dLoss/dLogits into it.
   *
   * @param logits the scores, shape [N, K], N &ge; 1
   * @param labels the class of each row, each in [0, K); at least N entries
   * @param grad receives the gradient, the shape and dtype of {@code logits}; may be null
   * @throws IllegalArgumentException on a shape mismatch or a label outside [0, K)
   */
  public static double withLogits(Tensor logits, int[] labels, Tensor grad) {
    if (logits.rank() != 2 || logits.dim(0) < 1 || logits.dim(1) < 1) {
      throw new IllegalArgumentException(
          "cross-entropy needs logits [N, K] with N, K >= 1, got " + Shapes.describe(logits));
    }
    int n = logits.dim(0);
    int k = logits.dim(1);
    if (labels.length < n) {
      throw new IllegalArgumentException(
          "cross-entropy got " + labels.length + " labels for logits " + Shapes.describe(logits));
    }
    if (grad != null) {
      Shapes.requireSame("cross-entropy gradient", logits, grad);
    }
    double total = 0.0;
    for (int r = 0; r < n; r++) {
      int label = labels[r];
      if (label < 0 || label >= k) {
        throw new IllegalArgumentException(
            "label " + label + " of row " + r + " is outside [0, " + k + ")");
      }
      total += row(logits, grad, r * k, k, label, n);
    }
    return total / n;
  }

  /** Returns the loss of one row and writes its gradient (already divided by n). */
  private static double row(Tensor logits, Tensor grad, int base, int k, int label, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      max = Math.max(max, logits.get(base + j));
    }
    double sum = 0.0;
    for (int j = 0; j < k; j++) {
      sum += Math.exp(logits.get(base + j) - max);
    }
    double logSumExp = max + Math.log(sum);
    if (grad != null) {
      for (int j = 0; j < k; j++) {
        double p = Math.exp(logits.get(base + j) - logSumExp);
        grad.set(base + j, (p - (j == label ? 1.0 : 0.0)) / n);
      }
    }
    return logSumExp - logits.get(base + label);
  }
}

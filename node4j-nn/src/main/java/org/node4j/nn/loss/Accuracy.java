package org.node4j.nn.loss;

import org.node4j.nn.ops.Shapes;
import org.node4j.nn.tensor.Tensor;

/**
 * Classification accuracy: the fraction of rows whose largest logit is at the true label (ties go
 * to the first index, as {@code argmax} does in PyTorch). This is the true accuracy correct/total,
 * not an average of per-batch figures.
 */
public final class Accuracy {
  private Accuracy() {}

  /** Returns the number of rows of {@code logits} [N, K] whose argmax equals the label. */
  public static int countCorrect(Tensor logits, int[] labels) {
    if (logits.rank() != 2 || logits.dim(1) < 1 || labels.length < logits.dim(0)) {
      throw new IllegalArgumentException(
          "accuracy needs logits [N, K] with K >= 1 and N labels, got "
              + Shapes.describe(logits)
              + " and "
              + labels.length
              + " labels");
    }
    int n = logits.dim(0);
    int k = logits.dim(1);
    int correct = 0;
    for (int r = 0; r < n; r++) {
      int best = 0;
      double bestValue = logits.get(r * k);
      for (int j = 1; j < k; j++) {
        double v = logits.get(r * k + j);
        if (v > bestValue) {
          best = j;
          bestValue = v;
        }
      }
      if (best == labels[r]) {
        correct++;
      }
    }
    return correct;
  }

  /** Returns correct/total for {@code logits} [N, K] (NaN for N = 0). */
  public static double of(Tensor logits, int[] labels) {
    int correct = countCorrect(logits, labels);
    return logits.dim(0) == 0 ? Double.NaN : (double) correct / logits.dim(0);
  }
}

package org.node4j.lab.experiment.marion;

/**
 * The ReLU counter-example's outcome, written to {@code result.json}.
 *
 * @param cell the cell
 * @param initialLoss the loss at the initialisation
 * @param finalLoss the loss after training
 * @param wStar the predicted limit of the even layers, 2L (C^{1/L} − 1)
 * @param oddMaxChange max over odd k of |w_k(T) − w_k(0)| (the claim: exactly 0)
 * @param evenMaxError max over even k of |w_k(T) − w*|
 * @param maxGap max over k of |w_{k+1}(T) − w_k(T)| (the claim: about w* ≥ 2 log C, not O(1/L))
 */
public record ReluResult(
    ReluCounterCell cell,
    double initialLoss,
    double finalLoss,
    double wStar,
    double oddMaxChange,
    double evenMaxError,
    double maxGap) {

  /** Trains the cell's network and measures it. */
  static ReluResult of(ReluCounterCell cell) {
    ReluCounterExample net = new ReluCounterExample(cell);
    double[] w0 = net.weights();
    double initial = net.loss();
    double loss = net.train();
    double[] w = net.weights();
    double odd = 0;
    double even = 0;
    double gap = 0;
    for (int i = 0; i < w.length; i++) {
      boolean isOdd = (i + 1) % 2 == 1;
      if (isOdd) {
        odd = Math.max(odd, Math.abs(w[i] - w0[i]));
      } else {
        even = Math.max(even, Math.abs(w[i] - cell.wStar()));
      }
      if (i + 1 < w.length) {
        gap = Math.max(gap, Math.abs(w[i + 1] - w[i]));
      }
    }
    return new ReluResult(cell, initial, loss, cell.wStar(), odd, even, gap);
  }
}

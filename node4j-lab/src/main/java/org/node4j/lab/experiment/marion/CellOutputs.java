package org.node4j.lab.experiment.marion;

/** The names of the files a perceptron cell writes into its run directory. */
final class CellOutputs {
  /** t, loss, max_gap for t = 0..T. */
  static final String SERIES = "series.csv";

  /** t, then W entry at k = 0..L-1, then V entry at k = 0..L-1. */
  static final String ENTRIES = "entries.csv";

  /** The summary record {@link CellResult}. */
  static final String RESULT = "result.json";

  /** Weights, t, and the series so far, for resuming. */
  static final String CHECKPOINT = "checkpoint.bin";

  private CellOutputs() {}

  /** The weight snapshot at iteration t. */
  static String snapshot(int t) {
    return "weights-t" + t + ".bin";
  }
}

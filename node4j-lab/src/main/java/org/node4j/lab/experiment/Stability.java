package org.node4j.lab.experiment;

/**
 * The verdict on one trained model from two accuracies (Ott et al. 2021, §2): its own, with the
 * training solver, and the worst under test solvers of equal or smaller error. One rule for the
 * main grid ({@link CriticalRange}) and for Fig. 4 ({@link Fig4Section}).
 */
enum Stability {
  /** Trained, and no finer test loses more than the tolerance: behaves as an ODE. */
  STABLE("stable"),
  /** Trained, and a finer test leaves it within {@link CriticalRange#COLLAPSE_MARGIN} of chance. */
  COLLAPSES("collapses"),
  /** Trained, loses more than the tolerance under a finer test without collapsing. */
  SOLVER_DEPENDENT("solver-dependent"),
  /** Its own accuracy is not well above chance: no verdict. */
  NOT_TRAINED("not trained");

  private final String label;

  Stability(String label) {
    this.label = label;
  }

  /** Returns the word the reports use. */
  String label() {
    return label;
  }

  /** Returns whether {@code own} is well above chance: half-way from chance to 1 or more. */
  static boolean trained(double own, double chance) {
    return own >= chance + 0.5 * (1 - chance);
  }

  /**
   * Judges one model.
   *
   * @param own the accuracy with the training solver
   * @param worst the lowest accuracy under finer tests (infinite or NaN: no finer test was run)
   * @param chance 1 / classes
   * @param tolerance the largest tolerated drop
   */
  static Stability of(double own, double worst, double chance, double tolerance) {
    if (!trained(own, chance)) {
      return NOT_TRAINED;
    }
    if (!Double.isFinite(worst)) {
      return SOLVER_DEPENDENT;
    }
    if (own - worst <= tolerance) {
      return STABLE;
    }
    return worst <= chance + CriticalRange.COLLAPSE_MARGIN ? COLLAPSES : SOLVER_DEPENDENT;
  }
}

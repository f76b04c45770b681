package org.node4j.lab.experiment;

import java.util.List;

/**
 * One training run with Ott et al.'s step-size adaptation (ICLR 2021, §3, Algorithm 2, as their
 * released code {@code util/step_adaption_algo.py} implements it) and what Table 1 reports about
 * it.
 *
 * @param seed the training seed
 * @param iterations the completed iterations
 * @param meanEvaluationsForward forward function evaluations per iteration, averaged over the run
 *     (Table 1's "NFE mean/iter"; Euler: one per step)
 * @param testAccuracy the true test accuracy with the final step size
 * @param finalSteps the number of Euler steps at the end
 * @param stepCounts the number of Euler steps ceil(1/h) used at each iteration (Fig. 5)
 */
public record AdaptationRun(
    long seed,
    long iterations,
    double meanEvaluationsForward,
    double testAccuracy,
    long finalSteps,
    List<Integer> stepCounts) {

  /** Copies the step counts. */
  public AdaptationRun {
    stepCounts = List.copyOf(stepCounts);
  }
}

package org.node4j.lab.bench;

import java.util.Map;

/**
 * What one workload (or one variant of it) measured, with the peer's figure and node4j's target
 * from docs/WORKLOADS.md next to it, and the settings it ran with.
 *
 * @param id the workload and variant, e.g. {@code "W3(b)"} or {@code "W5(d) N=256"}
 * @param description the model, solver and gradient method in a few words
 * @param firstLoss the loss of the first iteration, or null where the workload has none to compare
 * @param expectedLoss the peer's first loss as printed in docs/WORKLOADS.md, or null
 * @param lossMatches whether {@code firstLoss} rounds to {@code expectedLoss}, or null
 * @param forwardEvaluations vector-field evaluations of one forward pass
 * @param backwardEvaluations vector-field evaluations of one backward pass
 * @param timing the timed iterations
 * @param peerMs the peer's median time, or null
 * @param targetMs node4j's target time, or null
 * @param details workload-specific figures (gradient norm, gradient error, memory), in order
 * @param threads the engine's thread count
 * @param kernel the active GEMM implementation
 */
public record WorkloadResult(
    String id,
    String description,
    Double firstLoss,
    String expectedLoss,
    Boolean lossMatches,
    long forwardEvaluations,
    long backwardEvaluations,
    Timing timing,
    Double peerMs,
    Double targetMs,
    Map<String, Object> details,
    int threads,
    String kernel) {

  /** Returns the peer's median time over node4j's, or null without a peer figure. */
  public Double speedup() {
    return peerMs == null ? null : peerMs / timing.medianMs();
  }

  /** Returns whether the median meets the target, or null without a target. */
  public Boolean meetsTarget() {
    return targetMs == null ? null : timing.medianMs() <= targetMs;
  }
}

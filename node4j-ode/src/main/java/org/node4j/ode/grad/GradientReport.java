package org.node4j.ode.grad;

/**
 * What one gradient computation cost: the answer to "is my gradient right, and what does it cost?"
 * that every method gives.
 *
 * <p>{@code peakBytesHeld} counts, at its peak, what the method keeps from the forward pass for the
 * backward pass and what it rebuilds during the backward pass (stored states, stage records,
 * checkpoints, the step grid), measured with {@link org.node4j.ode.StateOps#bytes} and {@link
 * EvalRecord#bytes}. It leaves out the O(1) working buffers of the solver workspaces and the
 * parameter gradient itself, which every method needs alike.
 *
 * @param method the method's name
 * @param forwardEvaluations vector-field evaluations of the forward pass
 * @param backwardEvaluations vector-field evaluations of the backward pass (recomputation,
 *     reconstruction, or the continuous adjoint's augmented evaluations)
 * @param backwardVjps vector-Jacobian products of the backward pass
 * @param forwardSteps accepted steps of the forward solve
 * @param peakBytesHeld the peak bytes held for the backward pass (see above)
 * @param forwardNanos wall time of the forward pass
 * @param backwardNanos wall time of the backward pass
 */
public record GradientReport(
    String method,
    long forwardEvaluations,
    long backwardEvaluations,
    long backwardVjps,
    int forwardSteps,
    long peakBytesHeld,
    long forwardNanos,
    long backwardNanos) {}

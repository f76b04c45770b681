package org.node4j.ode.control;

/**
 * How a solve chooses its steps: a closed choice between {@link ConstantSteps} (any solver) and
 * {@link AdaptiveController} (solvers with an embedded error estimate). Controllers are immutable
 * values; the history an adaptive controller needs lives in a per-solve {@link
 * AdaptiveController.History}.
 */
public sealed interface StepSizeController permits ConstantSteps, AdaptiveController {}

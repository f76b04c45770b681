package org.node4j.ode.grad;

import org.node4j.ode.integrate.SolveSetup;

/**
 * How the gradient of a loss through an ODE solve is computed: a strategy independent of the solver
 * and the step-size controller, as diffrax's {@code AbstractAdjoint}.
 *
 * <p>A method is an immutable configuration. {@link #prepare} checks that it can work with a
 * problem's solver and controller (failing with an {@link IllegalArgumentException} that names
 * both) and returns a {@link GradientPass}, which owns the buffers and pools of one problem and is
 * reused across training iterations.
 *
 * <p>The methods: {@link StoredStages} (backpropagation through the solver), {@link Checkpointed}
 * (ANODE, with optional binomial checkpointing), {@link ContinuousAdjoint} (backsolve) and {@link
 * MemoryFree} (Sander et al.'s reconstruction).
 */
public interface GradientMethod {

  /** Returns a short name, e.g. {@code "stored"}, for reports and the CLI. */
  String name();

  /** Returns whether the method computes the exact gradient of the discrete forward map. */
  boolean exact();

  /**
   * Checks that the method can differentiate solves that step with {@code forward}, changing
   * nothing and allocating nothing unless it fails; {@link #prepare} runs the same check.
   *
   * @throws IllegalArgumentException when the method cannot work with the setup's solver or
   *     controller, naming both
   */
  void check(SolveSetup forward);

  /**
   * Checks the combination and creates the pass that differentiates {@code problem}.
   *
   * @throws IllegalArgumentException when the method cannot work with the problem's solver or
   *     controller, naming both
   */
  <S, G> GradientPass<S, G> prepare(GradProblem<S, G> problem);
}

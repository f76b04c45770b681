package org.node4j.lab.config;

/**
 * The gradient methods of {@code org.node4j.ode.grad} a configuration can name; their options are
 * in {@link GradientConfig} and their names in the {@link Catalogue}'s gradient registry.
 */
public enum GradientKind {
  /** Backpropagation through the solver, every stage record kept (exact). */
  STORED,
  /**
   * ANODE's checkpointing: every step, every k-th step, or binomial under a byte budget (exact).
   */
  CHECKPOINTED,
  /** Chen et al.'s continuous adjoint, solved backwards with its own solver and norm. */
  ADJOINT,
  /** Sander et al.'s reverse reconstruction of Euler or Heun steps (approximate, O(1) memory). */
  MEMORY_FREE
}

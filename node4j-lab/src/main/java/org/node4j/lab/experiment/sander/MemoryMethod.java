package org.node4j.lab.experiment.sander;

import java.util.Locale;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.ode.grad.Checkpointed;
import org.node4j.ode.grad.ContinuousAdjoint;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.MemoryFree;
import org.node4j.ode.grad.StoredStages;

/** The gradient methods whose memory part 3 compares. */
public enum MemoryMethod {
  /** Backpropagation: every step's stage records kept ({@link StoredStages}). */
  BACKPROP,
  /** Checkpoints every ceil(sqrt(N)) steps, segments recomputed ({@link Checkpointed#every}). */
  CHECKPOINTED,
  /**
   * The continuous adjoint: the ODE solved backwards with its adjoint ({@link ContinuousAdjoint}).
   */
  ADJOINT,
  /** Sander et al.'s memory-free reconstruction ({@link MemoryFree}). */
  MEMORY_FREE;

  /** The lower-case name used in cell ids and tables. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The method for a network of {@code depth} residual functions defined by {@code scheme}. */
  GradientMethod method(int depth, ResidualNetwork.Scheme scheme) {
    return switch (this) {
      case BACKPROP -> StoredStages.create();
      case CHECKPOINTED -> Checkpointed.every((int) Math.ceil(Math.sqrt(depth)));
      case ADJOINT -> ContinuousAdjoint.create();
      case MEMORY_FREE -> GradientProbe.memoryFree(scheme);
    };
  }
}

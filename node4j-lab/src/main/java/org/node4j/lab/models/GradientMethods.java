package org.node4j.lab.models;

import java.util.List;
import org.node4j.ode.grad.Checkpointed;
import org.node4j.ode.grad.ContinuousAdjoint;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.MemoryFree;
import org.node4j.ode.grad.StoredStages;

/**
 * The names {@code integration.gradient} may take and the {@link GradientMethod} each one means.
 * Ott et al. back-propagate through the solver ({@code stored}, the default; seeds-spec §1.3); the
 * others trade exactness or time for memory.
 */
public final class GradientMethods {
  /** The valid names, in listing order. */
  public static final List<String> NAMES =
      List.of("stored", "checkpointed", "adjoint", "memory-free");

  private GradientMethods() {}

  /**
   * Returns the method named {@code name}.
   *
   * <ul>
   *   <li>{@code stored}: backpropagation through the solver, every stage kept (exact);
   *   <li>{@code checkpointed}: ANODE's checkpoint at every step, stages recomputed (exact);
   *   <li>{@code adjoint}: Chen et al.'s continuous adjoint, solved backwards (approximate);
   *   <li>{@code memory-free}: Sander et al.'s reverse reconstruction for Euler (or Heun) steps.
   * </ul>
   *
   * @param name the configured name
   * @param solver the training solver's name, which picks the memory-free reversal
   * @throws IllegalArgumentException for an unknown name, listing the valid ones
   */
  public static GradientMethod byName(String name, String solver) {
    return switch (name) {
      case "stored" -> StoredStages.create();
      case "checkpointed" -> Checkpointed.everyStep();
      case "adjoint" -> ContinuousAdjoint.create();
      case "memory-free" -> "heun".equals(solver) ? MemoryFree.heun() : MemoryFree.euler();
      default ->
          throw new IllegalArgumentException(
              "unknown integration.gradient '"
                  + name
                  + "'; valid gradient methods: "
                  + String.join(", ", NAMES));
    };
  }
}

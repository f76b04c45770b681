package org.node4j.lab.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.node4j.ode.grad.AdjointNorm;
import org.node4j.ode.grad.Checkpointed;
import org.node4j.ode.grad.ContinuousAdjoint;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.MemoryFree;
import org.node4j.ode.grad.StoredStages;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solver;

/**
 * How the gradient through the ODE solve is computed: a {@link GradientKind} and the options of
 * that kind. In a file it is a name ({@code gradient: adjoint}) or a mapping:
 *
 * <pre>
 *   gradient: {name: checkpointed, every: 4}            # a checkpoint every 4th step
 *   gradient: {name: checkpointed, budgetBytes: 1e6}    # binomial (Revolve) within 1 MB
 *   gradient: {name: adjoint, norm: seminorm, solver: dopri5, tolerance: 1e-6, controller: pid}
 * </pre>
 *
 * <p>Checkpointing: ANODE (Gholami, Keutzer and Biros, IJCAI 2019, §3) checkpoints every step;
 * every k-th step trades recomputation for memory; the binomial schedule is Griewank and Walther's
 * Revolve (ACM TOMS 26(1), 2000). The adjoint's seminorm is Kidger, Chen and Lyons (ICML 2021, §3).
 *
 * @param name the method
 * @param every checkpointed: a checkpoint every this many steps (default 1); else null
 * @param budgetBytes checkpointed: the binomial schedule's checkpoint budget in bytes; else null
 * @param norm adjoint: the backward error norm (default {@code full}); else null
 * @param solver adjoint: the backward solver (default the forward one; needs {@code steps} or
 *     {@code tolerance}); else null
 * @param steps adjoint: constant backward steps; else null (at most one of steps and tolerance)
 * @param tolerance adjoint: rtol = atol of an adaptive backward solve; else null
 * @param controller adjoint: the adaptive backward controller (needs {@code tolerance}); else null
 */
public record GradientConfig(
    GradientKind name,
    Integer every,
    Long budgetBytes,
    AdjointNorm norm,
    Solver solver,
    Integer steps,
    Double tolerance,
    ControllerConfig controller) {

  /** Checks that every option given belongs to the method and is valid on its own. */
  public GradientConfig {
    Objects.requireNonNull(name, "gradient name");
    List<String> foreign = new ArrayList<>();
    if (name != GradientKind.CHECKPOINTED) {
      addIf(foreign, every != null, "every");
      addIf(foreign, budgetBytes != null, "budgetBytes");
    }
    if (name != GradientKind.ADJOINT) {
      addIf(foreign, norm != null, "norm");
      addIf(foreign, solver != null, "solver");
      addIf(foreign, steps != null, "steps");
      addIf(foreign, tolerance != null, "tolerance");
      addIf(foreign, controller != null, "controller");
    }
    if (!foreign.isEmpty()) {
      throw new IllegalArgumentException(
          "integration.gradient."
              + String.join(", ", foreign)
              + (foreign.size() == 1 ? " does" : " do")
              + " not apply to the gradient method "
              + name.name().toLowerCase(Locale.ROOT).replace('_', '-')
              + "; every and budgetBytes are checkpointed's options, norm, solver, steps,"
              + " tolerance and controller the adjoint's");
    }
    if (every != null && budgetBytes != null) {
      throw new IllegalArgumentException(
          "give integration.gradient.every (a checkpoint every k steps) or budgetBytes (binomial"
              + " checkpointing), not both");
    }
    if (every != null) {
      Checks.atLeast("integration.gradient.every", every, 1);
    }
    if (budgetBytes != null) {
      Checks.atLeast("integration.gradient.budgetBytes", budgetBytes, 1);
    }
    if (steps != null && tolerance != null) {
      throw new IllegalArgumentException(
          "give integration.gradient.steps (constant backward steps) or tolerance (adaptive),"
              + " not both");
    }
    if (steps != null) {
      Checks.atLeast("integration.gradient.steps", steps, 1);
    }
    if (tolerance != null) {
      Checks.positive("integration.gradient.tolerance", tolerance);
      if (solver != null && !solver.adaptive()) {
        throw new IllegalArgumentException(
            "integration.gradient.tolerance needs an adaptive backward solver, but"
                + " integration.gradient.solver '"
                + solver.name()
                + "' has no error estimate; give steps instead, or an embedded pair");
      }
    }
    if (solver != null && steps == null && tolerance == null) {
      throw new IllegalArgumentException(
          "integration.gradient.solver needs its own discretisation: give"
              + " integration.gradient.steps or tolerance too");
    }
    if (controller != null && tolerance == null) {
      throw new IllegalArgumentException(
          "integration.gradient.controller drives an adaptive backward solve; give"
              + " integration.gradient.tolerance too");
    }
  }

  private static void addIf(List<String> names, boolean given, String name) {
    if (given) {
      names.add(name);
    }
  }

  /** Returns {@code kind} with every option at its default. */
  public static GradientConfig of(GradientKind kind) {
    return new GradientConfig(kind, null, null, null, null, null, null, null);
  }

  /** Returns backpropagation through the solver (stored stages), Ott et al.'s method. */
  public static GradientConfig stored() {
    return of(GradientKind.STORED);
  }

  /**
   * Builds the method for a forward solve with {@code forwardSolver}.
   *
   * @throws IllegalArgumentException when the method cannot differentiate that solver (memory-free
   *     reverses euler and heun only)
   */
  public GradientMethod method(Solver forwardSolver) {
    return switch (name) {
      case STORED -> StoredStages.create();
      case CHECKPOINTED ->
          budgetBytes != null
              ? Checkpointed.binomial(budgetBytes)
              : Checkpointed.every(every == null ? 1 : every);
      case ADJOINT -> adjoint(forwardSolver);
      case MEMORY_FREE -> MemoryFree.forSolver(forwardSolver);
    };
  }

  private ContinuousAdjoint adjoint(Solver forwardSolver) {
    ContinuousAdjoint a =
        ContinuousAdjoint.create().withNorm(norm == null ? AdjointNorm.ALL_PARTS : norm);
    Solver backward = solver == null ? forwardSolver : solver;
    if (steps != null) {
      return a.withBackward(SolveSetup.steps(backward, steps));
    }
    if (tolerance != null) {
      ControllerConfig c = controller == null ? ControllerConfig.integral() : controller;
      return a.withBackward(SolveSetup.of(backward, c.controller(tolerance, tolerance)));
    }
    return a;
  }
}

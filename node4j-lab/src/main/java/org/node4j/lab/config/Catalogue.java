package org.node4j.lab.config;

import java.util.Objects;
import org.node4j.ode.grad.AdjointNorm;
import org.node4j.ode.solver.Solver;
import org.node4j.ode.solver.Solvers;

/**
 * The names a configuration file or the command line may use for solvers, step-size controllers,
 * gradient methods and the adjoint's error norms: one {@link NameRegistry} per catalogue, the same
 * names in the command line, YAML and JSON files, JSON output and reports. A value: {@code Main}
 * builds it once with {@link #standard()} and passes it to the {@link ConfigLoader} and the
 * commands; nothing below the edge looks a name up.
 *
 * @param solvers the Runge-Kutta solvers, by their tableau names ({@code euler} ... {@code tsit5})
 * @param controllers the adaptive step-size controllers ({@code integral}, {@code pi}, {@code pid})
 * @param gradients the gradient methods ({@code stored}, {@code checkpointed}, {@code adjoint},
 *     {@code memory-free})
 * @param norms the continuous adjoint's backward error norms ({@code full}, {@code mixed}, {@code
 *     seminorm}, {@code state-only})
 */
public record Catalogue(
    NameRegistry<Solver> solvers,
    NameRegistry<ControllerKind> controllers,
    NameRegistry<GradientKind> gradients,
    NameRegistry<AdjointNorm> norms) {

  /** Checks that every registry is given. */
  public Catalogue {
    Objects.requireNonNull(solvers, "solvers");
    Objects.requireNonNull(controllers, "controllers");
    Objects.requireNonNull(gradients, "gradients");
    Objects.requireNonNull(norms, "norms");
  }

  /** Returns the catalogue of everything node4j implements, under its canonical names. */
  public static Catalogue standard() {
    NameRegistry.Builder<Solver> solvers = NameRegistry.builder("solver");
    for (Solver s : Solvers.all()) {
      solvers.add(s.name(), s);
    }
    return new Catalogue(
        solvers.build(),
        NameRegistry.<ControllerKind>builder("controller")
            .add("integral", ControllerKind.INTEGRAL)
            .add("pi", ControllerKind.PI)
            .add("pid", ControllerKind.PID)
            .build(),
        NameRegistry.<GradientKind>builder("gradient method")
            .add("stored", GradientKind.STORED)
            .add("checkpointed", GradientKind.CHECKPOINTED)
            .add("adjoint", GradientKind.ADJOINT)
            .add("memory-free", GradientKind.MEMORY_FREE)
            .build(),
        NameRegistry.<AdjointNorm>builder("adjoint norm")
            .add("full", AdjointNorm.ALL_PARTS)
            .add("mixed", AdjointNorm.MIXED)
            .add("seminorm", AdjointNorm.SEMINORM)
            .add("state-only", AdjointNorm.STATE_ONLY)
            .build());
  }
}

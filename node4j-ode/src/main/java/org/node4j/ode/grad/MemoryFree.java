package org.node4j.ode.grad;

import java.util.List;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.ButcherTableau;
import org.node4j.ode.solver.RungeKutta;
import org.node4j.ode.solver.Solver;
import org.node4j.ode.solver.Tableaus;

/**
 * The memory-free discrete adjoint of Sander, Ablin and Peyre ("Do residual neural networks
 * discretize neural ordinary differential equations?", NeurIPS 2022, §4): the forward pass keeps
 * only the output, and the backward pass reconstructs each step's input approximately by an
 * explicit reverse step, re-runs the forward step from the reconstruction with records and pulls
 * the cotangent back through it.
 *
 * <ul>
 *   <li>{@link #euler()}, for Euler steps (a ResNet x_{n+1} = x_n + h f_n(x_n)): the reverse step
 *       x_n ~ x_{n+1} - h f_n(x_{n+1}) evaluates f_n at the step's <em>output</em>.
 *   <li>{@link #heun()}, for Heun steps (HeunNet: N functions, N - 1 steps using f_i and then
 *       f_{i+1}): a = -h f_{i+1}(x), y = x + a, b = -h f_i(y), x~ = x + (a + b) / 2.
 * </ul>
 *
 * <p><b>Exactness:</b> approximate. With weights smooth in depth the reconstruction error, and so
 * the gradient error, is O(1/N) for Euler and of higher order for Heun (Sander et al. report
 * O(1/N^2)); with rough weights it need not vanish. <b>Memory:</b> O(1) in depth: the output state
 * plus the records of one step; nothing is stored per layer. <b>Cost:</b> per step, 1 (Euler) or 2
 * (Heun) reconstruction evaluations plus the re-run step and its VJPs.
 *
 * <p>The reverse steps invert their own method only: {@link #prepare} accepts the {@code euler}
 * (respectively {@code heun}) tableau with {@link ConstantSteps} and rejects anything else.
 */
public final class MemoryFree implements GradientMethod {

  /** The reverse step. */
  enum Reversal {
    EULER(Tableaus.EULER),
    HEUN(Tableaus.HEUN);

    final ButcherTableau tableau;

    Reversal(ButcherTableau tableau) {
      this.tableau = tableau;
    }
  }

  private static final MemoryFree EULER = new MemoryFree(Reversal.EULER);
  private static final MemoryFree HEUN = new MemoryFree(Reversal.HEUN);

  private final Reversal reversal;

  private MemoryFree(Reversal reversal) {
    this.reversal = reversal;
  }

  /** The reverse Euler reconstruction, for the euler solver with constant steps (ResNets). */
  public static MemoryFree euler() {
    return EULER;
  }

  /** The reverse Heun reconstruction, for the heun solver with constant steps (HeunNets). */
  public static MemoryFree heun() {
    return HEUN;
  }

  /**
   * Returns the reconstruction that reverses {@code solver}'s steps: {@link #euler()} for the euler
   * tableau, {@link #heun()} for the heun tableau.
   *
   * @throws IllegalArgumentException for any other solver, naming the two that have a reversal
   */
  public static MemoryFree forSolver(Solver solver) {
    for (MemoryFree m : List.of(EULER, HEUN)) {
      if (solver instanceof RungeKutta rk && rk.tableau().equals(m.reversal.tableau)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "memory-free reverses euler or heun steps only; got solver '"
            + solver.name()
            + "'. Use solver euler or heun with constant steps, or an exact method (stored,"
            + " checkpointed)");
  }

  /** Returns {@code "memory-free"}: one name for both reversals, which the solver tells apart. */
  @Override
  public String name() {
    return "memory-free";
  }

  /** Returns the name with the reversed scheme, e.g. {@code memory-free (euler)}. */
  @Override
  public String toString() {
    return name() + " (" + reversal.tableau.name() + ")";
  }

  @Override
  public boolean exact() {
    return false;
  }

  @Override
  public void check(SolveSetup forward) {
    RungeKutta solver = GradProblem.rungeKutta(forward, name());
    boolean tableauFits = solver.tableau().equals(reversal.tableau);
    if (!tableauFits || !forward.constantSteps()) {
      throw new IllegalArgumentException(
          name()
              + " ("
              + reversal.tableau.name()
              + " reversal) reverses "
              + reversal.tableau.name()
              + " steps of constant size only; got solver '"
              + solver.name()
              + "' with controller "
              + forward.controller()
              + ". Use solver "
              + reversal.tableau.name()
              + " with ConstantSteps, or an exact method (stored, checkpointed)");
    }
  }

  @Override
  public <S, G> GradientPass<S, G> prepare(GradProblem<S, G> problem) {
    check(problem.setup());
    RungeKutta solver = GradProblem.rungeKutta(problem.setup(), name());
    return new MemoryFreePass<>(name(), problem, solver, reversal);
  }
}

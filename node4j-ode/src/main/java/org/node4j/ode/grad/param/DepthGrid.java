package org.node4j.ode.grad.param;

import org.node4j.ode.StateOps;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.grad.DifferentiableField;
import org.node4j.ode.grad.GradProblem;
import org.node4j.ode.integrate.SolveSetup;
import org.node4j.ode.solver.Solver;
import org.node4j.ode.solver.Solvers;

/**
 * The span, solver and steps that turn a depth-indexed field of N layers (parameter set k serving
 * times of {@link DepthSchedule#unit}(N) index k) into a residual network (Sander, Ablin and Peyre,
 * NeurIPS 2022, Section 3).
 *
 * <p>When N is a power of two every grid time k/N and step size 1/N is exact in floating point, so
 * the Euler solve equals the explicit loop x_{k+1} = x_k + (1/N) f_k(x_k) bit for bit.
 *
 * @param t0 the start of the span
 * @param t1 the end of the span
 * @param solver the method: euler for a ResNet, heun for a HeunNet
 * @param steps the constant steps
 */
public record DepthGrid(double t0, double t1, Solver solver, ConstantSteps steps) {

  /** Euler with N steps on [0, 1]: the ResNet of N layers, step k using layer k. */
  public static DepthGrid resnet(int depth) {
    requireDepth(depth, 1);
    return new DepthGrid(0, 1, Solvers.euler(), ConstantSteps.count(depth));
  }

  /**
   * Heun with steps of size 1/N on [0, (N-1)/N]: the HeunNet of N functions and N - 1 steps, step i
   * using f_i and then f_{i+1}.
   */
  public static DepthGrid heunNet(int depth) {
    requireDepth(depth, 2);
    return new DepthGrid(
        0, (depth - 1) / (double) depth, Solvers.heun(), ConstantSteps.size(1.0 / depth));
  }

  private static void requireDepth(int depth, int min) {
    if (depth < min) {
      throw new IllegalArgumentException("depth must be >= " + min + ", got " + depth);
    }
  }

  /** Returns the gradient problem of {@code field} on this grid. */
  public <S, G> GradProblem<S, G> problem(DifferentiableField<S, G> field, StateOps<S> ops) {
    return GradProblem.builder(field, ops).span(t0, t1).setup(SolveSetup.of(solver, steps)).build();
  }
}

package org.node4j.ode.grad;

import org.node4j.ode.Solution;
import org.node4j.ode.control.ConstantSteps;
import org.node4j.ode.integrate.Integrator;
import org.node4j.ode.integrate.SolveBuffers;
import org.node4j.ode.solver.RungeKutta;

/** The pass of {@link MemoryFree}: keeps z(t1), reconstructs and pulls back step by step. */
final class MemoryFreePass<S, G> extends AbstractPass<S, G> {

  private final MemoryFree.Reversal reversal;
  private final ConstantSteps controller;
  private StepReplay<S, G> replay;
  private final SolveBuffers<S> buffers = new SolveBuffers<>();
  private RecordedStep entry;
  private S x;
  private S ka;
  private S kb;
  private S y;

  private final RungeKutta solver;

  MemoryFreePass(
      String name, GradProblem<S, G> problem, RungeKutta solver, MemoryFree.Reversal reversal) {
    super(name, problem);
    this.solver = solver;
    this.reversal = reversal;
    this.controller = (ConstantSteps) problem.controller();
  }

  @Override
  protected void runForward(S z0, S out) {
    if (replay == null) {
      replay = new StepReplay<>(problem, solver, z0);
      entry = replay.newStep();
      x = ops.zerosLike(z0);
      ka = ops.zerosLike(z0);
      kb = ops.zerosLike(z0);
      y = ops.zerosLike(z0);
    }
    Solution<S> sol = Integrator.solve(problem.spec(problem.field(), z0).build(), buffers);
    keepOutputs(sol, out);
    ops.copyInto(sol.y(), x);
    hold(ops.bytes(x));
  }

  @Override
  protected void runBackward(S adjoint, G gradAcc) {
    double t0 = problem.t0();
    double t1 = problem.t1();
    long n = controller.steps(t0, t1);
    long evaluations = replay.evaluations();
    long vjps = replay.vjps();
    long reconstructions = 0;
    double lastStart = controller.time(n - 1, n, t0, t1);
    replay.beginBackward(jumps(), output(), lastStart, t1 - lastStart, adjoint, gradAcc);
    // The grid of ConstantStepLoop: step i runs from time(i) with h = time(i + 1) - time(i).
    for (long i = n - 1; i >= 0; i--) {
      double ti = controller.time(i, n, t0, t1);
      double end = controller.time(i + 1, n, t0, t1);
      double h = end - ti;
      reconstructions += reconstruct(ti, h);
      replay.replayStages(ti, x, h, entry);
      hold(entry.bytes);
      double prevStart = i > 0 ? controller.time(i - 1, n, t0, t1) : Double.NaN;
      double prevSize = i > 0 ? ti - prevStart : Double.NaN;
      replay.pullBack(entry, end, prevStart, prevSize, adjoint, gradAcc);
      hold(-entry.bytes);
    }
    replay.finishBackward(adjoint);
    hold(-ops.bytes(x));
    backwardEvaluations = replay.evaluations() - evaluations + reconstructions;
    backwardVjps = replay.vjps() - vjps;
  }

  /** Replaces x = x_{i+1} by the reconstruction of x_i; returns the evaluations it took. */
  private int reconstruct(double ti, double h) {
    DifferentiableField<S, G> f = problem.field();
    if (reversal == MemoryFree.Reversal.EULER) {
      f.evaluate(ti, x, ka);
      ops.axpy(-h, ka, x);
      return 1;
    }
    // a = -h f_{i+1}(x), y = x + a, b = -h f_i(y), x~ = x + (a + b) / 2.
    f.evaluate(ti + h, x, ka);
    ops.copyInto(x, y);
    ops.axpy(-h, ka, y);
    f.evaluate(ti, y, kb);
    ops.axpy(-0.5 * h, ka, x);
    ops.axpy(-0.5 * h, kb, x);
    return 2;
  }
}

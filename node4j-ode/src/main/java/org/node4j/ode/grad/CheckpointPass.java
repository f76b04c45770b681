package org.node4j.ode.grad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.node4j.ode.AcceptedStep;
import org.node4j.ode.Solution;
import org.node4j.ode.integrate.Integrator;
import org.node4j.ode.integrate.SolveBuffers;
import org.node4j.ode.solver.RungeKutta;

/**
 * The pass of {@link Checkpointed}: keeps the step grid and some step inputs in the forward pass,
 * recomputes and pulls back segment by segment (interval mode) or by the binomial schedule.
 */
final class CheckpointPass<S, G> extends AbstractPass<S, G> {

  private static final long GRID_BYTES_PER_STEP = 2 * Double.BYTES;

  private final int interval;
  private final long budgetBytes;
  private final List<S> states = new ArrayList<>();
  private final List<RecordedStep> segment = new ArrayList<>();
  private StepReplay<S, G> replay;
  private final SolveBuffers<S> buffers = new SolveBuffers<>();
  private S current;
  private long stateBytes;
  private double[] starts = new double[64];
  private double[] sizes = new double[64];
  private int steps;
  private int stored;

  private final RungeKutta solver;

  CheckpointPass(
      String name, GradProblem<S, G> problem, RungeKutta solver, int interval, long budgetBytes) {
    super(name, problem);
    this.solver = solver;
    this.interval = interval;
    this.budgetBytes = budgetBytes;
  }

  @Override
  protected void runForward(S z0, S out) {
    if (replay == null) {
      replay = new StepReplay<>(problem, solver, z0);
      current = ops.zerosLike(z0);
      stateBytes = ops.bytes(z0);
    }
    if (interval == 0 && budgetBytes < stateBytes) {
      throw new IllegalArgumentException(
          name
              + ": a budget of "
              + budgetBytes
              + " bytes cannot hold one checkpoint of "
              + ops.describe(z0)
              + " ("
              + stateBytes
              + " bytes); raise the budget to at least that");
    }
    steps = 0;
    stored = 0;
    if (interval == 0) {
      keep(z0);
    }
    Solution<S> sol =
        Integrator.solve(problem.spec(problem.field(), z0).observer(this::onStep).build(), buffers);
    keepOutputs(sol, out);
  }

  private void onStep(AcceptedStep<S> step) {
    if (steps == starts.length) {
      starts = Arrays.copyOf(starts, 2 * steps);
      sizes = Arrays.copyOf(sizes, 2 * steps);
    }
    if (interval > 0 && steps % interval == 0) {
      keep(step.y0());
    }
    starts[steps] = step.t0();
    sizes[steps] = step.h();
    steps++;
    hold(GRID_BYTES_PER_STEP);
  }

  private void keep(S y) {
    if (stored == states.size()) {
      states.add(ops.zerosLike(y));
    }
    ops.copyInto(y, states.get(stored++));
    hold(stateBytes);
  }

  @Override
  protected void runBackward(S adjoint, G gradAcc) {
    long evaluations = replay.evaluations();
    long vjps = replay.vjps();
    replay.beginBackward(jumps(), output(), starts[steps - 1], sizes[steps - 1], adjoint, gradAcc);
    if (interval > 0) {
      for (int seg = stored - 1; seg >= 0; seg--) {
        reverseSegment(
            seg * interval, Math.min(steps, (seg + 1) * interval), seg, adjoint, gradAcc);
        hold(-stateBytes);
      }
    } else {
      long slots = Math.min(budgetBytes / stateBytes, steps);
      reverseBinomial(0, steps, 0, (int) slots - 1, adjoint, gradAcc);
      hold(-stateBytes);
    }
    replay.finishBackward(adjoint);
    hold(-GRID_BYTES_PER_STEP * steps);
    backwardEvaluations = replay.evaluations() - evaluations;
    backwardVjps = replay.vjps() - vjps;
  }

  /**
   * Recomputes steps [from, to) with records from checkpoint {@code slot} (or, for slot -1, from
   * the state already in {@code current}), then pulls back through them.
   */
  private void reverseSegment(int from, int to, int slot, S adjoint, G gradAcc) {
    if (slot >= 0) {
      ops.copyInto(states.get(slot), current);
    }
    for (int i = from; i < to; i++) {
      if (segment.size() == i - from) {
        segment.add(replay.newStep());
      }
      RecordedStep e = segment.get(i - from);
      S y1 = replay.replay(starts[i], current, sizes[i], e);
      hold(e.bytes);
      if (i + 1 < to) {
        ops.copyInto(y1, current);
      }
    }
    for (int i = to - 1; i >= from; i--) {
      RecordedStep e = segment.get(i - from);
      double end = i + 1 < steps ? starts[i + 1] : problem.t1();
      double prevStart = i > 0 ? starts[i - 1] : Double.NaN;
      double prevSize = i > 0 ? sizes[i - 1] : Double.NaN;
      replay.pullBack(e, end, prevStart, prevSize, adjoint, gradAcc);
      hold(-e.bytes);
    }
  }

  /** Advances {@code current} from the state in {@code slot} at step {@code from} to step to. */
  private void advance(int slot, int from, int to) {
    ops.copyInto(states.get(slot), current);
    for (int i = from; i < to; i++) {
      ops.copyInto(replay.advance(starts[i], current, sizes[i]), current);
    }
  }

  /**
   * Reverses steps [i, j) whose start state sits in {@code slot}, with {@code free} more slots: the
   * binomial split puts a checkpoint at m so that [m, j) is reversed with free - 1 slots and r
   * sweeps and [i, m) with free slots and r - 1 sweeps (Griewank and Walther 2000).
   */
  private void reverseBinomial(int i, int j, int slot, int free, S adjoint, G gradAcc) {
    int n = j - i;
    if (n == 1) {
      reverseSegment(i, j, slot, adjoint, gradAcc);
      return;
    }
    if (free == 0) {
      for (int m = j - 1; m >= i; m--) {
        advance(slot, i, m);
        reverseSegment(m, m + 1, -1, adjoint, gradAcc);
      }
      return;
    }
    int m = i + split(n, free);
    advance(slot, i, m);
    keepAt(slot + 1, current);
    reverseBinomial(m, j, slot + 1, free - 1, adjoint, gradAcc);
    release();
    reverseBinomial(i, m, slot, free, adjoint, gradAcc);
  }

  private void keepAt(int slot, S y) {
    if (slot == states.size()) {
      states.add(ops.zerosLike(y));
    }
    ops.copyInto(y, states.get(slot));
    hold(stateBytes);
  }

  private void release() {
    hold(-stateBytes);
  }

  /** Returns the length of the first part of n steps reversed with {@code free} slots. */
  static int split(int n, int free) {
    int r = 1;
    while (binomial(free, r) < n) {
      r++;
    }
    return (int) Math.max(1, n - Math.min(n, binomial(free - 1, r)));
  }

  /** Returns C(s + r, s), saturated at Long.MAX_VALUE / 2. */
  static long binomial(int s, int r) {
    double v = 1;
    for (int k = 1; k <= s; k++) {
      v = v * (r + k) / k;
      if (v > Long.MAX_VALUE / 2.0) {
        return Long.MAX_VALUE / 2;
      }
    }
    return Math.round(v);
  }
}

package org.node4j.ode.integrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.node4j.ode.SaveAt;
import org.node4j.ode.StateOps;
import org.node4j.ode.VectorField;
import org.node4j.ode.solver.RkWorkspace;
import org.node4j.ode.solver.Solver;

/**
 * Carries out a {@link SaveAt} policy during one solve, in the saved-state buffers of the solve's
 * {@link SolveBuffers}: for requested times they are taken up front, so saving allocates nothing
 * inside the loop; saving every step takes one per step, allocated the first time buffers see that
 * many steps and reused by their later solves.
 */
final class Recorder<S> {

  private final SaveAt.Kind kind;
  private final StateOps<S> ops;
  private final double[] requested;
  private final double direction;
  private final SolveBuffers<S> buffers;
  private final List<S> states = new ArrayList<>();
  private double[] times;
  private int saved;

  Recorder(SaveAt saveAt, StateOps<S> ops, SolveBuffers<S> buffers, double t0, double t1) {
    this.kind = saveAt.kind();
    this.ops = ops;
    this.buffers = buffers;
    this.requested = saveAt.times();
    this.direction = Math.signum(t1 - t0);
    this.times = kind == SaveAt.Kind.TIMES ? requested : new double[16];
    if (kind == SaveAt.Kind.TIMES) {
      for (int i = 0; i < requested.length; i++) {
        states.add(buffers.saved(i));
      }
    }
  }

  /** Records what the policy wants at the initial time. */
  void start(double t0, S y0) {
    if (kind == SaveAt.Kind.STEPS) {
      append(t0, y0);
    } else if (kind == SaveAt.Kind.TIMES) {
      while (saved < requested.length && requested[saved] == t0) {
        ops.copyInto(y0, states.get(saved++));
      }
    }
  }

  /** Records what the policy wants inside the accepted step held by {@code ws}, ending at tEnd. */
  void afterStep(Solver solver, VectorField<S> f, RkWorkspace<S> ws, double tEnd) {
    if (kind == SaveAt.Kind.STEPS) {
      append(tEnd, ws.y1());
    } else if (kind == SaveAt.Kind.TIMES) {
      while (saved < requested.length && (tEnd - requested[saved]) * direction >= 0) {
        double tau = requested[saved];
        S out = states.get(saved++);
        if (tau == tEnd) {
          ops.copyInto(ws.y1(), out);
        } else {
          solver.interpolate(f, ws, (tau - ws.t0()) / ws.h(), out);
        }
      }
    }
  }

  /** Records the final state for {@link SaveAt#t1()} at the end of a successful solve. */
  void finish(double t1, S y) {
    if (kind == SaveAt.Kind.T1) {
      append(t1, y);
    }
  }

  double[] times() {
    return Arrays.copyOf(times, kind == SaveAt.Kind.TIMES ? saved : states.size());
  }

  List<S> states() {
    return states.subList(0, kind == SaveAt.Kind.TIMES ? saved : states.size());
  }

  private void append(double t, S y) {
    if (states.size() == times.length) {
      times = Arrays.copyOf(times, times.length * 2);
    }
    S s = buffers.saved(states.size());
    ops.copyInto(y, s);
    times[states.size()] = t;
    states.add(s);
  }
}

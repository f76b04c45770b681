package org.node4j.ode.integrate;

import org.node4j.ode.Solution;
import org.node4j.ode.SolverException;
import org.node4j.ode.StateOps;
import org.node4j.ode.Statistics;
import org.node4j.ode.Status;
import org.node4j.ode.VectorField;
import org.node4j.ode.solver.RkWorkspace;
import org.node4j.ode.solver.Solver;

/**
 * The mutable state of one solve, shared by the constant-step and adaptive loops: the current time
 * and state, the solver workspace, the recorder and the counters. Created per solve, never shared;
 * the states live in the solve's {@link SolveBuffers}.
 */
final class SolveRun<S> {

  final SolveSpec<S> spec;
  final VectorField<S> f;
  final StateOps<S> ops;
  final Solver solver;
  final RkWorkspace<S> ws;
  final S y;
  final double direction;
  double t;
  private final Recorder<S> recorder;
  private long extraEvaluations;
  private int accepted;
  private int rejected;
  private double minStep = Double.NaN;
  private double maxStep = Double.NaN;

  private final SolveBuffers<S> buffers;

  /** Starts a solve of {@code spec} in {@code buffers}, already prepared for it. */
  SolveRun(SolveSpec<S> spec, SolveBuffers<S> buffers) {
    this.spec = spec;
    this.f = spec.field();
    this.ops = spec.ops();
    this.solver = spec.solver();
    this.buffers = buffers;
    this.ws = buffers.workspace();
    this.y = buffers.state();
    this.t = spec.t0();
    this.direction = Math.signum(spec.t1() - spec.t0());
    this.recorder = new Recorder<>(spec.saveAt(), ops, buffers, spec.t0(), spec.t1());
    recorder.start(t, y);
  }

  int attempted() {
    return accepted + rejected;
  }

  void countExtraEvaluation() {
    extraEvaluations++;
  }

  void reject() {
    rejected++;
  }

  /**
   * Accepts the step held by the workspace, ending at {@code tEnd}: notifies the observer, saves,
   * moves the state to y1. Returns whether the next step's first stage is already known.
   */
  boolean accept(double tEnd) {
    spec.observer().onAcceptedStep(ws);
    recorder.afterStep(solver, f, ws, tEnd);
    double size = Math.abs(ws.h());
    minStep = accepted == 0 ? size : Math.min(minStep, size);
    maxStep = accepted == 0 ? size : Math.max(maxStep, size);
    accepted++;
    ops.copyInto(ws.y1(), y);
    t = tEnd;
    return ws.advance();
  }

  Statistics statistics() {
    return new Statistics(
        ws.evaluations() + extraEvaluations, accepted, rejected, minStep, maxStep);
  }

  Solution<S> finish() {
    recorder.finish(t, y);
    return solution(Status.SUCCESS);
  }

  SolverException failure(Status status, double h) {
    return new SolverException(status, t, h, solution(status));
  }

  private Solution<S> solution(Status status) {
    S last = buffers.result();
    ops.copyInto(y, last);
    return new Solution<>(status, t, last, recorder.times(), recorder.states(), statistics());
  }
}

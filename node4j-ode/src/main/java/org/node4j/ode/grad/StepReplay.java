package org.node4j.ode.grad;

import java.util.List;
import org.node4j.ode.AcceptedStep;
import org.node4j.ode.SaveAt;
import org.node4j.ode.StateOps;
import org.node4j.ode.solver.RkWorkspace;
import org.node4j.ode.solver.RungeKutta;

/**
 * The step-level machinery shared by the discrete methods: capturing the stage records of an
 * accepted step, re-running a step (with or without records) in an own workspace, and pulling a
 * cotangent back through a recorded step, with the cotangents of saved states added where the
 * backward pass crosses their times ({@link SaveJumps}). Owns its workspace, records and cotangent
 * buffers; after warm-up it allocates nothing. Not thread-safe.
 */
final class StepReplay<S, G> {

  private final DifferentiableField<S, G> field;
  private final StateOps<S> ops;
  private final RungeKutta solver;
  private final RecordingField<S, G> recording;
  private final StepAdjoint<S, G> adjoint;
  private final RkWorkspace<S> ws;
  private final SaveJumps<S> jumps;
  private final double t1;
  private EvalRecord endRecord;
  private S endCotangent;
  private S endPulled;
  private long extraEvaluations;

  StepReplay(GradProblem<S, G> problem, RungeKutta solver, S like) {
    this.ops = problem.ops();
    this.field = problem.field();
    this.solver = solver;
    this.recording = new RecordingField<>(field, ops, like, problem.records());
    this.adjoint = new StepAdjoint<>(solver.tableau(), ops, like);
    this.ws = solver.workspace(ops, like);
    this.t1 = problem.t1();
    this.jumps =
        problem.saveAt().kind() == SaveAt.Kind.TIMES ? new SaveJumps<>(problem, solver) : null;
  }

  /**
   * Starts a backward pass with the saved-time cotangents {@code cotangents} (null for a loss on
   * z(t1) only). The interior saved times of the last step [lastStart, t1] read f(t1, z(t1)): its
   * VJP is taken here, from one extra evaluation at (t1, {@code zT}), into {@code ybar} and {@code
   * gradAcc}.
   */
  void beginBackward(
      List<S> cotangents, S zT, double lastStart, double lastSize, S ybar, G gradAcc) {
    if (jumps == null) {
      return;
    }
    jumps.begin(cotangents);
    if (cotangents == null) {
      return;
    }
    if (endCotangent == null) {
      endCotangent = ops.zerosLike(zT);
      endPulled = ops.zerosLike(zT);
      endRecord = field.newRecord(ops, zT);
    }
    ops.fillZero(endCotangent);
    if (jumps.endDerivativeCotangent(lastStart, lastSize, t1, endCotangent)) {
      field.evaluate(t1, zT, endPulled, endRecord);
      extraEvaluations++;
      field.vjp(endRecord, endCotangent, endPulled, gradAcc);
      ops.axpy(1.0, endPulled, ybar);
    }
  }

  /**
   * Pulls {@code ybar} back through the recorded step {@code e}, which ends at {@code stepEnd} and
   * follows the step [prevStart, prevStart + prevSize] (NaN size for the first step), adding the
   * cotangents of the saved times it crosses; releases the records.
   */
  void pullBack(
      RecordedStep e, double stepEnd, double prevStart, double prevSize, S ybar, G gradAcc) {
    if (jumps == null || !jumps.active()) {
      pullBack(e, ybar, gradAcc);
      return;
    }
    jumps.beforeStep(e.t0, e.h, stepEnd, ybar);
    adjoint.pullBack(field, e.h, e.records, ybar, gradAcc, jumps, prevStart, prevSize);
    jumps.afterStep(ybar);
    release(e);
  }

  /** Ends a backward pass: adds the cotangents saved at t0 into {@code ybar} = dL/dz0. */
  void finishBackward(S ybar) {
    if (jumps != null && jumps.active()) {
      jumps.finish(ybar);
    }
  }

  /** Returns the recording wrapper, to pass as the field of a forward solve. */
  RecordingField<S, G> recording() {
    return recording;
  }

  /** Returns a new, empty step entry. */
  RecordedStep newStep() {
    return new RecordedStep(adjoint.stages());
  }

  /** Moves the records of the needed stages of {@code step} into {@code e}. */
  void capture(AcceptedStep<S> step, RecordedStep e) {
    e.t0 = step.t0();
    e.h = step.h();
    e.bytes = 0;
    for (int i = 0; i < adjoint.stages(); i++) {
      if (adjoint.needed(i)) {
        e.records[i] = recording.take(step.stage(i));
        e.bytes += e.records[i].bytes();
      }
    }
  }

  /** Re-runs the step (t, y, h) with records into {@code e}; returns y1 (workspace-owned). */
  S replay(double t, S y, double h, RecordedStep e) {
    solver.step(recording, t, y, h, ws);
    capture(ws, e);
    return ws.y1();
  }

  /**
   * Re-runs the stages of the step (t, y, h) with records into {@code e}, without forming y1: for a
   * caller that already holds the step's end ({@link RungeKutta#stageRecords}).
   */
  void replayStages(double t, S y, double h, RecordedStep e) {
    solver.stageRecords(recording, recording.recordOnly(), t, y, h, ws);
    capture(ws, e);
  }

  /** Re-runs the step (t, y, h) without records; returns y1 (workspace-owned). */
  S advance(double t, S y, double h) {
    solver.step(field, t, y, h, ws);
    return ws.y1();
  }

  /** Pulls {@code ybar} back through the recorded step {@code e} and releases its records. */
  void pullBack(RecordedStep e, S ybar, G gradAcc) {
    adjoint.pullBack(field, e.h, e.records, ybar, gradAcc);
    release(e);
  }

  /** Gives the records of {@code e} back to the pool without using them. */
  void release(RecordedStep e) {
    for (int i = 0; i < e.records.length; i++) {
      if (e.records[i] != null) {
        recording.release(e.records[i]);
        e.records[i] = null;
      }
    }
  }

  /** Returns the evaluations made in this replay's own workspace and for saved times. */
  long evaluations() {
    return ws.evaluations() + extraEvaluations;
  }

  /** Returns the VJPs taken so far. */
  long vjps() {
    return adjoint.vjps() + extraEvaluations;
  }
}

package org.node4j.ode.grad;

import org.node4j.ode.AcceptedStep;
import org.node4j.ode.StateOps;
import org.node4j.ode.solver.ExplicitRungeKutta;
import org.node4j.ode.solver.RkWorkspace;

/**
 * The step-level machinery shared by the discrete methods: capturing the stage records of an
 * accepted step, re-running a step (with or without records) in an own workspace, and pulling a
 * cotangent back through a recorded step. Owns its workspace, records and cotangent buffers; after
 * warm-up it allocates nothing. Not thread-safe.
 */
final class StepReplay<S, G> {

  private final DifferentiableField<S, G> field;
  private final ExplicitRungeKutta solver;
  private final RecordingField<S, G> recording;
  private final StepAdjoint<S, G> adjoint;
  private final RkWorkspace<S> ws;

  StepReplay(GradProblem<S, G> problem, S like) {
    StateOps<S> ops = problem.ops();
    this.field = problem.field();
    this.solver = problem.solver();
    this.recording = new RecordingField<>(field, ops, like);
    this.adjoint = new StepAdjoint<>(solver.tableau(), ops, like);
    this.ws = solver.workspace(ops, like);
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

  /** Returns the evaluations made in this replay's own workspace. */
  long evaluations() {
    return ws.evaluations();
  }

  /** Returns the VJPs taken so far. */
  long vjps() {
    return adjoint.vjps();
  }
}

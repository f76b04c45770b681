package org.node4j.ode.grad;

import org.node4j.ode.StateOps;
import org.node4j.ode.VectorField;
import org.node4j.ode.solver.RungeKutta;

/**
 * Wraps a {@link DifferentiableField} so that every evaluation made by a solver is recorded, and
 * hands the records of an accepted step to the gradient method without copying them.
 *
 * <p>Records are attached to the <em>output buffer</em> of an evaluation, not to a stage index: the
 * Runge-Kutta workspace rotates its stage buffers (FSAL, reuse of f(t1, y1) as the next first
 * stage), and a record that follows its buffer stays attached to the right stage. {@link #take}
 * detaches the record of a buffer and attaches a fresh one from the pool; {@link #release} gives
 * records back, to the {@link RecordPool} of the problem (shared with other passes) or to one of
 * its own. After the pool has grown to the size a gradient computation needs, nothing is allocated.
 * It also counts its evaluations.
 */
final class RecordingField<S, G> implements VectorField<S> {

  private final DifferentiableField<S, G> field;
  private final StateOps<S> ops;
  private final S like;
  private final RecordPool.Bin pool;
  private Object[] buffers = new Object[16];
  private EvalRecord[] records = new EvalRecord[16];
  private int slots;
  private long evaluations;
  private final VectorField<S> recordOnly = this::recordOnly;

  RecordingField(DifferentiableField<S, G> field, StateOps<S> ops, S like, RecordPool shared) {
    this.field = field;
    this.ops = ops;
    this.like = ops.copy(like);
    this.pool = (shared == null ? RecordPool.create() : shared).bin(field.recordKey(ops, like));
  }

  @Override
  public void evaluate(double t, S z, S dzdt) {
    field.evaluate(t, z, dzdt, recordOf(dzdt));
    evaluations++;
  }

  /**
   * Returns a view of this wrapper whose evaluations only record (see {@link
   * DifferentiableField#record}): their outputs are left unspecified. For the stages of a replayed
   * step that no later stage reads ({@link RungeKutta#stageRecords}).
   */
  VectorField<S> recordOnly() {
    return recordOnly;
  }

  private void recordOnly(double t, S z, S scratch) {
    field.record(t, z, scratch, recordOf(scratch));
    evaluations++;
  }

  /** Returns the record now attached to {@code buffer} and attaches a fresh one in its place. */
  EvalRecord take(S buffer) {
    int i = slot(buffer);
    if (i < 0) {
      throw new IllegalStateException("no evaluation was recorded into this buffer");
    }
    EvalRecord r = records[i];
    records[i] = obtain();
    return r;
  }

  /** Gives a record taken earlier back to the pool. */
  void release(EvalRecord r) {
    pool.release(r);
  }

  /**
   * Returns every attached record to the pool and forgets the buffers: call it before solving with
   * a new workspace, whose buffers are new objects.
   */
  void detachAll() {
    for (int i = 0; i < slots; i++) {
      pool.release(records[i]);
      buffers[i] = null;
      records[i] = null;
    }
    slots = 0;
  }

  /** Returns the number of evaluations made through this wrapper. */
  long evaluations() {
    return evaluations;
  }

  /** Returns the field being recorded. */
  DifferentiableField<S, G> field() {
    return field;
  }

  private EvalRecord recordOf(S buffer) {
    int i = slot(buffer);
    if (i >= 0) {
      return records[i];
    }
    if (slots == buffers.length) {
      buffers = java.util.Arrays.copyOf(buffers, 2 * slots);
      records = java.util.Arrays.copyOf(records, 2 * slots);
    }
    buffers[slots] = buffer;
    records[slots] = obtain();
    return records[slots++];
  }

  private int slot(Object buffer) {
    for (int i = 0; i < slots; i++) {
      if (buffers[i] == buffer) {
        return i;
      }
    }
    return -1;
  }

  private EvalRecord obtain() {
    EvalRecord r = pool.poll();
    if (r == null) {
      r = field.newRecord(ops, like);
      pool.created(r);
    }
    return r;
  }
}

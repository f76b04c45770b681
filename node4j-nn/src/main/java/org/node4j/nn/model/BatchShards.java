package org.node4j.nn.model;

import java.util.Arrays;
import java.util.List;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.ops.Shapes;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.StateOps;
import org.node4j.ode.Tuple;
import org.node4j.ode.TupleOps;
import org.node4j.ode.grad.GradientPass;
import org.node4j.ode.grad.GradientReport;

/**
 * One parallel region per solve: an ODE block's batch cut into shards of rows, each shard
 * integrated through every step, forward and backward, by one thread with a gradient pass and a
 * replica of the field of its own ({@link org.node4j.nn.field.NeuralField#replica}), in the manner
 * of data-parallel training (each replica runs whole passes on its shard of the batch and the
 * parameter gradients are summed at the end). Only fixed-step solves of fields whose samples are
 * independent are sharded ({@link OdeBlock}): an adaptive controller's step sizes depend on the
 * whole batch.
 *
 * <p>Why: the engine's passes are one region per network evaluation ({@code Sequential}), so a
 * solve of S evaluations hands work to the other core 2S times or more per training iteration, and
 * between the regions the solver's state combinations run on the calling thread over the whole
 * batch, so every evaluation's activations move between the cores' caches. Here each core keeps its
 * rows from the first step to the last, and the cores meet twice per iteration. docs/BENCHMARKS.md
 * ("One region per solve") has the measurements.
 *
 * <p>The shards follow the network's own sample chunks ({@code Sequential.passWork}), at most
 * {@link #MAX_SHARDS} of them, fixed by the batch shape and never by the thread count: with one
 * thread the shards run one after the other and give the same bits. Outputs and input cotangents
 * are the same bits as an unsharded solve (every row's arithmetic is unchanged); parameter
 * gradients are summed shard by shard: shard 0 adds into the caller's accumulator as it goes, every
 * other shard into a zeroed accumulator of its own, added in shard order after the region. Those
 * accumulators are the memory this costs: one parameter gradient per extra shard, allocated on the
 * first backward pass and reused. The addition and the zeroing of the accumulators for the next
 * pass run split over the threads by parameter (each element is added in shard order as before, so
 * the bits do not change): done on the calling thread alone, with the zeroing in the other shards'
 * passes, they left the other core idle for some 8 % of a W5 iteration at depth 1024.
 *
 * <p>A failure in any shard fails the whole call: a {@link org.node4j.ode.SolverException} as it is
 * (its time, step size and status are the same whichever shard met them; its partial solution is
 * that shard's), a bad input with the rows of the batch that the shard held.
 *
 * <p>Evaluation counts and steps in the merged {@link GradientReport} are shard 0's (every shard
 * takes the same fixed steps); the bytes held are the sum over the shards; the times are shard 0's,
 * which ran alongside the others.
 */
final class BatchShards {
  /**
   * The most shards a batch is cut into: enough for 4 threads, few enough that the per-shard
   * scratch (a gradient accumulator, a replica's packed and transformed weights) stays small.
   */
  static final int MAX_SHARDS = 4;

  /**
   * The most work per evaluation (forward floating-point operations over the whole batch) of a
   * field whose solves are sharded: 64 MFLOP, about half a millisecond on two cores. Above it the
   * engine's regions last long enough that their hand-offs cost nothing worth saving, while every
   * replica would repeat the weight preparation (packing, Winograd transforms) per optimiser step:
   * W4's convolutions (about 10 GFLOP per evaluation) measured 3 % slower sharded.
   */
  static final long MAX_EVALUATION_FLOPS = 1L << 26;

  private final int[] shape;
  private final DType dtype;
  private final int grain;
  private final int rowSize;
  private final int rows;
  private final List<GradientPass<Tensor, Tuple>> passes;
  private final StateOps<Tuple> gradOps;
  private final Tensor[] in;
  private final Tensor[] dOut;
  private final Tensor[] dIn;
  private final Tuple[] acc;
  private final GradientReport[] reports;
  private final Tensor y;
  private final Parallel.RangeBody forwardBody = this::forwardShards;
  private final Parallel.RangeBody backwardBody = this::backwardShards;
  private final Parallel.RangeBody reduceBody = this::reduceParts;

  /**
   * The least size of a parameter gradient whose reduction is split over the threads: 1 MiB; a
   * smaller one (W1's) costs less than handing it to another thread.
   */
  static final long SPLIT_REDUCTION_BYTES = 1L << 20;

  /** Whether every extra shard's accumulator holds zeros (fresh, or reduced and zeroed). */
  private boolean accumulatorsZero = true;

  /**
   * The parts per chunk of the reduction: 1 (split over the threads) for a tuple gradient of at
   * least {@link #SPLIT_REDUCTION_BYTES}, all of them (one chunk, inline) for a smaller one, 0 for
   * a gradient that is not a tuple. Set with the accumulators, whose size it follows.
   */
  private int reductionGrain;

  // The running call's arguments, set before its region and cleared after it.
  private Tensor x;
  private Tensor dLdOut;
  private Tensor dLdIn;
  private Tuple gradAcc;

  /**
   * Shards inputs of {@code shape} into chunks of {@code grain} rows ({@link #grain}), run by
   * {@code passes}, one per shard: the block's own field's first, then those of replicas that read
   * the same parameters.
   */
  BatchShards(
      int[] shape,
      DType dtype,
      int grain,
      List<GradientPass<Tensor, Tuple>> passes,
      StateOps<Tuple> gradOps) {
    if (passes.size() < 2 || Parallel.chunkCount(shape[0], grain) != passes.size()) {
      throw new IllegalArgumentException(
          passes.size()
              + " passes for "
              + Parallel.chunkCount(shape[0], grain)
              + " shards of "
              + grain
              + " rows");
    }
    this.shape = shape.clone();
    this.dtype = dtype;
    this.grain = grain;
    this.rows = shape[0];
    this.rowSize = Shapes.sizeFrom(shape, 1);
    this.passes = List.copyOf(passes);
    this.gradOps = gradOps;
    int n = passes.size();
    this.in = new Tensor[n];
    this.dOut = new Tensor[n];
    this.dIn = new Tensor[n];
    this.acc = new Tuple[n];
    this.reports = new GradientReport[n];
    for (int s = 0; s < n; s++) {
      int[] part = shape.clone();
      part[0] = rowsOf(s);
      in[s] = Tensor.zeros(dtype, part);
      dOut[s] = Tensor.zeros(dtype, part);
      dIn[s] = Tensor.zeros(dtype, part);
    }
    this.y = Tensor.zeros(dtype, shape);
  }

  /**
   * Returns the rows per shard of a batch of {@code rows} rows whose network passes run in chunks
   * of {@code passGrain} samples (0: layer by layer, and the batch is not sharded): the chunks,
   * merged into at most {@link #MAX_SHARDS} equal shards.
   */
  static int grain(int rows, int passGrain) {
    if (passGrain <= 0 || passGrain >= rows) {
      return rows;
    }
    int shards = Math.min(MAX_SHARDS, (rows + passGrain - 1) / passGrain);
    return (rows + shards - 1) / shards;
  }

  /** Returns the number of shards. */
  int count() {
    return passes.size();
  }

  /** Returns whether these shards serve inputs of {@code like}'s shape and dtype. */
  boolean serves(Tensor like) {
    return like.dtype() == dtype && Arrays.equals(shape, like.shape());
  }

  /** Runs every shard's forward solve; returns the output, owned and reused by these shards. */
  Tensor forward(Tensor input) {
    x = input;
    try {
      Parallel.forChunks(passes.size(), 1, forwardBody);
    } finally {
      x = null;
    }
    return y;
  }

  /**
   * Runs every shard's backward pass, writes dL/dx into {@code dLdx} and adds the parameter
   * gradients into {@code grads} (shard 0 as it goes, the others' sums after the region, in shard
   * order).
   */
  GradientReport backward(Tensor dLdy, Tensor dLdx, Tuple grads) {
    for (int s = 1; s < acc.length; s++) {
      if (acc[s] == null) {
        acc[s] = gradOps.zerosLike(grads);
        reductionGrain = reductionGrain(grads);
      } else if (!accumulatorsZero) {
        gradOps.fillZero(acc[s]); // a pass failed after writing into it
      }
    }
    accumulatorsZero = false;
    dLdOut = dLdy;
    dLdIn = dLdx;
    gradAcc = grads;
    try {
      Parallel.forChunks(passes.size(), 1, backwardBody);
      reduce(grads);
    } finally {
      dLdOut = null;
      dLdIn = null;
      gradAcc = null;
    }
    accumulatorsZero = true;
    return merged();
  }

  /**
   * Adds the extra shards' accumulators into {@code grads} in shard order and zeroes them for the
   * next pass, part by part in chunks of {@link #reductionGrain} parts.
   */
  private void reduce(Tuple grads) {
    if (reductionGrain > 0) {
      Parallel.forChunks(grads.size(), reductionGrain, reduceBody);
      return;
    }
    for (int s = 1; s < acc.length; s++) {
      gradOps.axpy(1.0, acc[s], grads);
      gradOps.fillZero(acc[s]);
    }
  }

  private int reductionGrain(Tuple grads) {
    if (!(gradOps instanceof TupleOps)) {
      return 0;
    }
    return gradOps.bytes(grads) >= SPLIT_REDUCTION_BYTES ? 1 : grads.size();
  }

  private void reduceParts(int from, int to) {
    TupleOps ops = (TupleOps) gradOps;
    for (int i = from; i < to; i++) {
      StateOps<Object> part = ops.part(i);
      Object into = gradAcc.part(i);
      for (int s = 1; s < acc.length; s++) {
        Object shard = acc[s].part(i);
        part.axpy(1.0, shard, into);
        part.fillZero(shard);
      }
    }
  }

  /** Returns the bytes the shards' pending forward passes hold for their backward passes. */
  long bytesHeld() {
    long sum = 0;
    for (GradientPass<Tensor, Tuple> p : passes) {
      sum += p.bytesHeld();
    }
    return sum;
  }

  private int rowsOf(int s) {
    return Math.min(rows, (s + 1) * grain) - s * grain;
  }

  private void forwardShards(int from, int to) {
    for (int s = from; s < to; s++) {
      int offset = s * grain * rowSize;
      int length = rowsOf(s) * rowSize;
      in[s].copyRange(x, offset, 0, length);
      Tensor out;
      try {
        out = passes.get(s).forward(in[s]);
      } catch (IllegalArgumentException e) {
        throw inShard(s, x, e);
      }
      y.copyRange(out, 0, offset, length);
    }
  }

  /**
   * Returns {@code e} (a bad input found by shard {@code s}'s solve, which names the shard's own
   * tensor) with the rows of {@code batch} it holds, so that the message points at the caller's
   * batch.
   */
  private IllegalArgumentException inShard(int s, Tensor batch, IllegalArgumentException e) {
    return new IllegalArgumentException(
        "rows "
            + s * grain
            + ".."
            + (s * grain + rowsOf(s) - 1)
            + " of the batch "
            + batch
            + " (shard "
            + (s + 1)
            + " of "
            + passes.size()
            + "): "
            + e.getMessage(),
        e);
  }

  private void backwardShards(int from, int to) {
    for (int s = from; s < to; s++) {
      int offset = s * grain * rowSize;
      int length = rowsOf(s) * rowSize;
      dOut[s].copyRange(dLdOut, offset, 0, length);
      Tuple into = s == 0 ? gradAcc : acc[s];
      try {
        reports[s] = passes.get(s).backward(dOut[s], dIn[s], into);
      } catch (IllegalArgumentException e) {
        throw inShard(s, dLdOut, e);
      }
      dLdIn.copyRange(dIn[s], 0, offset, length);
    }
  }

  private GradientReport merged() {
    GradientReport r = reports[0];
    long bytes = 0;
    for (GradientReport p : reports) {
      bytes += p.peakBytesHeld();
    }
    return new GradientReport(
        r.method(),
        r.forwardEvaluations(),
        r.backwardEvaluations(),
        r.backwardVjps(),
        r.forwardSteps(),
        bytes,
        r.forwardNanos(),
        r.backwardNanos());
  }
}

package org.node4j.ode.grad;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The evaluation records of several gradient passes in one pool, so that passes which never need
 * their records at the same time hold one set between them: the ODE blocks of a network, whose
 * backward passes run one after the other.
 *
 * <p>Why: a pass keeps the records it has used for the next iteration, so that training allocates
 * nothing per step ({@link GradientPass}). With one pool per pass, a network of L blocks that
 * recompute N_t steps each in their backward pass (ANODE's checkpointing; Gholami, Keutzer and
 * Biros, IJCAI 2019, Section 3) would keep L sets of N_t steps' records after an iteration, L·N_t
 * like backpropagation, although only one block's recomputed steps are ever live. Sharing one pool,
 * block i takes the records block i+1 has just released: the network keeps one block's N_t steps of
 * records, plus the few records every pass keeps attached to its solver's stage buffers, O(L) +
 * O(N_t) as the paper states.
 *
 * <p>Records are handed only between fields whose {@link DifferentiableField#recordKey} are equal
 * for the state shape; each key has its own free list, so a pool shared by fields of different
 * record kinds holds the sum of what each kind needs at its peak. Give a pool to the problems with
 * {@link GradProblem.Builder#records}; a problem without one gets a pool of its own per pass. Not
 * thread-safe: the passes that share a pool must run one at a time.
 */
public final class RecordPool {

  private final Map<Object, Bin> bins = new HashMap<>();
  private long bytes;
  private int records;

  private RecordPool() {}

  /** Returns a new, empty pool. */
  public static RecordPool create() {
    return new RecordPool();
  }

  /**
   * Returns the bytes of every record made for this pool so far, free or in use ({@link
   * EvalRecord#bytes()}): what its passes keep of records between iterations.
   */
  public long bytes() {
    return bytes;
  }

  /** Returns the number of records made for this pool so far, free or in use. */
  public int records() {
    return records;
  }

  /** Returns the free list of records of {@code key}, creating it on first use. */
  Bin bin(Object key) {
    return bins.computeIfAbsent(key, k -> new Bin());
  }

  /** The free records of one key. */
  final class Bin {
    private final ArrayDeque<EvalRecord> free = new ArrayDeque<>();

    /** Returns a free record, or null when there is none. */
    EvalRecord poll() {
      return free.poll();
    }

    /** Gives {@code r} back. */
    void release(EvalRecord r) {
      free.push(r);
    }

    /** Counts a record just made for this pool. */
    void created(EvalRecord r) {
      bytes += r.bytes();
      records++;
    }
  }
}

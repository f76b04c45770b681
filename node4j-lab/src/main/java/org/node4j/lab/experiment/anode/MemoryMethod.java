package org.node4j.lab.experiment.anode;

import org.node4j.ode.grad.Checkpointed;
import org.node4j.ode.grad.ContinuousAdjoint;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.StoredStages;

/**
 * The gradient methods of ANODE's memory comparison (Gholami et al., IJCAI 2019, Section 3), with
 * the growth each is claimed to have in the number of ODE blocks L and of steps N_t.
 */
public enum MemoryMethod {
  /** Back-propagation through every stored stage: O(L * N_t). */
  BACKPROP("backprop", "O(L·N_t)"),
  /** ANODE: each block keeps its input, recomputes its N_t steps in the backward: O(L) + O(N_t). */
  ANODE("anode", "O(L) + O(N_t)"),
  /**
   * Binomial (Revolve) checkpointing within each block under a budget of {@link
   * #BINOMIAL_CHECKPOINTS} block states: O(L) in the checkpoints, with O(log N_t) recomputations.
   */
  BINOMIAL("binomial", "O(L) (budget per block)"),
  /** The continuous adjoint (OTD): each block keeps z(1) only: O(L). */
  OTD("otd", "O(L)");

  /** Checkpoints of one block state that the binomial budget holds. */
  public static final int BINOMIAL_CHECKPOINTS = 2;

  private final String id;
  private final String claim;

  MemoryMethod(String id, String claim) {
    this.id = id;
    this.claim = claim;
  }

  /** Returns the name in cell ids, results.csv and the report. */
  public String id() {
    return id;
  }

  /** Returns the paper's (or Revolve's) memory growth. */
  public String claim() {
    return claim;
  }

  /** Returns the method for blocks of {@code steps} steps and states of {@code stateBytes}. */
  public GradientMethod method(int steps, long stateBytes) {
    return switch (this) {
      case BACKPROP -> StoredStages.create();
      case ANODE -> Checkpointed.every(steps);
      case BINOMIAL -> Checkpointed.binomial(BINOMIAL_CHECKPOINTS * stateBytes);
      case OTD -> ContinuousAdjoint.create();
    };
  }

  /** Returns the method named {@code id}, listing the valid names otherwise. */
  public static MemoryMethod byId(String id) {
    return Ids.byId(values(), v -> v.id, "memory method", id);
  }
}

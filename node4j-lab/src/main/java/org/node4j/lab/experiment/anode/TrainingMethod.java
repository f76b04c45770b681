package org.node4j.lab.experiment.anode;

import org.node4j.ode.grad.Checkpointed;
import org.node4j.ode.grad.ContinuousAdjoint;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.StoredStages;

/**
 * The three ways ANODE's training comparison differentiates every ODE block (Gholami et al. 2019,
 * §3).
 */
public enum TrainingMethod {
  /** Back-propagation through the stored stages: exact, O(L N_t) memory. */
  BACKPROP("backprop"),
  /** ANODE: checkpoint the block input, recompute and back-propagate: exact. */
  DTO("dto"),
  /** The continuous adjoint with the forward scheme and N_t backward: approximate. */
  OTD("otd");

  private final String id;

  TrainingMethod(String id) {
    this.id = id;
  }

  /** Returns the name in cell ids, results.csv and the report. */
  public String id() {
    return id;
  }

  /** Returns the gradient method for blocks of {@code steps} steps. */
  public GradientMethod method(int steps) {
    return switch (this) {
      case BACKPROP -> StoredStages.create();
      case DTO -> Checkpointed.every(steps);
      case OTD -> ContinuousAdjoint.create();
    };
  }

  /** Returns the method named {@code id}, listing the valid names otherwise. */
  public static TrainingMethod byId(String id) {
    return Ids.byId(values(), v -> v.id, "training method", id);
  }
}

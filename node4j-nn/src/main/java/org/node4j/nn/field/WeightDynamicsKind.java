package org.node4j.nn.field;

import java.util.List;
import org.node4j.nn.param.Parameter;

/**
 * The choices of ANODEV2's weight dynamics theta' = q(theta; p) (Zhang et al., NeurIPS 2019), each
 * built for a given list of weight tensors with its p initialised so that the network starts where
 * a plain neural ODE would (q = 0 at p's initial value, except for the fixed decay of {@link
 * #DECAY_GAIN_DRIFT}).
 */
public enum WeightDynamicsKind {
  /** q = 0: the weights stay at theta(0), a plain neural ODE (ANODE). */
  ZERO("zero"),
  /** {@link ParameterDynamics}: q_j = -lambda theta_j + g_j tanh(theta_j) + b_j. */
  DECAY_GAIN_DRIFT("gain-drift"),
  /** {@link ReactionDiffusionAdvection} on each convolution kernel's spatial grid. */
  REACTION_DIFFUSION_ADVECTION("rda");

  private final String id;

  WeightDynamicsKind(String id) {
    this.id = id;
  }

  /** Returns the name used in configurations, the command line and reports. */
  public String id() {
    return id;
  }

  /**
   * Builds q for the weights {@code theta}.
   *
   * @param lambda the fixed decay rate of {@link #DECAY_GAIN_DRIFT} (ignored by the others)
   */
  public WeightDynamics build(List<Parameter> theta, double lambda) {
    return switch (this) {
      case ZERO -> ZeroDynamics.of(theta);
      case DECAY_GAIN_DRIFT -> ParameterDynamics.decayGainDrift(theta, lambda);
      case REACTION_DIFFUSION_ADVECTION -> ReactionDiffusionAdvection.of(theta);
    };
  }

  /**
   * Returns the kind named {@code id}.
   *
   * @throws IllegalArgumentException naming the valid ids if none matches
   */
  public static WeightDynamicsKind fromId(String id) {
    for (WeightDynamicsKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown weight dynamics '" + id + "'; valid: zero, gain-drift, rda");
  }
}

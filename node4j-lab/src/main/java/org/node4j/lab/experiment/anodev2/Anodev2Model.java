package org.node4j.lab.experiment.anodev2;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.node4j.lab.experiment.anode.TrainingMethod;
import org.node4j.nn.field.WeightDynamicsKind;
import org.node4j.nn.model.OdeResNet;

/**
 * The networks {@code experiment anodev2} compares, all with the same layers and the same ODE-block
 * body f = ReLU(conv3x3(ReLU(conv3x3 z))) per stage, so of the same size but for q's few
 * coefficients p.
 */
public enum Anodev2Model {
  /** The baseline: each stage's block is one residual step z + f(z) (Euler, N_t = 1, backprop). */
  RESNET("resnet", null),
  /** ANODE: a neural ODE block, Euler with N_t steps, DTO (checkpointed). */
  ANODE("anode", null),
  /** ANODEV2 with q_j = -lambda theta_j + g_j tanh(theta_j) + b_j, DTO. */
  ANODEV2_GAIN_DRIFT("anodev2-gain-drift", WeightDynamicsKind.DECAY_GAIN_DRIFT),
  /** ANODEV2 with the reaction-diffusion-advection q on the kernels, DTO. */
  ANODEV2_RDA("anodev2-rda", WeightDynamicsKind.REACTION_DIFFUSION_ADVECTION);

  private final String id;
  private final WeightDynamicsKind dynamics;

  Anodev2Model(String id, WeightDynamicsKind dynamics) {
    this.id = id;
    this.dynamics = dynamics;
  }

  /** Returns the id used in cell names, results.csv and the report. */
  public String id() {
    return id;
  }

  /** Returns the training method of every block. */
  public TrainingMethod method() {
    return this == RESNET ? TrainingMethod.BACKPROP : TrainingMethod.DTO;
  }

  /** Returns the N_t of every block, given the ODE models' N_t. */
  public int steps(int odeSteps) {
    return this == RESNET ? 1 : odeSteps;
  }

  /** Returns what this model changes in the network's builder. */
  public UnaryOperator<OdeResNet.Builder> variant(double lambda) {
    return dynamics == null ? UnaryOperator.identity() : b -> b.weightDynamics(dynamics, lambda);
  }

  /**
   * Returns the model named {@code id}.
   *
   * @throws IllegalArgumentException naming the valid ids if none matches
   */
  public static Anodev2Model byId(String id) {
    for (Anodev2Model m : values()) {
      if (m.id.equals(id)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown model '"
            + id
            + "'; valid: "
            + String.join(", ", Arrays.stream(values()).map(Anodev2Model::id).toList()));
  }
}

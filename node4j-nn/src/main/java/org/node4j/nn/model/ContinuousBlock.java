package org.node4j.nn.model;

import java.util.List;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.GradientReport;
import org.node4j.ode.integrate.SolveSetup;

/**
 * A stage's continuous-depth block in an {@link OdeResNet}: an {@link OdeBlock} (ANODE, Gholami et
 * al. 2019) or an {@link Anodev2Block} whose weights evolve too (Zhang et al. 2019). Training runs
 * {@link #forward} then {@link #backward}; gradients go into the parameters' own buffers.
 */
public interface ContinuousBlock {

  /** Returns the trainable parameters. */
  List<Parameter> parameters();

  /**
   * Returns the parameters that a network's initialisation must leave as the block built them (the
   * coefficients of ANODEV2's weight dynamics start at zero); none by default.
   */
  default List<Parameter> keepInitial() {
    return List.of();
  }

  /** Sets the gradient method; the block is unchanged if it throws. */
  void setMethod(GradientMethod method);

  /** Sets the training solver and controller; the block is unchanged if it throws. */
  void setIntegration(SolveSetup setup);

  /** Solves from {@code z0} and keeps what the backward pass needs; returns z(t1), owned. */
  Tensor forward(Tensor z0);

  /** Pulls dL/dz(t1) back: writes dL/dz0, adds the parameter gradients to their buffers. */
  GradientReport backward(Tensor dLdzT, Tensor dLdz0);

  /** Returns the bytes the pending forward pass holds for its backward pass (0 if none). */
  long bytesHeld();

  /** Solves from {@code z0} with the training setup, keeping nothing; returns z(t1). */
  Tensor evaluate(Tensor z0);
}

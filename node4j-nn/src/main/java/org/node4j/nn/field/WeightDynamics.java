package org.node4j.nn.field;

import java.util.List;
import org.node4j.nn.param.Parameter;
import org.node4j.ode.Tuple;
import org.node4j.ode.grad.DifferentiableField;

/**
 * The law theta' = q(t, theta; p) by which a network's weights evolve in ANODEV2 (Zhang, Yao,
 * Gholami et al., NeurIPS 2019). The state is the tuple of weight tensors; the gradient type is a
 * {@link Tuple} of p's values, in the order of {@link #parameters()}, or one unused scalar when q
 * has no parameters (a {@link Tuple} is never empty).
 *
 * <p>Choose a law with {@link WeightDynamicsKind}.
 */
public interface WeightDynamics extends DifferentiableField<Tuple, Tuple> {

  /** Returns p, the learned parameters of q (possibly none). */
  List<Parameter> parameters();

  /** Returns p's own gradient buffers as a tuple: the copy-free accumulator for an optimiser. */
  Tuple ownGradient();

  /** Returns how many weight tensors theta these dynamics were built for. */
  int thetaTensors();
}

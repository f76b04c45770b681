package org.node4j.nn.optim;

import java.util.List;

/**
 * Updates parameters in place from their accumulated gradients.
 *
 * <p>A training iteration is {@code zeroGrad()}, forward, backward (layers add into each
 * parameter's gradient), optional clipping ({@link GradClip}), then {@code step()}. Steps allocate
 * nothing: all state is allocated when the optimiser is built.
 */
public interface Optimizer {

  /** Applies one update to every parameter of every group. */
  void step();

  /** Clears the gradients of every parameter. */
  void zeroGrad();

  /** Returns the parameter groups, whose learning rates schedules may change. */
  List<ParamGroup> groups();

  /** Returns the number of steps taken, the {@code t} of Adam's bias correction. */
  long steps();

  /**
   * Returns a deep copy of the whole mutable state (step count, moments or momentum buffers, each
   * group's learning rate) as named tensors, so that a checkpoint can save it.
   */
  OptimizerState exportState();

  /**
   * Restores a state exported by an optimiser of the same kind, options and parameters; training
   * then continues exactly as if it had not been interrupted.
   *
   * @throws IllegalArgumentException naming every missing, unexpected or mismatched entry; the
   *     optimiser is unchanged when this is thrown
   */
  void importState(OptimizerState state);
}

package org.node4j.nn.init;

/**
 * Which fan a variance-scaling initialiser preserves, as PyTorch's {@code mode} argument of {@code
 * torch.nn.init.kaiming_normal_}.
 *
 * <p>{@link #FAN_IN} keeps the variance of activations in the forward pass; {@link #FAN_OUT} keeps
 * the variance of gradients in the backward pass (He et al. 2015, "Delving Deep into Rectifiers",
 * §2.2).
 */
public enum FanMode {
  /** Scale by the number of inputs feeding one output. */
  FAN_IN,
  /** Scale by the number of outputs fed by one input. */
  FAN_OUT
}

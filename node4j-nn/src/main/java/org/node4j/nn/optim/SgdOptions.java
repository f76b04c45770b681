package org.node4j.nn.optim;

/**
 * The hyperparameters of {@link Sgd} shared by all groups (learning rate and weight decay live in
 * {@link ParamGroup}), with PyTorch's meaning and validation.
 *
 * @param momentum the momentum factor μ, {@code >= 0}; 0 disables the buffer
 * @param dampening the dampening τ applied to new gradients in the buffer, in [0, 1]
 * @param nesterov Nesterov momentum; needs μ > 0 and τ = 0, as in PyTorch
 */
public record SgdOptions(double momentum, double dampening, boolean nesterov) {

  /** Validates the options. */
  public SgdOptions {
    if (!(momentum >= 0) || !Double.isFinite(momentum)) {
      throw new IllegalArgumentException("momentum must be finite and >= 0, got " + momentum);
    }
    if (!(dampening >= 0 && dampening <= 1)) {
      throw new IllegalArgumentException("dampening must be in [0, 1], got " + dampening);
    }
    if (nesterov && (momentum <= 0 || dampening != 0)) {
      throw new IllegalArgumentException(
          "Nesterov momentum requires momentum > 0 and dampening = 0, got momentum="
              + momentum
              + " dampening="
              + dampening);
    }
  }

  /** Plain gradient descent: no momentum. */
  public static SgdOptions plain() {
    return new SgdOptions(0, 0, false);
  }

  /** Heavy-ball momentum μ without dampening, e.g. the seeds' 0.9. */
  public static SgdOptions momentum(double momentum) {
    return new SgdOptions(momentum, 0, false);
  }

  /** Nesterov momentum μ. */
  public static SgdOptions nesterov(double momentum) {
    return new SgdOptions(momentum, 0, true);
  }

  /** Returns a copy with the given dampening. */
  public SgdOptions withDampening(double dampening) {
    return new SgdOptions(momentum, dampening, nesterov);
  }
}

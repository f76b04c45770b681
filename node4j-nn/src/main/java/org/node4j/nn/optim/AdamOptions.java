package org.node4j.nn.optim;

/**
 * The hyperparameters of {@link Adam} shared by all groups, with PyTorch's defaults and validation.
 *
 * @param beta1 decay of the first moment, in [0, 1)
 * @param beta2 decay of the second moment, in [0, 1)
 * @param eps added to the bias-corrected root of the second moment, {@code >= 0}
 * @param amsgrad use the running maximum of the second moment (Reddi et al. 2018)
 * @param decoupled decay weights by {@code p *= 1 - lr λ} before the update (AdamW, Loshchilov and
 *     Hutter 2019) instead of adding {@code λ p} to the gradient (Adam's L2)
 */
public record AdamOptions(
    double beta1, double beta2, double eps, boolean amsgrad, boolean decoupled) {

  /** Validates the options. */
  public AdamOptions {
    requireBeta("beta1", beta1);
    requireBeta("beta2", beta2);
    if (!(eps >= 0) || !Double.isFinite(eps)) {
      throw new IllegalArgumentException("eps must be finite and >= 0, got " + eps);
    }
  }

  /** {@code torch.optim.Adam}'s defaults: betas (0.9, 0.999), eps 1e-8, L2 weight decay. */
  public static AdamOptions adam() {
    return new AdamOptions(0.9, 0.999, 1e-8, false, false);
  }

  /**
   * {@code torch.optim.AdamW}'s defaults: as Adam with decoupled weight decay (PyTorch's default
   * decay 0.01 is set on the {@link ParamGroup}).
   */
  public static AdamOptions adamW() {
    return new AdamOptions(0.9, 0.999, 1e-8, false, true);
  }

  /** Returns a copy with the given betas. */
  public AdamOptions withBetas(double beta1, double beta2) {
    return new AdamOptions(beta1, beta2, eps, amsgrad, decoupled);
  }

  /** Returns a copy with the given eps. */
  public AdamOptions withEps(double eps) {
    return new AdamOptions(beta1, beta2, eps, amsgrad, decoupled);
  }

  /** Returns a copy with AMSGrad switched on or off. */
  public AdamOptions withAmsgrad(boolean amsgrad) {
    return new AdamOptions(beta1, beta2, eps, amsgrad, decoupled);
  }

  private static void requireBeta(String name, double beta) {
    if (!(beta >= 0 && beta < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), got " + beta);
    }
  }
}
